import { ManualClock } from '@sessionkit/core';
import express from 'express';
import jwt from 'jsonwebtoken';
import type { Connection } from 'mongoose';
import type { JwtAuthenticateOptions, MongoSessionStore, SessionKit } from '../src/index.js';
import { createSessionKit, limitReachedBody } from '../src/index.js';
import { CHROME_UA, serve, storeOfItsOwn } from './modeHost.js';
import { countingStore } from './countingStore.js';
import { CSRF_SECRET, TENANT, directory } from './support.js';

export const SIGNING_KEY = 'the host-s own JWT signing key, not the kit-s';

export interface JwtHost {
  kit: SessionKit;
  url: string;
  clock: ManualClock;
  counted: ReturnType<typeof countingStore<MongoSessionStore>>;
  /** Signs in through the host's login: the access token it answers carries the kit's `sid`. */
  login(userId: string): Promise<string>;
  /** A request with the token as a Bearer, from a Chrome user agent. */
  call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

/** A host that signs its own JWTs (jsonwebtoken), with the kit's JWT middleware in front of its API. */
export async function startJwtHost(
  connection: Connection,
  options: Partial<JwtAuthenticateOptions> = {},
): Promise<JwtHost> {
  const clock = new ManualClock('2026-01-15T09:00:00.000Z');
  const store = await storeOfItsOwn(connection);
  const counted = countingStore(store);
  const kit = createSessionKit({
    store: counted.store,
    directory,
    csrfSecret: CSRF_SECRET,
    sweepIntervalMs: 0,
    defaultTenantId: TENANT,
    clock,
  });
  const app = express();
  app.set('trust proxy', true);
  app.use(express.json());
  app.post('/auth/login', async (req, res) => {
    const { userId } = req.body as { userId: string };
    const result = await kit.jwt.issue(req, { userId });
    if (result.status === 'limit_reached') {
      res.status(409).json(limitReachedBody(result));
      return;
    }
    res.json({ token: jwt.sign({ sub: userId, sid: result.sid }, SIGNING_KEY, { expiresIn: '15m' }) });
  });
  const verify = (token: string) => jwt.verify(token, SIGNING_KEY);
  app.use('/api', kit.jwt.authenticate({ verify, ...options }));
  app.post('/api/refresh', (req, res) => {
    // A new short-lived token for the same session: the sid claim is copied, never re-issued.
    const claims = jwt.verify(String(req.headers.authorization).slice(7), SIGNING_KEY) as jwt.JwtPayload;
    res.json({ token: jwt.sign({ sub: claims.sub, sid: claims.sid }, SIGNING_KEY, { expiresIn: '15m' }) });
  });
  app.post('/api/logout', async (req, res) => {
    res.json({ ended: (await kit.endSession(req, res))?.id ?? null });
  });
  app.get('/api/hello', (req, res) => {
    res.json({ user: req.sessionKit?.userId, via: req.sessionKit?.via });
  });
  app.use('/api/sessions', kit.router);
  const { url, stop } = await serve(app);
  const call: JwtHost['call'] = async (method, path, token, body) => {
    const headers: Record<string, string> = { 'user-agent': CHROME_UA, 'x-forwarded-for': '81.2.69.142' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    kit,
    url,
    clock,
    counted,
    call,
    async login(userId) {
      const reply = await call('POST', '/auth/login', null, { userId });
      if (reply.status !== 200)
        throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.token as string;
    },
    async close() {
      await kit.close();
      await stop();
    },
  };
}

import { ManualClock, MemorySessionStore } from '@sessionkit/core';
import express from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionKit } from '../src/index.js';
import { createSessionKit } from '../src/index.js';
import { serve } from './modeHost.js';
import type { TestHost } from './support.js';
import { CSRF_SECRET, Client, TENANT, directory, startHost } from './support.js';

// What docs/integration.md ("Rotating csrfSecret", section 7) says happens to each mode's sessions when the
// kit restarts with a new `csrfSecret` on the same store: the old kit stops, a new one takes its place.

const ROTATED = 'a-new-csrf-secret-after-rotation-0123456789';
const SIGNING_KEY = 'the host-s own JWT signing key';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A browser that moved to the restarted host: the same cookies, the new address. */
function sameBrowser(client: Client, url: string): Client {
  const moved = new Client(url);
  for (const [name, value] of client.cookies) moved.cookies.set(name, value);
  moved.bearer = client.bearer;
  return moved;
}

describe('native mode, csrfSecret rotated', () => {
  it('keeps every session signed in, but refuses a cookie session’s changes (403 csrf) until it signs in again; bearer sessions carry on', async () => {
    const store = new MemorySessionStore();
    const before: TestHost = await startHost({ store, csrfSecret: CSRF_SECRET });
    const browser = await before.login('u_ada');
    const app = before.anonymous();
    const issued = await app.post('/auth/login', { userId: 'u_ada', kind: 'mobile' });
    app.bearer = issued.body.secret as string;
    expect((await browser.post('/api/hello')).status).toBe(200);
    await before.close();

    const after = await startHost({ store, csrfSecret: ROTATED });
    closers.push(() => after.close());
    const returning = sameBrowser(browser, after.url);
    expect((await returning.get('/api/hello')).body.userId).toBe('u_ada');
    const change = await returning.post('/api/hello');
    expect([change.status, change.body.error]).toEqual([403, 'csrf']);
    const bearer = sameBrowser(app, after.url);
    expect((await bearer.post('/api/hello')).status).toBe(200);

    // Signing in again issues a CSRF token under the new secret.
    const again = await after.login('u_ada');
    expect((await again.post('/api/hello')).status).toBe(200);
  });
});

/** A host with its own JWTs, its kit swapped for one with another csrfSecret by `rotate`. */
async function jwtHost(store: MemorySessionStore) {
  const clock = new ManualClock('2026-01-15T09:00:00.000Z');
  const make = (csrfSecret: string) => {
    const kit = createSessionKit({
      store,
      directory,
      csrfSecret,
      sweepIntervalMs: 0,
      defaultTenantId: TENANT,
      clock,
    });
    const verify = (token: string) => jwt.verify(token, SIGNING_KEY);
    return { kit, authenticate: kit.jwt.authenticate({ verify }) };
  };
  let current = make(CSRF_SECRET);
  const app = express();
  app.post('/auth/login', express.json(), async (req, res) => {
    const result = await current.kit.jwt.issue(req, { userId: (req.body as { userId: string }).userId });
    if (result.status !== 'issued') throw new Error(result.status);
    res.json({ token: jwt.sign({ sub: result.session.userId, sid: result.sid }, SIGNING_KEY) });
  });
  app.use('/api', (req, res, next) => current.authenticate(req, res, next));
  app.get('/api/whoami', (req, res) => res.json({ userId: req.sessionKit?.userId }));
  app.use('/api/sessions', (req, res, next) => current.kit.router(req, res, next));
  const server = await serve(app);
  closers.push(async () => {
    await current.kit.close();
    await server.stop();
  });
  const call = async (path: string, token: string, method = 'GET') => {
    const res = await fetch(server.url + path, { method, headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const login = async (userId: string) => {
    const res = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    });
    return ((await res.json()) as { token: string }).token;
  };
  return {
    call,
    login,
    async rotate() {
      await current.kit.close();
      current = make(ROTATED);
    },
  };
}

describe('JWT mode, csrfSecret rotated', () => {
  it('refuses every token signed before (401 unauthenticated: sign in again); the old sessions stay listed until they lapse', async () => {
    const store = new MemorySessionStore();
    const host = await jwtHost(store);
    const token = await host.login('u_ada');
    expect((await host.call('/api/whoami', token)).body.userId).toBe('u_ada');

    await host.rotate();
    const refused = await host.call('/api/whoami', token);
    expect([refused.status, refused.body.error]).toEqual([401, 'unauthenticated']);
    const fresh = await host.login('u_ada');
    expect((await host.call('/api/whoami', fresh)).status).toBe(200);
    const listed = (await host.call('/api/sessions/me/sessions', fresh)).body as unknown as unknown[];
    expect(listed).toHaveLength(2);
  });
});

/** A host on express-session (userOf reads its own field), its kit swapped by `rotate` as above. */
async function expressSessionHost(store: MemorySessionStore) {
  const make = (csrfSecret: string) => {
    const kit: SessionKit = createSessionKit({
      store,
      directory,
      csrfSecret,
      sweepIntervalMs: 0,
      defaultTenantId: TENANT,
    });
    return {
      kit,
      tracking: kit.expressSession({ userOf: (req) => (req.session as { userId?: string }).userId }),
    };
  };
  let current = make(CSRF_SECRET);
  const app = express();
  app.use(express.json());
  app.use(session({ secret: 'the host-s own cookie secret', resave: false, saveUninitialized: false }));
  app.post('/login', (req, res) => {
    (req.session as { userId?: string }).userId = (req.body as { userId: string }).userId;
    res.json({ ok: true });
  });
  app.use((req, res, next) => current.tracking(req, res, next));
  app.get('/whoami', (req, res) => res.json({ userId: req.sessionKit?.userId ?? null }));
  app.use('/api/sessions', (req, res, next) => current.kit.router(req, res, next));
  const server = await serve(app);
  closers.push(async () => {
    await current.kit.close();
    await server.stop();
  });
  return {
    async login(userId: string) {
      const browser = new Client(server.url);
      await browser.post('/login', { userId });
      expect((await browser.get('/whoami')).body.userId).toBe(userId);
      return browser;
    },
    async rotate() {
      await current.kit.close();
      current = make(ROTATED);
    },
  };
}

describe('express-session mode, csrfSecret rotated', () => {
  it('signs nobody out: each host session is adopted again as a new kit session, a revocation not yet enforced included', async () => {
    const store = new MemorySessionStore();
    const host = await expressSessionHost(store);
    const laptop = await host.login('u_ada');
    const phone = await host.login('u_ada');
    const phoneSession = (
      (await phone.get('/api/sessions/me/sessions')).body as { id: string; current: boolean }[]
    ).find((s) => s.current)!;
    expect((await laptop.delete(`/api/sessions/me/sessions/${phoneSession.id}`)).status).toBe(200);

    await host.rotate();
    expect((await laptop.get('/whoami')).body.userId).toBe('u_ada');
    // The phone had not come back since it was signed out: under the new key its host session is one the kit
    // has never seen, so it is adopted instead of refused.
    const resurrected = await phone.get('/whoami');
    expect([resurrected.status, resurrected.body.userId]).toEqual([200, 'u_ada']);
    // The laptop's session from before the rotation stays listed (active) beside the two adopted ones.
    expect((await laptop.get('/api/sessions/me/sessions')).body).toHaveLength(3);
  });
});

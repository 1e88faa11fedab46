import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { DirectoryUser, Session } from '@sessionkit/core';
import { MemorySessionStore, SYSTEM_ACTOR, StaticUserDirectory, isSessionKitError } from '@sessionkit/core';
import { aSession } from '@sessionkit/core/testing';
import type { SessionKit } from '@sessionkit/server-plugin';
import { createSessionKit } from '@sessionkit/server-plugin';
import MongoStore from 'connect-mongo';
import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import session from 'express-session';
import type { Store } from 'express-session';
import type { Connection } from 'mongoose';
import { BENCH_USER, TENANT, USER_AGENTS, directoryUsers, ipOf, personId } from '../people.js';
import type { Calls, CallName, ServerSpec } from '../protocol.js';
import { countArrivals } from './arrivals.js';
import { seedSessions } from './seed.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
  }
}

export type Handlers = { [K in CallName]?: (args: Calls[K]['args']) => Promise<Calls[K]['value']> };

export interface BuiltContestant {
  app: Express;
  /** Where the bench user signs in (`POST`, body `{ userId }`); null when the contestant has no sign-in. */
  loginPath: string | null;
  handlers: Handlers;
  close(): Promise<void>;
}

/** A session's life in the other stores: as long as the kit's default idle timeout. */
const WEEK_MS = 7 * 24 * 3600 * 1000;
const OTHER_PEOPLE = 500;
const CSRF_SECRET = 'bench-only-csrf-key-bench-only-csrf-key-0123456789';
const SESSION_SECRET = 'bench-only-express-session-secret';

export async function buildContestant(
  spec: ServerSpec,
  connection: Connection | null,
  progress: (text: string) => void,
): Promise<BuiltContestant> {
  const users = directoryUsers(Math.max(OTHER_PEOPLE, spec.directoryUsers));
  const byId = new Map(users.map((u) => [u.id, u]));
  const db = () => {
    if (!connection) throw new Error(`${spec.contestant} needs a database URI`);
    return connection;
  };
  switch (spec.contestant) {
    case 'bare':
      return bare(byId);
    case 'floor-small':
      return floor(db(), spec, byId, 'small');
    case 'floor-session':
      return floor(db(), spec, byId, 'session');
    case 'express-session-memory':
      return expressSession(new session.MemoryStore(), spec, byId);
    case 'connect-mongo':
    case 'connect-mongo-touch': {
      const store = MongoStore.create({
        client: db().getClient(),
        // FerretDB 1.24 refuses TTL indexes, so connect-mongo's default `native` removal can't start there;
        // its `interval` sweep is the documented alternative (every 10 minutes, as the kit's sweeper).
        autoRemove: 'interval',
        ...(spec.contestant === 'connect-mongo-touch' ? { touchAfter: 24 * 3600 } : {}),
      });
      const built = await expressSession(store, spec, byId);
      return { ...built, close: () => store.close() };
    }
    case 'kit-mongo':
    case 'kit-memory': {
      const kit = createSessionKit({
        ...(spec.contestant === 'kit-mongo' ? { mongoose: db() } : { store: new MemorySessionStore() }),
        directory: new StaticUserDirectory(users),
        csrfSecret: CSRF_SECRET,
        cookie: { secure: false },
        ...(spec.touchIntervalMs ? { touchIntervalMs: spec.touchIntervalMs } : {}),
      });
      await seedSessions(kit, {
        count: spec.otherSessions,
        userOf: (k) => personId(k % OTHER_PEOPLE),
        budgetMs: Number.POSITIVE_INFINITY,
        onProgress: (n, ms) => progress(`seeded ${n} other sessions in ${Math.round(ms / 1000)} s`),
      });
      return kitApp(kit, progress);
    }
  }
}

function jsonErrors(app: Express): void {
  const handler: ErrorRequestHandler = (error, _req, res, _next) => {
    res.status(500).json({ error: 'internal', message: error instanceof Error ? error.message : 'error' });
  };
  app.use(handler);
}

function baseApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(countArrivals);
  return app;
}

function bare(users: Map<string, DirectoryUser>): BuiltContestant {
  const app = baseApp();
  const user = users.get(BENCH_USER);
  app.get('/me', (_req, res) => {
    res.json({ user });
  });
  jsonErrors(app);
  return { app, loginPath: null, handlers: {}, close: async () => {} };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function readCookie(header: string | undefined, name: string): string | null {
  const match = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(header ?? '');
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/**
 * The k-th session of the other people, active and signed in just now, built by the kit's own testing builder
 * so that it has every field a core `Session` has today.
 */
function otherSession(k: number, overrides: Partial<Session> = {}): Session {
  const now = new Date();
  const ip = ipOf(k);
  return aSession({
    tenantId: TENANT,
    userId: personId(k % OTHER_PEOPLE),
    ip,
    lastIp: ip,
    createdAt: now,
    lastSeenAt: now,
    ...overrides,
  });
}

/** Stores the other people's sessions before anyone signs in, in batches of 500. */
async function insertOthers(spec: ServerSpec, insert: (batch: Session[]) => Promise<unknown>): Promise<void> {
  for (let k = 0; k < spec.otherSessions; k += 500) {
    const size = Math.min(500, spec.otherSessions - k);
    await insert(Array.from({ length: size }, (_, j) => otherSession(k + j)));
  }
}

/**
 * The floor: the least a database-backed session check can do, one `findOne({ _id })` on the native driver per
 * request, on small documents or on documents shaped like a kit session.
 */
async function floor(
  connection: Connection,
  spec: ServerSpec,
  users: Map<string, DirectoryUser>,
  shape: 'small' | 'session',
): Promise<BuiltContestant> {
  const collection = connection.getClient().db(connection.name).collection<{ _id: string }>('floor');
  // Keyed by the token hash as the kit's live documents are; the session shape as issue 9 measured the kit's.
  const doc = (session: Session) =>
    shape === 'small'
      ? { _id: session.tokenHash, userId: session.userId }
      : { _id: session.tokenHash, ...session };
  await insertOthers(spec, (batch) => collection.insertMany(batch.map(doc)));
  const app = baseApp();
  app.post('/login', express.json(), async (req, res) => {
    const userId = String(req.body?.userId ?? '');
    if (!users.has(userId)) return void res.status(400).json({ error: 'invalid_input', field: 'userId' });
    const token = randomBytes(32).toString('base64url');
    await collection.insertOne(doc(otherSession(spec.otherSessions, { userId, tokenHash: sha256(token) })));
    res.cookie('floor', token, { httpOnly: true, sameSite: 'lax' }).json({ ok: true });
  });
  app.get('/me', async (req, res) => {
    const token = readCookie(req.headers.cookie, 'floor');
    const found = token ? await collection.findOne({ _id: sha256(token) }) : null;
    if (!found) return void res.status(401).json({ error: 'unauthenticated' });
    res.json({ user: users.get(String((found as { userId?: unknown }).userId)) ?? null });
  });
  jsonErrors(app);
  return { app, loginPath: '/login', handlers: {}, close: async () => {} };
}

/** express-session as its README sets it up (`resave: false`, `saveUninitialized: false`) over any store. */
async function expressSession(
  store: Store,
  spec: ServerSpec,
  users: Map<string, DirectoryUser>,
): Promise<BuiltContestant> {
  const set = promisify(store.set.bind(store));
  const lanes = 8;
  for (let k = 0; k < spec.otherSessions; k += lanes) {
    await Promise.all(
      Array.from({ length: Math.min(lanes, spec.otherSessions - k) }, (_, j) => {
        const cookie = Object.assign(new session.Cookie(), { maxAge: WEEK_MS, httpOnly: true, path: '/' });
        return set(randomBytes(24).toString('base64url'), {
          cookie,
          userId: personId((k + j) % OTHER_PEOPLE),
        });
      }),
    );
  }
  const app = baseApp();
  app.use(
    session({
      secret: SESSION_SECRET,
      resave: false,
      saveUninitialized: false,
      store,
      cookie: { httpOnly: true, sameSite: 'lax', secure: false, maxAge: WEEK_MS },
    }),
  );
  app.post('/login', express.json(), async (req, res) => {
    const userId = String(req.body?.userId ?? '');
    if (!users.has(userId)) return void res.status(400).json({ error: 'invalid_input', field: 'userId' });
    // A new id at sign-in, as express-session's docs advise against fixation.
    await promisify(req.session.regenerate.bind(req.session))();
    req.session.userId = userId;
    await promisify(req.session.save.bind(req.session))();
    res.json({ ok: true });
  });
  app.get('/me', (req, res) => {
    const userId = req.session.userId;
    if (!userId) return void res.status(401).json({ error: 'unauthenticated' });
    res.json({ user: users.get(userId) ?? null });
  });
  jsonErrors(app);
  return { app, loginPath: '/login', handlers: {}, close: async () => {} };
}

/** A host of the kit as the integration guide mounts it, with a sign-in that trusts the body (no password). */
function kitApp(kit: SessionKit, progress: (text: string) => void): BuiltContestant {
  const { service } = kit;
  const app = baseApp();
  app.post('/login', express.json(), async (req, res) => {
    const userId = req.body?.userId;
    if (typeof userId !== 'string' || !userId) {
      return void res.status(400).json({ error: 'invalid_input', field: 'userId' });
    }
    const result = await kit.issueSession(req, res, { userId });
    if (result.status === 'issued') return void res.json({ id: result.session.id });
    res.status(409).json({ error: 'limit_reached', sessions: result.sessions.map((s) => s.id) });
  });
  app.post('/logout', async (req, res) => {
    const ended = await kit.endSession(req, res);
    res.json({ ended: ended ? ended.id : null });
  });
  app.get('/me', kit.authenticate, (req, res) => {
    res.json({ user: req.sessionKit?.user ?? null });
  });
  app.use('/api/sessions', kit.router);
  const kitErrors: ErrorRequestHandler = (error, _req, res, next) => {
    if (isSessionKitError(error, 'store_unavailable')) {
      return void res.status(503).json({ error: 'store_unavailable' });
    }
    next(error);
  };
  app.use(kitErrors);
  jsonErrors(app);

  const handlers: Handlers = {
    async issue({ userIds }) {
      const out = [];
      for (const [i, userId] of userIds.entries()) {
        const result = await service.issue({
          tenantId: TENANT,
          userId,
          ip: ipOf(i),
          userAgent: USER_AGENTS[i % USER_AGENTS.length]!,
          kind: 'api',
        });
        if (result.status !== 'issued') throw new Error(`issue for ${userId}: ${result.status}`);
        out.push({ id: result.session.id, secret: result.secret });
      }
      return out;
    },
    async setLimit(concurrentSessions) {
      await service.updatePolicy(TENANT, { concurrentSessions }, SYSTEM_ACTOR);
      return null;
    },
    async activeSessionIds({ userId }) {
      const sessions = await service.listUserSessions(TENANT, userId, { status: 'active' });
      return sessions.map((s) => s.id);
    },
    async seedAdminScale({ users, sessionsPerUser, budgetMs }) {
      return seedSessions(kit, {
        count: users * sessionsPerUser,
        userOf: (k) => personId(Math.floor(k / sessionsPerUser)),
        budgetMs,
        onProgress: (n, ms) => progress(`seeded ${n} sessions in ${Math.round(ms / 1000)} s`),
      });
    },
  };
  return { app, loginPath: '/login', handlers, close: () => kit.close() };
}

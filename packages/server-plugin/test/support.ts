import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { DirectoryUser, SessionStore } from '@sessionkit/core';
import { ManualClock, StaticUserDirectory, isSessionKitError } from '@sessionkit/core';
import { uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import express from 'express';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import type { SessionKit, SessionKitOptions } from '../src/index.js';
import { MongoSessionStore, STATUS_BY_CODE, createSessionKit, limitReachedBody } from '../src/index.js';
import { forwardRejections } from '../src/http/forwardRejections.js';

export const TENANT = 't_acme';
export const CSRF_SECRET = 'test-csrf-secret-0123456789-abcdefghijkl';

/** The people of the test account: two ordinary users, an admin, a helper who may act on behalf, two super users. */
export const USERS: DirectoryUser[] = [
  {
    id: 'u_ada',
    tenantId: TENANT,
    name: 'Ada Lovelace',
    email: 'ada@acme.test',
    role: 'member',
    department: 'Research',
  },
  {
    id: 'u_bob',
    tenantId: TENANT,
    name: 'Bob Byte',
    email: 'bob@acme.test',
    role: 'member',
    department: 'Sales',
  },
  { id: 'u_admin', tenantId: TENANT, name: 'Alice Admin', role: 'admin', department: 'IT' },
  {
    id: 'u_helper',
    tenantId: TENANT,
    name: 'Hal Helpdesk',
    role: 'support',
    department: 'Support',
    permissions: ['sessions:act_on_behalf'],
  },
  { id: 'u_root', tenantId: TENANT, name: 'Rita Root', role: 'owner', department: 'Board', superUser: true },
  { id: 'u_root2', tenantId: TENANT, name: 'Sam Super', role: 'owner', department: 'Board', superUser: true },
];

export const directory = new StaticUserDirectory(USERS);

/** A database of this test file's own on the run's server, dropped at the end. */
export async function openDatabase(
  label: string,
): Promise<{ connection: Connection; uri: string; drop(): Promise<void> }> {
  const uri = withDatabase(inject('mongoUri'), uniqueDatabaseName(label));
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5_000 }).asPromise();
  return {
    connection,
    uri,
    async drop() {
      if (connection.readyState === 1) await connection.dropDatabase();
      await connection.close();
    },
  };
}

export async function mongoStore(connection: Connection): Promise<MongoSessionStore> {
  const store = new MongoSessionStore(connection);
  await store.ready();
  return store;
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
  setCookies: string[];
}

/** A browser (cookie jar + CSRF echo) or an API client (bearer) talking to the test host. */
export class Client {
  readonly cookies = new Map<string, string>();
  bearer: string | null = null;
  sessionId: string | null = null;
  /** The address this client speaks from (through X-Forwarded-For; the test host trusts the proxy header). */
  ip = '81.2.69.142';

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    options: {
      body?: unknown;
      rawBody?: string;
      contentType?: string;
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const csrf = this.cookies.get('sk_csrf') ?? this.cookies.get('__Host-sk_csrf');
    if (csrf && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = csrf;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers, setCookies };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body === undefined ? {} : { body });
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', path, body === undefined ? {} : { body });
  }
  delete(path: string, body?: unknown) {
    return this.request('DELETE', path, body === undefined ? {} : { body });
  }
}

export interface TestHost {
  kit: SessionKit;
  url: string;
  clock: ManualClock;
  /** Signs a user in through the host's login route; `kind: 'api'` gives a bearer client. */
  login(
    userId: string,
    options?: { rememberMe?: boolean; kind?: 'browser' | 'api' | 'mobile'; userAgent?: string; ip?: string },
  ): Promise<Client>;
  anonymous(): Client;
  close(): Promise<void>;
}

/**
 * A listening Express host like the demo's: a login and logout of its own, the kit's router at /api/sessions,
 * and one host route behind `authenticate`.
 */
export async function startHost(
  options: Partial<SessionKitOptions> & { store?: SessionStore; clock?: ManualClock } = {},
): Promise<TestHost> {
  const clock = options.clock ?? new ManualClock('2026-01-15T09:00:00.000Z');
  const kit = createSessionKit({
    directory,
    csrfSecret: CSRF_SECRET,
    cookie: { secure: false },
    sweepIntervalMs: 0,
    defaultTenantId: TENANT,
    ...options,
    clock,
  } as SessionKitOptions);
  const app = express();
  // Tests speak for other addresses through X-Forwarded-For, as a host behind a proxy would.
  app.set('trust proxy', true);
  // The host's async handlers forward their failures, as Express 4 hosts must (Express 5 does it for them).
  app.post(
    '/auth/login',
    express.json(),
    forwardRejections(async (req, res) => {
      const { userId, rememberMe, kind, replaceSessionId } = req.body as {
        replaceSessionId?: string;
        userId: string;
        rememberMe?: boolean;
        kind?: 'browser' | 'api' | 'mobile';
      };
      const result = await kit.issueSession(req, res, {
        userId,
        rememberMe: rememberMe ?? false,
        kind: kind ?? 'browser',
        ...(replaceSessionId ? { replaceSessionId } : {}),
      });
      if (result.status === 'limit_reached') {
        res.status(409).json(limitReachedBody(result));
        return;
      }
      res.json({ id: result.session.id, ...(kind && kind !== 'browser' ? { secret: result.secret } : {}) });
    }),
  );
  app.post(
    '/auth/logout',
    forwardRejections(async (req, res) => {
      const ended = await kit.endSession(req, res);
      res.json({ ended: ended?.id ?? null });
    }),
  );
  app.get('/api/hello', kit.authenticate, (req, res) => {
    const c = req.sessionKit;
    res.json({
      userId: c?.user?.id,
      via: c?.via,
      credential: c?.credential,
      ...(c?.credential === 'api_key' ? { keyId: c.apiKey.id, scopes: c.apiKey.scopes } : {}),
      ...(c?.credential === 'app'
        ? { appId: c.app.id, deviceName: c.app.deviceName, scopes: c.app.scopes }
        : {}),
    });
  });
  app.post('/api/hello', kit.authenticate, (req, res) => {
    res.json({ ok: true, userId: req.sessionKit?.userId });
  });
  app.post(
    '/api/password',
    kit.authenticate,
    forwardRejections(async (req, res) => {
      const userId = req.sessionKit?.userId ?? '';
      res.json({ ended: await kit.onPasswordChanged({ userId }, req) });
    }),
  );
  app.post(
    '/api/password/rotate',
    kit.authenticate,
    forwardRejections(async (req, res) => {
      const userId = req.sessionKit?.userId ?? '';
      res.json({ ended: await kit.onPasswordChanged({ userId }, req, res) });
    }),
  );
  app.use('/api/sessions', kit.router);
  // The host's own error handler, as a host would write it with the kit's status table.
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = isSessionKitError(error) ? STATUS_BY_CODE[error.code] : 500;
    res.status(status).json({ error: isSessionKitError(error) ? error.code : 'internal' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    kit,
    url,
    clock,
    anonymous: () => new Client(url),
    async login(userId, loginOptions = {}) {
      const client = new Client(url);
      client.ip = loginOptions.ip ?? client.ip;
      const headers: Record<string, string> = {
        'user-agent':
          loginOptions.userAgent ??
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
        'x-forwarded-for': loginOptions.ip ?? '81.2.69.142',
      };
      const reply = await client.request('POST', '/auth/login', {
        body: { userId, rememberMe: loginOptions.rememberMe ?? false, kind: loginOptions.kind ?? 'browser' },
        headers,
      });
      if (reply.status !== 200)
        throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      client.sessionId = reply.body.id;
      if (reply.body.secret) client.bearer = reply.body.secret;
      return client;
    },
    async close() {
      await kit.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The store's database's collections, partitions included, by name. */
async function collectionsOf(store: MongoSessionStore): Promise<string[]> {
  await store.ready();
  const db = store.models.sessions.db.db;
  const names = (await db?.listCollections({}, { nameOnly: true }).toArray())?.map((c) => c.name) ?? [];
  return names.sort();
}

/**
 * Every document of every collection of the store's database (partitions included), in a stable order:
 * "the database is unchanged" is equality of two.
 */
export async function snapshot(store: MongoSessionStore): Promise<string> {
  const parts: Record<string, unknown[]> = {};
  for (const name of await collectionsOf(store)) {
    parts[name] = await store.models.sessions.db.collection(name).find({}).sort({ _id: 1 }).toArray();
  }
  return JSON.stringify(parts);
}

/** Empties every collection but the layout's (`meta` keeps the layout and the change log's head). */
export async function clearStore(store: MongoSessionStore): Promise<void> {
  for (const name of await collectionsOf(store))
    if (!name.endsWith('meta')) await store.models.sessions.db.collection(name).deleteMany({});
}

/** The routes a router really has, as `METHOD /path` patterns: what a suite that means to cover them all checks. */
export function routesOf(router: {
  stack: ReadonlyArray<{ route?: { path?: unknown; methods?: Record<string, boolean> } | undefined }>;
}): string[] {
  return router.stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods ?? {})
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${String(layer.route?.path)}`)
        : [],
    )
    .sort();
}

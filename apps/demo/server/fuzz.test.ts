import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { ManualClock, MemorySessionStore, SYSTEM_ACTOR } from '@sessionkit/core';
import { startMongo, uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import type { MongoServer } from '@sessionkit/ferretdb-runner';
import fc from 'fast-check';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// One generator and one runner for the kit's fuzz and the host's: they live beside the kit's fuzz.
import type { FuzzActor, FuzzWorld, RouteSpec } from '../../../packages/server-plugin/test/fuzzInputs.js';
import { routeName } from '../../../packages/server-plugin/test/fuzzInputs.js';
import type { FuzzTarget, RouteReport } from '../../../packages/server-plugin/test/fuzzRun.js';
import {
  collectionsState,
  emptyCollections,
  formatReport,
  fuzzRoute,
  fuzzSeed,
  memoryStoreState,
  runsPerRoute,
} from '../../../packages/server-plugin/test/fuzzRun.js';
import type { RawReply } from '../../../packages/server-plugin/test/rawRequest.js';
import { rawRequest } from '../../../packages/server-plugin/test/rawRequest.js';
import type { DemoApp } from './app.js';
import { createDemoApp } from './app.js';
import { DEMO_ACCOUNTS, DemoDirectory, TENANT_ID } from './directory.js';
import type { DemoGeo } from './geo.js';
import { createDemoGeo } from './geo.js';

/**
 * Generated requests against the demo host's own routes (sign-in, sign-out, password change, the people API
 * and paths it doesn't serve) on the memory and the Mongo store: no 5xx, and no 4xx changes the store. The
 * kit's routes are fuzzed in packages/server-plugin. `FUZZ_RUNS=1000` (`pnpm fuzz`) is the full size.
 */

const account = fc.constantFrom(...DEMO_ACCOUNTS);
const loginBody = account.chain((a) =>
  fc.record({
    username: fc.constantFrom(a.username, a.username.toUpperCase(), ` ${a.username} `),
    password: fc.constantFrom(a.password, a.password, 'wrong-password', ''),
    rememberMe: fc.boolean(),
  }),
);
const loginOrReplace = fc.oneof(
  { weight: 4, arbitrary: loginBody },
  {
    weight: 1,
    arbitrary: fc
      .tuple(loginBody, fc.stringMatching(/^ses_[A-Za-z0-9_-]{1,22}$/))
      .map(([body, replaceSessionId]) => ({ ...body, replaceSessionId })),
  },
);
const passwordBody = fc.record({
  currentPassword: account.map((a) => a.password),
  newPassword: fc.string({ minLength: 8, maxLength: 40 }),
});

const reasonBody = fc.record({
  reason: fc.oneof(
    fc.constantFrom('Left the company', 'Locked out after a phone change'),
    fc.string({ maxLength: 80 }),
  ),
});
const reasonOnly = { query: false, body: { reason: true } } as const;

const HOST_ROUTES: RouteSpec[] = [
  {
    method: 'POST',
    path: '/auth/login',
    body: loginOrReplace,
    strict: {
      query: false,
      body: { username: true, password: true, rememberMe: true, replaceSessionId: true },
    },
  },
  { method: 'POST', path: '/auth/logout', body: fc.constant({}) },
  { method: 'GET', path: '/auth/me' },
  {
    method: 'POST',
    path: '/auth/password',
    body: passwordBody,
    strict: { query: false, body: { currentPassword: true, newPassword: true } },
  },
  { method: 'GET', path: '/api/directory/users' },
  { method: 'GET', path: '/api/directory/users/:id', params: { id: 'user' } },
  {
    method: 'POST',
    path: '/api/people/:id/password-reset',
    params: { id: 'user' },
    body: reasonBody,
    strict: reasonOnly,
  },
  {
    method: 'POST',
    path: '/api/people/:id/deactivate',
    params: { id: 'user' },
    body: reasonBody,
    strict: reasonOnly,
  },
  {
    method: 'POST',
    path: '/api/people/:id/reactivate',
    params: { id: 'user' },
    body: fc.constant({}),
    strict: { query: false, body: {} },
  },
  { method: 'GET', path: '*' },
];

/** The host's answers to bad input are JSON naming the field, like the kit's. */
function hostContract(reply: RawReply, method: string): string | null {
  if (reply.status !== 400 || method === 'HEAD') return null;
  try {
    const body = JSON.parse(reply.text) as { error?: unknown; field?: unknown };
    return typeof body.error === 'string' && typeof body.field === 'string' ? null : '400 names no field';
  } catch {
    return '400 is not JSON';
  }
}

/** An ordinary user, a helpdesk lead who acts on behalf, an administrator and a super user. */
const FUZZ_ACCOUNTS = ['sam', 'maria', 'admin', 'priya'].map((name) =>
  DEMO_ACCOUNTS.find((a) => a.username === name)!,
);
const USER_IDS = DEMO_ACCOUNTS.map((a) => a.user.id);
const CSRF_SECRET = 'a-fuzz-secret-that-is-long-enough-for-hmac';
/** Past this many sessions the world is re-seeded, so FerretDB's whole-collection reads stay small. */
const MAX_SESSIONS = 40;

let geo: DemoGeo | undefined;

/**
 * The demo's people, made once: a fuzzed password change or reset that went through is undone by setting the
 * demo password again, since hashing every password anew costs a scrypt each; a fuzzed deactivation or
 * reactivation by putting each account back as the seed has it.
 */
class Directories {
  #directory: DemoDirectory | null = null;
  readonly #changed = new Set<string>();
  readonly #toggled = new Set<string>();

  async fresh(): Promise<DemoDirectory> {
    if (!this.#directory) {
      const directory = await DemoDirectory.create();
      const setPassword = directory.setPassword.bind(directory);
      directory.setPassword = async (userId, password) => {
        this.#changed.add(userId);
        await setPassword(userId, password);
      };
      for (const change of ['deactivate', 'reactivate'] as const) {
        const apply = directory[change].bind(directory) as (userId: string, ...rest: never[]) => void;
        directory[change] = (userId: string, ...rest: never[]) => {
          this.#toggled.add(userId);
          apply(userId, ...rest);
        };
      }
      this.#directory = directory;
    }
    for (const userId of this.#changed) {
      const demoPassword = DEMO_ACCOUNTS.find((a) => a.user.id === userId)?.password ?? '';
      await this.#directory.setPassword(userId, demoPassword);
    }
    for (const userId of this.#toggled) {
      const seeded = DEMO_ACCOUNTS.find((a) => a.user.id === userId)?.user;
      if (seeded?.active === false) {
        this.#directory.deactivate(userId, { at: new Date(0), byUserId: null, reason: 'seeded' });
      } else this.#directory.reactivate(userId);
    }
    this.#changed.clear();
    this.#toggled.clear();
    return this.#directory;
  }
}

class DemoWorld {
  readonly world: FuzzWorld;
  private constructor(
    readonly demo: DemoApp,
    readonly server: Server,
    base: string,
  ) {
    this.world = {
      base,
      actors: FUZZ_ACCOUNTS.map((a): FuzzActor => ({
        name: a.username,
        cookie: '',
        csrf: '',
        bearer: null,
        ids: { session: ['', ''], user: [a.user.id] },
      })),
      ended: { cookie: '', bearer: '' },
      ids: { session: [], user: [...USER_IDS, 'usr_nobody', 'usr_'] },
      fixedHeaders: {},
    };
  }

  static async start(options: {
    directory: DemoDirectory;
    store?: MemorySessionStore;
    mongoose?: Connection;
  }): Promise<DemoWorld> {
    geo ??= await createDemoGeo();
    const demo = createDemoApp({
      directory: options.directory,
      geo: geo.resolver,
      usesDbIp: false,
      clock: new ManualClock('2026-03-02T09:00:00.000Z'),
      ...(options.mongoose ? { mongoose: options.mongoose } : { store: options.store }),
      csrfSecret: CSRF_SECRET,
    });
    const server = demo.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const world = new DemoWorld(demo, server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await world.signInActors();
    const ended = await world.signIn('tom', 'tom-demo');
    const endedApi = await world.issueApi('usr_tom');
    await world.demo.kit.service.revoke(TENANT_ID, endedApi.id, { actor: SYSTEM_ACTOR });
    await rawRequest(world.world.base, {
      method: 'POST',
      path: '/auth/logout',
      headers: { cookie: ended.cookie, 'content-type': 'application/json' },
      body: Buffer.from('{}'),
    });
    world.world.ended = { cookie: ended.cookie, bearer: endedApi.secret };
    return world;
  }

  /** Signs in again any actor whose browser or API session a request ended. False when the host refuses. */
  async restore(): Promise<boolean> {
    try {
      await this.signInActors();
    } catch {
      return false;
    }
    const active = await this.activeSessionIds();
    return (
      this.world.actors.every((a) => a.ids.session!.every((id) => active.has(id))) &&
      this.world.ids.session!.length <= MAX_SESSIONS
    );
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async signInActors(): Promise<void> {
    const active = await this.activeSessionIds();
    for (const [index, actor] of this.world.actors.entries()) {
      const account = FUZZ_ACCOUNTS[index]!;
      if (!active.has(actor.ids.session![0]!)) {
        const browser = await this.signIn(account.username, account.password);
        actor.cookie = browser.cookie;
        actor.csrf = browser.csrf;
        actor.ids.session![0] = browser.id;
        this.world.ids.session!.push(browser.id);
      }
      if (!active.has(actor.ids.session![1]!)) {
        const api = await this.issueApi(account.user.id);
        actor.bearer = api.secret;
        actor.ids.session![1] = api.id;
        this.world.ids.session!.push(api.id);
      }
    }
  }

  /** The sign-in page's request: a browser session and its cookies. */
  private async signIn(username: string, password: string) {
    const reply = await rawRequest(this.world.base, {
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ username, password })),
    });
    if (reply.status !== 200) throw new Error(`sign-in refused: ${reply.status} ${reply.text}`);
    const cookies = [reply.headers['set-cookie'] ?? []].flat().map((line) => line.split(';')[0] ?? '');
    const csrf = cookies.find((c) => c.startsWith('sk_csrf='))?.slice('sk_csrf='.length) ?? '';
    return {
      id: (JSON.parse(reply.text) as { sessionId: string }).sessionId,
      cookie: cookies.join('; '),
      csrf,
    };
  }

  /** An API session (the demo's pages never make one; the kit still accepts its bearer on the host's routes). */
  private async issueApi(userId: string) {
    const result = await this.demo.kit.service.issue({
      tenantId: TENANT_ID,
      userId,
      ip: '127.0.0.1',
      kind: 'api',
    });
    if (result.status !== 'issued') throw new Error(`API session refused for ${userId}`);
    return { id: result.session.id, secret: result.secret };
  }

  private async activeSessionIds(): Promise<Set<string>> {
    const { items } = await this.demo.kit.service.listSessions(TENANT_ID, { status: 'active' });
    return new Set(items.map((s) => s.id));
  }
}

interface StoreUnderFuzz {
  label: string;
  ciRuns: number;
  open(): Promise<{
    /** A fresh host on an emptied store, with a fresh directory (a fuzzed password change may have run). */
    start(): Promise<DemoWorld>;
    state(): Promise<Record<string, string>>;
    close(): Promise<void>;
  }>;
}

const STORES: StoreUnderFuzz[] = [
  {
    label: 'memory store',
    ciRuns: 30,
    async open() {
      let store = new MemorySessionStore();
      const directories = new Directories();
      return {
        async start() {
          store = new MemorySessionStore();
          return DemoWorld.start({ directory: await directories.fresh(), store });
        },
        state: () => memoryStoreState(store, USER_IDS),
        async close() {},
      };
    },
  },
  {
    label: 'Mongo store',
    ciRuns: 20,
    async open() {
      const server: MongoServer = await startMongo({ dbName: 'sessionkit_demo_fuzz' });
      const connection = await mongoose
        .createConnection(withDatabase(server.uri, uniqueDatabaseName('demoFuzz')), {
          serverSelectionTimeoutMS: 10_000,
        })
        .asPromise();
      const directories = new Directories();
      return {
        async start() {
          await emptyCollections(connection);
          return DemoWorld.start({ directory: await directories.fresh(), mongoose: connection });
        },
        state: () => collectionsState(connection),
        async close() {
          await connection.dropDatabase();
          await connection.close();
          await server.stop();
        },
      };
    },
  },
];

for (const under of STORES) {
  describe(`fuzz: the demo host's routes on the ${under.label}`, () => {
    const runs = runsPerRoute(under.ciRuns);
    const seed = fuzzSeed();
    const reports: RouteReport[] = [];
    let backend: Awaited<ReturnType<StoreUnderFuzz['open']>>;
    let current: DemoWorld;

    const target: FuzzTarget = {
      world: () => current.world,
      state: () => backend.state(),
      async recover() {
        if (await current.restore()) return;
        await current.close();
        current = await backend.start();
      },
      check: hostContract,
    };

    beforeAll(async () => {
      backend = await under.open();
      current = await backend.start();
    });
    afterAll(async () => {
      await current?.close();
      await backend?.close();
      console.log(
        formatReport(`the demo host's routes on the ${under.label}, ${runs} cases a route`, seed, reports),
      );
    });

    HOST_ROUTES.forEach((spec, index) => {
      it(
        `${routeName(spec)}: no 5xx, and no 4xx changes the store`,
        async () => {
          const report = await fuzzRoute(spec, target, { runs, seed: seed + index });
          reports.push(report);
          expect(report.cases).toBe(runs);
          expect(report.failures, report.failures.join('\n')).toEqual([]);
        },
        runs * 2_000 + 120_000,
      );
    });
  });
}

describe('requests the demo host cannot read', () => {
  let world: DemoWorld;
  beforeAll(async () => {
    world = await DemoWorld.start({
      directory: await DemoDirectory.create(),
      store: new MemorySessionStore(),
    });
  });
  afterAll(async () => {
    await world.close();
  });

  it('a person id with a malformed % escape answers 400 naming id', async () => {
    const admin = world.world.actors[2]!;
    const reply = await rawRequest(world.world.base, {
      method: 'GET',
      path: '/api/directory/users/%00%ff',
      headers: { cookie: admin.cookie },
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toEqual({
      error: 'invalid_input',
      message: 'id: is not valid percent-encoding',
      field: 'id',
    });
  });

  it.each([
    ['gzip', Buffer.from('not gzip')],
    ['deflate', Buffer.from('not deflate')],
    ['br', Buffer.from('not brotli')],
    ['gzip', gzipSync('{"username":"sam","password":"sam-demo"}').subarray(0, 20)],
  ])('a corrupt %s sign-in body answers 400 and signs nobody in', async (encoding, body) => {
    const reply = await rawRequest(world.world.base, {
      method: 'POST',
      path: '/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({ error: 'invalid_input', field: 'body' });
    expect(reply.headers['set-cookie']).toBeUndefined();
  });
});

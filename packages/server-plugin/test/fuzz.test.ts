import type { SessionStore } from '@sessionkit/core';
import { AUDIT_ACTIONS, MemorySessionStore } from '@sessionkit/core';
import { anApiKey, anAuthorizedApp, aPushRegistration } from '@sessionkit/core/testing';
import fc from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldShape, FuzzWorld, RouteSpec } from './fuzzInputs.js';
import { routeName } from './fuzzInputs.js';
import type { FuzzTarget, RouteReport } from './fuzzRun.js';
import {
  collectionsState,
  emptyCollections,
  formatReport,
  fuzzRoute,
  fuzzSeed,
  memoryStoreState,
  runsPerRoute,
} from './fuzzRun.js';
import type { RawReply } from './rawRequest.js';
import type { Client, TestHost } from './support.js';
import { MongoSessionStore } from '../src/index.js';
import { TENANT, USERS, openDatabase, routesOf, startHost } from './support.js';

/**
 * Generated requests against every route of the kit's router, on the memory store and on the Mongo store:
 * no answer may be a 5xx, and no 4xx may change the store. Part of the cases come from real users (an
 * ordinary user, a helpdesk user who acts on behalf, an admin, a super user) with valid inputs, so the
 * authorized code paths run too. `FUZZ_RUNS=1000` (`pnpm fuzz`) is the full size; the default keeps the test
 * command quick.
 */

const iso = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().slice(0, 10)));
const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const oneOf = (...values: string[]) => fc.constantFrom(...values);
const userIds = oneOf(...USERS.map((u) => u.id), 'u_nobody');
const paging = {
  _start: int(0, 20),
  _end: int(1, 40),
  _page: int(1, 4),
  _limit: int(1, 50),
  _order: oneOf('asc', 'desc', 'ASC', 'DESC'),
};
const listOf = (...sortFields: string[]): Record<string, Arbitrary<string>> => ({
  ...paging,
  _sort: oneOf(...sortFields),
});
const reason = fc.record({ reason: fc.string({ maxLength: 60 }) }, { requiredKeys: [] });
const nothing = fc.constant({});
const device = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 80 }), fc.constant(null), fc.integer()),
    trusted: fc.oneof(fc.boolean(), fc.string()),
  },
  { requiredKeys: [] },
);
const linkToken = fc.record(
  { token: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()) },
  { requiredKeys: [] },
);
const bulkSelection = {
  userIds: fc.array(userIds, { maxLength: 4 }),
  filter: fc.record({ q: fc.string({ maxLength: 20 }), superUser: fc.boolean() }, { requiredKeys: [] }),
};
const bulkPreview = fc.record(bulkSelection, { requiredKeys: [] });
const bulk = fc.record({ ...bulkSelection, reason: fc.string({ maxLength: 60 }) }, { requiredKeys: [] });
const apiKey = fc.record(
  {
    name: fc.string({ maxLength: 120 }),
    scopes: fc.array(fc.constantFrom('read', 'write', 'sudo', ''), { maxLength: 3 }),
    expiresAt: fc.oneof(iso, fc.constant(null)),
  },
  { requiredKeys: [] },
);
const app = fc.record(
  {
    name: fc.string({ maxLength: 120 }),
    kind: fc.constantFrom('application', 'website', 'mobile', ''),
    rights: fc.array(fc.constantFrom('read', 'write', 'sudo', ''), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const push = fc.record(
  {
    appName: fc.string({ maxLength: 20 }),
    deviceName: fc.string({ maxLength: 20 }),
    platform: fc.constantFrom('ios', 'android', 'web', 'palm'),
    pushToken: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);
const suspension = fc.record(
  {
    until: fc.oneof(
      iso,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.integer(),
    ),
    reason: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('   '), fc.integer()),
  },
  { requiredKeys: [] },
);
const lifetime = fc.oneof(
  fc.record(
    {
      value: fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double(), fc.string({ maxLength: 3 })),
      unit: fc.constantFrom('minutes', 'hours', 'days', 'weeks', ''),
    },
    { requiredKeys: [] },
  ),
  fc.integer(),
  fc.constant(null),
);
const policy = fc.record(
  {
    concurrentSessions: fc.record(
      {
        enabled: fc.boolean(),
        max: fc.integer({ min: 0, max: 12 }),
        onExceed: fc.constantFrom('evict_oldest', 'deny_new', 'ask'),
      },
      { requiredKeys: [] },
    ),
    idleTimeout: fc.record(
      {
        enabled: fc.boolean(),
        value: fc.integer({ min: 0, max: 400 }),
        unit: fc.constantFrom('minutes', 'hours', 'days', 'weeks'),
      },
      { requiredKeys: [] },
    ),
    rememberMe: fc.record(
      {
        allowed: fc.boolean(),
        // The older whole-day fields, still read: alone, or beside the lifetime they stand for.
        rememberedDays: fc.integer({ min: 0, max: 4000 }),
        standardDays: fc.integer({ min: 0, max: 40 }),
        rememberedLifetime: lifetime,
        standardLifetime: lifetime,
      },
      { requiredKeys: [] },
    ),
    retention: fc.record({ endedSessionDays: fc.integer({ min: 0, max: 4000 }) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const ROUTES: RouteSpec[] = [
  {
    method: 'GET',
    path: '/me/sessions',
    query: { ...listOf('lastSeenAt', 'createdAt'), status: oneOf('active', 'ended', 'all'), since: iso },
  },
  { method: 'GET', path: '/me/access', query: { userId: userIds } },
  { method: 'GET', path: '/me/sessions/:id', params: { id: 'session' } },
  { method: 'DELETE', path: '/me/sessions/:id', params: { id: 'session' }, body: nothing },
  { method: 'PATCH', path: '/me/sessions/:id/device', params: { id: 'session' }, body: device },
  { method: 'POST', path: '/me/sessions/:id/confirm', params: { id: 'session' }, body: nothing },
  { method: 'POST', path: '/me/sessions/:id/not-me', params: { id: 'session' }, body: nothing },
  { method: 'GET', path: '/me/password-change' },
  { method: 'POST', path: '/alerts/lookup', body: linkToken },
  { method: 'POST', path: '/alerts/not-me', body: linkToken },
  { method: 'POST', path: '/me/sessions/revoke-others', body: nothing },
  { method: 'GET', path: '/me/authorized-apps', query: listOf('createdAt', 'lastUsedAt', 'name') },
  { method: 'DELETE', path: '/me/authorized-apps/:id', params: { id: 'app' }, body: nothing },
  { method: 'GET', path: '/me/push-registrations', query: listOf('createdAt', 'lastUsedAt', 'appName') },
  { method: 'DELETE', path: '/me/push-registrations/:id', params: { id: 'push' }, body: nothing },
  { method: 'GET', path: '/admin/summary' },
  {
    method: 'GET',
    path: '/admin/users',
    query: {
      ...listOf('name', 'lastLoginAt', 'lastActiveAt', 'activeSessions', 'department'),
      q: fc.string({ maxLength: 20 }).map(encodeURIComponent),
      superUser: oneOf('true', 'false'),
    },
  },
  {
    method: 'GET',
    path: '/admin/sessions',
    query: {
      ...listOf('createdAt', 'lastSeenAt', 'endedAt'),
      userId: userIds,
      status: oneOf('active', 'ended', 'all'),
    },
  },
  { method: 'GET', path: '/admin/sessions/:id', params: { id: 'session' } },
  { method: 'DELETE', path: '/admin/sessions/:id', params: { id: 'session' }, body: reason },
  { method: 'POST', path: '/admin/users/:userId/force-logout', params: { userId: 'user' }, body: reason },
  { method: 'POST', path: '/admin/sessions/revoke-all', body: reason },
  { method: 'POST', path: '/admin/bulk-force-logout/preview', body: bulkPreview },
  { method: 'POST', path: '/admin/bulk-force-logout', body: bulk },
  {
    method: 'GET',
    path: '/admin/users/:userId/authorized-apps',
    params: { userId: 'user' },
    query: listOf('createdAt', 'lastUsedAt', 'name'),
  },
  {
    method: 'DELETE',
    path: '/admin/users/:userId/authorized-apps/:id',
    params: { userId: 'user', id: 'app' },
    body: nothing,
  },
  {
    method: 'GET',
    path: '/admin/users/:userId/login-stats',
    params: { userId: 'user' },
    query: { from: iso, to: iso },
  },
  { method: 'GET', path: '/policy' },
  { method: 'PUT', path: '/policy', body: policy },
  { method: 'GET', path: '/api-keys', query: listOf('createdAt', 'lastUsedAt', 'name', 'requestsLast24h') },
  {
    method: 'GET',
    path: '/audit-events',
    query: {
      ...paging,
      userId: userIds,
      q: fc.string({ maxLength: 20 }).map(encodeURIComponent),
      action: oneOf(...AUDIT_ACTIONS),
      bulkId: oneOf('blk_x', 'blk'),
    },
  },
  { method: 'GET', path: '/api-key-scopes' },
  {
    method: 'GET',
    path: '/me/api-keys',
    query: listOf('createdAt', 'lastUsedAt', 'name', 'requestsLast24h'),
  },
  { method: 'POST', path: '/me/api-keys', body: apiKey },
  { method: 'DELETE', path: '/me/api-keys/:id', params: { id: 'key' }, body: nothing },
  { method: 'POST', path: '/admin/users/:userId/api-keys', params: { userId: 'user' }, body: apiKey },
  { method: 'DELETE', path: '/api-keys/:id', params: { id: 'key' }, body: nothing },
  { method: 'POST', path: '/me/push-registrations', body: push },
  { method: 'POST', path: '/me/authorized-apps', body: app },
  { method: 'GET', path: '/admin/suspensions', query: paging },
  { method: 'GET', path: '/admin/users/:userId/suspension', params: { userId: 'user' } },
  { method: 'POST', path: '/admin/users/:userId/suspension', params: { userId: 'user' }, body: suspension },
  { method: 'DELETE', path: '/admin/users/:userId/suspension', params: { userId: 'user' }, body: nothing },
  { method: 'GET', path: '*' },
];

const POLICY_FIELDS: FieldShape = {
  concurrentSessions: { enabled: true, max: true, onExceed: true },
  idleTimeout: { enabled: true, value: true, unit: true },
  rememberMe: {
    allowed: true,
    rememberedDays: true,
    standardDays: true,
    rememberedLifetime: { value: true, unit: true },
    standardLifetime: { value: true, unit: true },
  },
  retention: { endedSessionDays: true },
};
const BODY_FIELDS: Record<string, FieldShape> = {
  'DELETE /admin/sessions/:id': { reason: true },
  'POST /admin/users/:userId/force-logout': { reason: true },
  'POST /admin/sessions/revoke-all': { reason: true },
  'POST /admin/users/:userId/suspension': { until: true, reason: true },
  'POST /admin/bulk-force-logout/preview': { userIds: true, filter: { q: true, superUser: true } },
  'POST /admin/bulk-force-logout': { userIds: true, filter: { q: true, superUser: true }, reason: true },
  'PUT /policy': POLICY_FIELDS,
  'POST /me/api-keys': { name: true, scopes: true, expiresAt: true },
  'POST /admin/users/:userId/api-keys': { name: true, scopes: true, expiresAt: true },
  'POST /me/authorized-apps': { name: true, kind: true, rights: true },
  'POST /me/push-registrations': { appName: true, deviceName: true, platform: true, pushToken: true },
  'PATCH /me/sessions/:id/device': { name: true, trusted: true },
  'POST /alerts/lookup': { token: true },
  'POST /alerts/not-me': { token: true },
};

/** Every route of the kit refuses query parameters and body fields it doesn't read. */
const KIT_ROUTES: RouteSpec[] = ROUTES.map((spec) => ({
  ...spec,
  strict: { query: true, ...(spec.body ? { body: BODY_FIELDS[routeName(spec)] ?? {} } : {}) },
}));

/** The kit's error contract: every 4xx is JSON with a code, and a 400 names the field at fault. */
function kitContract(reply: RawReply, method: string): string | null {
  if (reply.status < 400 || reply.status >= 500 || method === 'HEAD') return null;
  let body: { error?: unknown; field?: unknown };
  try {
    body = JSON.parse(reply.text);
  } catch {
    return `${reply.status} is not JSON`;
  }
  if (typeof body.error !== 'string') return `${reply.status} carries no error code`;
  if (reply.status === 400 && typeof body.field !== 'string') return '400 names no field';
  return null;
}

const FUZZ_USERS = ['u_ada', 'u_helper', 'u_admin', 'u_root'];
const USER_IDS = USERS.map((u) => u.id);
/**
 * Past this many sessions the world is re-seeded: FerretDB reads a whole collection for most queries, so a
 * store that grew through a long run would slow every later case.
 */
const MAX_SESSIONS = 40;

/** A host under fuzz, its store, and the world the fuzz's cases are resolved against. */
class KitWorld {
  private constructor(
    readonly host: TestHost,
    readonly store: SessionStore,
    readonly world: FuzzWorld,
  ) {}

  /** A fresh host on an empty store: the fuzz's actors signed in, another user's sessions, apps, push, a key. */
  static async seed(host: TestHost, store: SessionStore): Promise<KitWorld> {
    const world: FuzzWorld = {
      base: `${host.url}/api/sessions`,
      actors: [],
      ended: { cookie: '', bearer: '' },
      ids: { session: [], app: [], push: [], key: [], user: [...USER_IDS, 'u_nobody'] },
      // The address every session was issued to: a request from another would (rightly) record it.
      fixedHeaders: { 'x-forwarded-for': '81.2.69.142' },
    };
    const kit = new KitWorld(host, store, world);
    for (const userId of FUZZ_USERS) {
      world.actors.push({
        name: userId,
        cookie: '',
        csrf: '',
        bearer: null,
        ids: { session: ['', ''], app: [], push: [], key: [], user: [userId] },
      });
      const key = anApiKey({ tenantId: TENANT, userId });
      await store.insertApiKey(key);
      world.actors.at(-1)?.ids.key!.push(key.id);
      world.ids.key!.push(key.id);
    }
    await kit.signInActors();
    await kit.giveAppsAndPush();
    for (const other of [await host.login('u_bob'), await host.login('u_root2', { kind: 'mobile' })]) {
      world.ids.session!.push(other.sessionId ?? '');
    }
    const bobApp = anAuthorizedApp({ tenantId: TENANT, userId: 'u_bob' });
    const bobPush = aPushRegistration({ tenantId: TENANT, userId: 'u_bob' });
    await store.insertAuthorizedApp(bobApp);
    await store.insertPushRegistration(bobPush);
    world.ids.app!.push(bobApp.id);
    world.ids.push!.push(bobPush.id);
    await store.insertApiKey(anApiKey({ tenantId: TENANT, userId: 'u_admin' }));
    const endedBrowser = await host.login('u_ada');
    const endedApi = await host.login('u_bob', { kind: 'api' });
    world.ended = { cookie: cookieOf(endedBrowser), bearer: endedApi.bearer ?? '' };
    await endedBrowser.request('POST', '/auth/logout');
    await endedApi.request('POST', '/auth/logout');
    world.ids.session!.push(endedBrowser.sessionId ?? '', endedApi.sessionId ?? '');
    return kit;
  }

  /**
   * Signs in again the actors whose browser or API session a request ended, and gives back apps and push
   * registrations a request removed. False when that can't be done (a policy now refuses the sign-in).
   */
  async restore(): Promise<boolean> {
    try {
      await this.signInActors();
      await this.giveAppsAndPush();
    } catch {
      return false;
    }
    return (await this.endedActorSessions()) === 0 && this.world.ids.session!.length <= MAX_SESSIONS;
  }

  private async signInActors(): Promise<void> {
    const active = await this.activeSessionIds();
    for (const actor of this.world.actors) {
      const [browserId = '', apiId = ''] = actor.ids.session!;
      if (!active.has(browserId)) {
        const browser = await this.host.login(actor.name);
        actor.cookie = cookieOf(browser);
        actor.csrf = browser.cookies.get('sk_csrf') ?? '';
        actor.ids.session![0] = browser.sessionId ?? '';
        this.world.ids.session!.push(browser.sessionId ?? '');
      }
      if (!active.has(apiId)) {
        const api = await this.host.login(actor.name, { kind: 'api' });
        actor.bearer = api.bearer;
        actor.ids.session![1] = api.sessionId ?? '';
        this.world.ids.session!.push(api.sessionId ?? '');
      }
    }
  }

  private async giveAppsAndPush(): Promise<void> {
    for (const actor of this.world.actors) {
      if ((await this.store.listAuthorizedApps(TENANT, actor.name)).length === 0) {
        const app = anAuthorizedApp({ tenantId: TENANT, userId: actor.name });
        await this.store.insertAuthorizedApp(app);
        actor.ids.app!.push(app.id);
        this.world.ids.app!.push(app.id);
      }
      if ((await this.store.listPushRegistrations(TENANT, actor.name)).length === 0) {
        const registration = aPushRegistration({ tenantId: TENANT, userId: actor.name });
        await this.store.insertPushRegistration(registration);
        actor.ids.push!.push(registration.id);
        this.world.ids.push!.push(registration.id);
      }
    }
  }

  private async endedActorSessions(): Promise<number> {
    const active = await this.activeSessionIds();
    return this.world.actors.flatMap((actor) => actor.ids.session!).filter((id) => !active.has(id)).length;
  }

  private async activeSessionIds(): Promise<Set<string>> {
    const { items } = await this.store.listSessions({ tenantId: TENANT, status: 'active' });
    return new Set(items.map((session) => session.id));
  }
}

const cookieOf = (client: Client) =>
  [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

interface StoreUnderFuzz {
  label: string;
  ciRuns: number;
  open(): Promise<{
    /** A fresh host on an emptied store. */
    start(): Promise<KitWorld>;
    state(): Promise<Record<string, string>>;
    close(): Promise<void>;
  }>;
}

const STORES: StoreUnderFuzz[] = [
  {
    label: 'memory store',
    ciRuns: 200,
    async open() {
      let store = new MemorySessionStore();
      return {
        async start() {
          store = new MemorySessionStore();
          return KitWorld.seed(await startHost({ store }), store);
        },
        state: () => memoryStoreState(store, USER_IDS),
        async close() {},
      };
    },
  },
  {
    label: 'Mongo store',
    ciRuns: 40,
    async open() {
      const database = await openDatabase('fuzz');
      // The layout is decided here and kept (emptying keeps `meta`): 4 partitions instead of the default 128,
      // because the state compared around every request reads every collection.
      const store = new MongoSessionStore(database.connection, { livePartitions: 4 });
      await store.ready();
      return {
        async start() {
          await emptyCollections(database.connection);
          return KitWorld.seed(await startHost({ mongoose: database.connection }), store);
        },
        state: () => collectionsState(database.connection),
        close: () => database.drop(),
      };
    },
  },
];

for (const under of STORES) {
  describe(`fuzz: the kit's routes on the ${under.label}`, () => {
    const runs = runsPerRoute(under.ciRuns);
    const seed = fuzzSeed();
    const reports: RouteReport[] = [];
    let backend: Awaited<ReturnType<StoreUnderFuzz['open']>>;
    let current: KitWorld;

    const target: FuzzTarget = {
      world: () => current.world,
      state: () => backend.state(),
      async recover() {
        if (await current.restore()) return;
        await current.host.close();
        current = await backend.start();
      },
      check: kitContract,
    };

    beforeAll(async () => {
      backend = await under.open();
      current = await backend.start();
    });
    afterAll(async () => {
      await current?.host.close();
      await backend?.close();
      // eslint-disable-next-line no-console -- the per-route table is the fuzz's report
      console.log(
        formatReport(`the kit's routes on the ${under.label}, ${runs} cases a route`, seed, reports),
      );
    });

    it('fuzzes every route the router has', () => {
      // `*` is the fuzz's own probe of paths the router doesn't have.
      const fuzzed = ROUTES.filter((spec) => spec.path !== '*').map((spec) => `${spec.method} ${spec.path}`);
      expect(fuzzed.sort()).toEqual(routesOf(current.host.kit.router));
    });

    KIT_ROUTES.forEach((spec, index) => {
      it(
        `${routeName(spec)}: no 5xx, and no 4xx changes the store`,
        async () => {
          // Each route starts from a freshly seeded store, so its run doesn't pay for the routes before it.
          await current.host.close();
          current = await backend.start();
          const report = await fuzzRoute(spec, target, { runs, seed: seed + index });
          reports.push(report);
          expect(report.cases).toBe(runs);
          expect(report.failures, report.failures.join('\n')).toEqual([]);
        },
        runs * 1_000 + 60_000,
      );
    });
  });
}

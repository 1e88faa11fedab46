import type { SessionStore } from '@sessionkit/core';
import { DAY, HOUR, HTTP_SHAPES, MINUTE, MemorySessionStore, shapeErrors } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../src/index.js';
import { countingStore } from './countingStore.js';
import type { Client, TestHost } from './support.js';
import { openDatabase, startHost } from './support.js';

// Per-role session policies over HTTP, on the memory store and on the Mongo store (FerretDB in this run).
// The test account's administrator has the role `admin`; Ada and Bob are `member`s.

let database: Awaited<ReturnType<typeof openDatabase>>;
beforeAll(async () => {
  database = await openDatabase('rolePolicies');
});
afterAll(() => database.drop());

let prefixes = 0;
const stores: [string, () => Promise<SessionStore>][] = [
  ['the memory store', async () => new MemorySessionStore()],
  [
    'the Mongo store',
    async () => {
      // A collection prefix of each test's own: tests share the file's database, never its documents.
      const store = new MongoSessionStore(database.connection, { collectionPrefix: `r${prefixes++}_` });
      await store.ready();
      return store;
    },
  ],
];

const POLICY = '/api/sessions/policy';
const adminsIdle30Minutes = { roles: { admin: { idleTimeout: { value: 30, unit: 'minutes' } } } };

describe.each(stores)('role policies on %s', (_name, makeStore) => {
  async function withHost(run: (host: TestHost, store: SessionStore) => Promise<void>, options = {}) {
    const store = await makeStore();
    const host = await startHost({ store, ...options });
    try {
      await run(host, store);
    } finally {
      await host.close();
    }
  }

  it('saves role overrides with the policy and answers them', () =>
    withHost(async (host) => {
      const admin = await host.login('u_admin');
      const saved = await admin.put(POLICY, adminsIdle30Minutes);
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.body.roles).toEqual(adminsIdle30Minutes.roles);
      expect(shapeErrors(HTTP_SHAPES.policy, saved.body)).toEqual([]);
      const ada = await host.login('u_ada');
      expect((await ada.get(POLICY)).body.roles).toEqual(adminsIdle30Minutes.roles);
    }));

  it('refuses a bad override with a 400 naming the field, and changes nothing', () =>
    withHost(async (host) => {
      const admin = await host.login('u_admin');
      await admin.put(POLICY, adminsIdle30Minutes);
      const before = (await admin.get(POLICY)).body;
      for (const [body, field] of [
        [
          { roles: { admin: { idleTimeout: { value: 0, unit: 'minutes' } } } },
          'roles.admin.idleTimeout.value',
        ],
        [{ roles: { admin: { concurrentSessions: { max: 'two' } } } }, 'roles.admin.concurrentSessions.max'],
        [{ roles: { admin: { retention: { endedSessionDays: 1 } } } }, 'roles.admin.retention'],
        [{ roles: { admin: { idleTimeout: { value: 30 } } } }, 'roles.admin.idleTimeout.unit'],
        [{ roles: { admin: {} } }, 'roles.admin'],
        [{ roles: 'admin' }, 'roles'],
        [{ roles: { '': { rememberMe: { allowed: false } } } }, 'roles'],
        [
          {
            idleTimeout: { value: 1, unit: 'days' },
            roles: { admin: { rememberMe: { rememberedDays: -1 } } },
          },
          'roles.admin.rememberMe.rememberedDays',
        ],
        [
          { roles: { admin: { rememberMe: { standardLifetime: { value: 8, unit: 'weeks' } } } } },
          'roles.admin.rememberMe.standardLifetime.unit',
        ],
        [
          { roles: { admin: { rememberMe: { standardLifetime: { value: 2, unit: 'minutes' } } } } },
          'roles.admin.rememberMe.standardLifetime',
        ],
        [
          {
            roles: {
              admin: { rememberMe: { standardDays: 1, standardLifetime: { value: 8, unit: 'hours' } } },
            },
          },
          'roles.admin.rememberMe.standardDays',
        ],
        [{ rememberMe: { rememberedLifetime: '8 hours' } }, 'rememberMe.rememberedLifetime'],
      ] as const) {
        const refused = await admin.put(POLICY, body);
        expect(refused.status, JSON.stringify(body)).toBe(400);
        expect(refused.body).toMatchObject({ error: 'invalid_input', field });
        expect(refused.body.message).toContain(field);
      }
      expect((await admin.get(POLICY)).body).toEqual(before);
    }));

  it("ends an administrator's session after the role's 8-hour lifetime, shows its source, and sizes the cookie by it", () =>
    withHost(async (host) => {
      const owner = await host.login('u_root');
      const saved = await owner.put(POLICY, {
        roles: {
          admin: {
            rememberMe: {
              standardLifetime: { value: 8, unit: 'hours' },
              rememberedLifetime: { value: 12, unit: 'hours' },
            },
          },
        },
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(shapeErrors(HTTP_SHAPES.policy, saved.body)).toEqual([]);
      const admin = await host.login('u_admin');
      const ada = await host.login('u_ada');
      const own = await admin.get(`/api/sessions/me/sessions/${admin.sessionId}`);
      expect(own.body.effectivePolicy.policy.rememberMe.standardLifetime).toEqual({
        value: 8,
        unit: 'hours',
      });
      expect(own.body.effectivePolicy.sources['rememberMe.standardLifetime']).toEqual({
        from: 'role',
        role: 'admin',
      });
      // A remembered administrator's cookie lasts the role's 12 hours; a member's the account's 30 days.
      const remembered = (userId: string) =>
        host.anonymous().request('POST', '/auth/login', { body: { userId, rememberMe: true } });
      const sessionCookie = (lines: string[]) => lines.find((c) => c.startsWith('sk_session='));
      expect(sessionCookie((await remembered('u_admin')).setCookies)).toMatch(/; Max-Age=43200(;|$)/);
      expect(sessionCookie((await remembered('u_ada')).setCookies)).toMatch(/; Max-Age=2592000(;|$)/);
      host.clock.advance(8 * HOUR - 1);
      expect((await admin.get('/api/hello')).status).toBe(200);
      host.clock.advance(1);
      const refused = await admin.get('/api/hello');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'session_ended', reason: 'expired' });
      expect((await ada.get('/api/hello')).status).toBe(200);
    }));

  it('takes a policy in the older whole days and answers it as lifetimes in days', () =>
    withHost(async (host) => {
      const owner = await host.login('u_root');
      const saved = await owner.put(POLICY, {
        rememberMe: { allowed: true, rememberedDays: 14, standardDays: 2 },
        roles: { admin: { rememberMe: { standardDays: 1 } } },
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const answered = (await owner.get(POLICY)).body;
      expect(answered.rememberMe).toEqual({
        allowed: true,
        rememberedLifetime: { value: 14, unit: 'days' },
        standardLifetime: { value: 2, unit: 'days' },
      });
      expect(answered.roles).toEqual({
        admin: { rememberMe: { standardLifetime: { value: 1, unit: 'days' } } },
      });
    }));

  it('lets only administrators change role overrides', () =>
    withHost(async (host) => {
      const ada = await host.login('u_ada');
      expect((await ada.put(POLICY, adminsIdle30Minutes)).status).toBe(403);
      expect((await ada.get(POLICY)).body.roles).toBeUndefined();
    }));

  it("shows a session's effective policy with each value's source, to its owner and to administrators", () =>
    withHost(async (host) => {
      const admin = await host.login('u_admin');
      await admin.put(POLICY, adminsIdle30Minutes);
      const own = await admin.get(`/api/sessions/me/sessions/${admin.sessionId}`);
      expect(shapeErrors(HTTP_SHAPES.ownSessionDetails, own.body)).toEqual([]);
      expect(own.body.effectivePolicy.policy.idleTimeout).toEqual({
        enabled: true,
        value: 30,
        unit: 'minutes',
      });
      expect(own.body.effectivePolicy.sources['idleTimeout.value']).toEqual({ from: 'role', role: 'admin' });
      expect(own.body.effectivePolicy.sources['concurrentSessions.max']).toEqual({
        from: 'account',
        role: null,
      });
      expect(own.body.effectivePolicy.roles).toEqual(['admin']);

      const ada = await host.login('u_ada');
      const adas = await admin.get(`/api/sessions/admin/sessions/${ada.sessionId}`);
      expect(adas.status).toBe(200);
      expect(shapeErrors(HTTP_SHAPES.adminSessionDetails, adas.body)).toEqual([]);
      expect(adas.body.user).toMatchObject({ id: 'u_ada', role: 'member' });
      expect(adas.body.effectivePolicy.roles).toEqual([]);
      expect(adas.body.effectivePolicy.sources['idleTimeout.value']).toEqual({ from: 'account', role: null });
      const admins = await admin.get(`/api/sessions/admin/sessions/${admin.sessionId}`);
      expect(admins.body.effectivePolicy.sources['idleTimeout.unit']).toEqual({
        from: 'role',
        role: 'admin',
      });

      expect((await ada.get(`/api/sessions/admin/sessions/${admin.sessionId}`)).status).toBe(403);
      expect((await admin.get('/api/sessions/admin/sessions/ses_unknown')).status).toBe(404);
      // A person's own route still won't show another's session.
      expect((await ada.get(`/api/sessions/me/sessions/${admin.sessionId}`)).status).toBe(404);
    }));

  it("applies a changed role policy to that role's sessions at their next request", () =>
    withHost(async (host) => {
      const admin = await host.login('u_admin');
      const ada = await host.login('u_ada');
      host.clock.advance(45 * MINUTE);
      // Saved by a service call: a request from the administrator's session would count as activity.
      await host.kit.service.updatePolicy('t_acme', adminsIdle30Minutes, { userId: 'u_admin' });
      const refused = await admin.get('/api/hello');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'session_ended', reason: 'idle_timeout' });
      expect((await ada.get('/api/hello')).status).toBe(200);
    }));

  it('reads nothing more per request for a role policy than the policy cache already does', () =>
    withHost(async (host, store) => {
      const counted = countingStore(store);
      const second = await startHost({ store: counted.store, clock: host.clock, policyCacheMs: 5_000 });
      try {
        const admin = await second.login('u_admin');
        await admin.put(POLICY, adminsIdle30Minutes);
        counted.reset();
        for (let i = 0; i < 10; i++) {
          host.clock.advance(1_000);
          expect((await admin.get('/api/hello')).status).toBe(200);
        }
        expect(counted.calls.get('findLiveSession')).toBe(10);
        expect(counted.calls.get('getPolicy') ?? 0).toBeLessThanOrEqual(2);
      } finally {
        await second.close();
      }
    }));

  it('reaches a second instance on the same store within its policyCacheMs, as the account policy does', () =>
    withHost(async (host, store) => {
      const second = await startHost({ store, clock: host.clock, policyCacheMs: 5_000 });
      try {
        const owner = await host.login('u_root');
        await owner.put(POLICY, { rememberMe: { allowed: true, rememberedDays: 30, standardDays: 3 } });
        const admin = await host.login('u_admin');
        const onSecond = second.anonymous();
        for (const name of ['sk_session', 'sk_csrf'])
          onSecond.cookies.set(name, admin.cookies.get(name) ?? '');
        const ada = await host.login('u_ada');
        const adaOnSecond = second.anonymous();
        for (const name of ['sk_session', 'sk_csrf'])
          adaOnSecond.cookies.set(name, ada.cookies.get(name) ?? '');
        // Two days on (a lifetime, which requests don't extend), the second instance reads the policy.
        host.clock.advance(2 * DAY);
        expect((await adaOnSecond.get('/api/hello')).status).toBe(200);
        await owner.put(POLICY, { roles: { admin: { rememberMe: { standardDays: 1 } } } });
        // It may use what it read for 5 s, and not a moment longer.
        host.clock.advance(4_999);
        expect((await onSecond.get('/api/hello')).status).toBe(200);
        host.clock.advance(1);
        const refused = await onSecond.get('/api/hello');
        expect(refused.status).toBe(401);
        expect(refused.body).toMatchObject({ error: 'session_ended', reason: 'expired' });
        expect((await adaOnSecond.get('/api/hello')).status).toBe(200);
      } finally {
        await second.close();
      }
    }));

  it("expires every administrator's session from a lifetime change on, while a stream of their requests runs", () =>
    withHost(async (host) => {
      const owner = await host.login('u_root');
      await owner.put(POLICY, { rememberMe: { allowed: true, rememberedDays: 30, standardDays: 3 } });
      // API clients: a browser's cookie is cleared at the first refusal, a bearer secret keeps being presented.
      const admins: Client[] = [];
      for (let i = 0; i < 8; i++) admins.push(await host.login('u_admin', { kind: 'api' }));
      const ada = await host.login('u_ada');
      host.clock.advance(2 * DAY);
      const stream = (rounds: number) =>
        Promise.all(
          admins.map(async (client) => {
            const statuses: number[] = [];
            for (let i = 0; i < rounds; i++) statuses.push((await client.get('/api/hello')).status);
            return statuses;
          }),
        );
      const running = stream(5);
      const change = await host.kit.service.updatePolicy(
        't_acme',
        { roles: { admin: { rememberMe: { standardDays: 1 } } } },
        { userId: 'u_root' },
      );
      expect(change.roles).toBeDefined();
      const during = await running;
      // Once a session is refused it stays refused: the change never comes undone mid-stream.
      for (const statuses of during) {
        expect(statuses.filter((s) => s !== 200 && s !== 401)).toEqual([]);
        const first = statuses.indexOf(401);
        if (first >= 0) expect(statuses.slice(first)).toEqual(statuses.slice(first).map(() => 401));
      }
      const after = await Promise.all(admins.map((client) => client.get('/api/hello')));
      expect(after.map((r) => r.status)).toEqual(admins.map(() => 401));
      expect(after.map((r) => r.body.reason)).toEqual(admins.map(() => 'expired'));
      expect((await ada.get('/api/hello')).status).toBe(200);
      const ended = await owner.get('/api/sessions/audit-events?action=session_ended&_end=100');
      expect(
        ended.body.filter((e: { userId?: string; targetUserId: string }) => e.targetUserId === 'u_admin'),
      ).toHaveLength(admins.length);
    }));
});

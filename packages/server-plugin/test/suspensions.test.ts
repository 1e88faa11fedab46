import type { SessionStore } from '@sessionkit/core';
import { HOUR, MINUTE, MemorySessionStore } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countingStore } from './countingStore.js';
import type { TestHost } from './support.js';
import { TENANT, clearStore, mongoStore, openDatabase, snapshot, startHost } from './support.js';

const API = '/api/sessions';

// The same behaviour on both stores: the memory store and the Mongo store on FerretDB.
interface Opened {
  make: () => Promise<SessionStore>;
  /** Another instance's store on the same data (the memory store can only share itself). */
  second: (first: SessionStore) => Promise<SessionStore>;
  close: () => Promise<void>;
}
const stores: [string, () => Promise<Opened>][] = [
  [
    'memory',
    async () => ({
      make: async () => new MemorySessionStore(),
      second: async (first) => first,
      close: async () => {},
    }),
  ],
  [
    'FerretDB',
    async () => {
      const database = await openDatabase('suspensions');
      const store = await mongoStore(database.connection);
      return {
        make: async () => {
          await clearStore(store);
          // A store of its own each test, as a new host would have: its view mirror loads the emptied data.
          return mongoStore(database.connection);
        },
        second: () => mongoStore(database.connection),
        close: () => database.drop(),
      };
    },
  ],
];

for (const [name, open] of stores) {
  describe(`suspending sessions over HTTP (${name})`, () => {
    let opened: Opened;
    let store: SessionStore;
    let host: TestHost;
    let counted: ReturnType<typeof countingStore<SessionStore>>;

    beforeAll(async () => {
      opened = await open();
    });
    afterAll(() => opened.close());
    beforeEach(async () => {
      store = await opened.make();
      counted = countingStore(store);
      host = await startHost({ store: counted.store });
    });
    afterEach(() => host.close());

    const until = (hours: number) => new Date(host.clock.now().getTime() + hours * HOUR).toISOString();

    it('answers every request on the person’s sessions 401 session_suspended with the reason, then resumes them', async () => {
      const laptop = await host.login('u_ada');
      const phone = await host.login('u_ada');
      const admin = await host.login('u_admin');
      const suspended = await admin.post(`${API}/admin/users/u_ada/suspension`, {
        until: until(2),
        reason: 'Investigation #12',
      });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({
        sessions: 2,
        suspension: {
          userId: 'u_ada',
          reason: 'Investigation #12',
          until: until(2),
          suspendedByName: 'Alice Admin',
        },
      });
      for (const client of [laptop, phone]) {
        const reply = await client.get('/api/hello');
        expect(reply.status).toBe(401);
        expect(reply.body).toEqual({
          error: 'session_suspended',
          message: 'your sessions are suspended',
          reason: 'Investigation #12',
          until: until(2),
        });
        // The cookie stays: the same session works again afterwards.
        expect(reply.setCookies.filter((c) => c.startsWith('sk_session'))).toEqual([]);
        expect((await client.get(`${API}/me/sessions`)).body.error).toBe('session_suspended');
      }
      const listed = await admin.get(`${API}/admin/suspensions`);
      expect(listed.body.map((s: { userId: string }) => s.userId)).toEqual(['u_ada']);
      const resumed = await admin.delete(`${API}/admin/users/u_ada/suspension`);
      expect(resumed.status).toBe(200);
      expect(resumed.body.sessions).toBe(2);
      for (const client of [laptop, phone]) expect((await client.get('/api/hello')).status).toBe(200);
      const actions = (await store.listAuditEvents({ tenantId: TENANT })).items.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['sessions_suspended', 'sessions_resumed']));
    });

    it('lets the sessions work again at the end without anyone acting', async () => {
      const laptop = await host.login('u_ada');
      const admin = await host.login('u_admin');
      await admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'Check' });
      host.clock.advance(HOUR - MINUTE);
      expect((await laptop.get('/api/hello')).status).toBe(401);
      host.clock.advance(MINUTE);
      expect((await laptop.get('/api/hello')).status).toBe(200);
    });

    it('refuses a new sign-in during the suspension', async () => {
      const admin = await host.login('u_admin');
      await admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'Check' });
      await expect(host.login('u_ada')).rejects.toThrow(/login failed: 401/);
      expect((await store.listSessions({ tenantId: TENANT, userId: 'u_ada' })).total).toBe(0);
    });

    it('makes no extra store read on an authenticated request of someone not suspended', async () => {
      const bob = await host.login('u_bob');
      const admin = await host.login('u_admin');
      await admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'Check' });
      counted.reset();
      expect((await bob.get('/api/hello')).status).toBe(200);
      expect(Object.fromEntries(counted.calls)).toEqual({ findLiveSession: 1 });
    });

    it('leaves a CSRF failure, bad input, someone else’s id and a super user unchanged', async () => {
      await host.login('u_ada');
      await host.login('u_root');
      const admin = await host.login('u_admin');
      const person = await host.login('u_bob');
      const before = name === 'FerretDB' ? await snapshot(store as never) : null;
      const refusals: [
        Promise<{ status: number; body: { error: string; field?: string } }>,
        number,
        string,
        string?,
      ][] = [
        [
          admin.request('POST', `${API}/admin/users/u_ada/suspension`, {
            body: { until: until(1), reason: 'x' },
            csrf: false,
          }),
          403,
          'csrf',
        ],
        [
          admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(-1), reason: 'x' }),
          400,
          'invalid_input',
          'until',
        ],
        [
          admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(24 * 91), reason: 'x' }),
          400,
          'invalid_input',
          'until',
        ],
        [
          admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1) }),
          400,
          'invalid_input',
          'reason',
        ],
        [
          admin.post(`${API}/admin/users/u_ada/suspension`, { until: 42, reason: 'x' }),
          400,
          'invalid_input',
          'until',
        ],
        [
          admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'x', extra: 1 }),
          400,
          'invalid_input',
          'extra',
        ],
        [
          admin.post(`${API}/admin/users/u_nobody/suspension`, { until: until(1), reason: 'x' }),
          404,
          'not_found',
          'userId',
        ],
        [
          admin.post(`${API}/admin/users/u_root/suspension`, { until: until(1), reason: 'x' }),
          403,
          'forbidden',
        ],
        [
          admin.post(`${API}/admin/users/u_admin/suspension`, { until: until(1), reason: 'x' }),
          403,
          'forbidden',
          'userId',
        ],
        [
          person.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'x' }),
          403,
          'forbidden',
        ],
        [admin.delete(`${API}/admin/users/u_ada/suspension`), 404, 'not_found', 'userId'],
        [admin.get(`${API}/admin/users/u_ada/suspension?x=1`), 400, 'invalid_input', 'x'],
      ];
      for (const [reply, status, error, field] of refusals) {
        const r = await reply;
        expect(r.status, JSON.stringify(r.body)).toBe(status);
        expect(r.body.error).toBe(error);
        if (field) expect(r.body.field).toBe(field);
      }
      expect(await store.listSuspensions(TENANT)).toEqual([]);
      if (before !== null) expect(JSON.parse(await snapshot(store as never))).toEqual(JSON.parse(before));
    });

    it('lets a super user suspend a super user', async () => {
      await host.login('u_root');
      const root2 = await host.login('u_root2');
      const reply = await root2.post(`${API}/admin/users/u_root/suspension`, {
        until: until(1),
        reason: 'Audit',
      });
      expect(reply.status).toBe(200);
      expect(reply.body.sessions).toBe(1);
    });

    it('takes effect on another instance on the same store at its very next request', async () => {
      const other = await startHost({ store: await opened.second(store), clock: host.clock });
      try {
        const laptop = await other.login('u_ada');
        expect((await laptop.get('/api/hello')).status).toBe(200);
        const admin = await host.login('u_admin');
        await admin.post(`${API}/admin/users/u_ada/suspension`, { until: until(1), reason: 'Elsewhere' });
        expect((await laptop.get('/api/hello')).body).toMatchObject({
          error: 'session_suspended',
          reason: 'Elsewhere',
        });
        await admin.delete(`${API}/admin/users/u_ada/suspension`);
        expect((await laptop.get('/api/hello')).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });
}

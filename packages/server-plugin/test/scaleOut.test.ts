import { MINUTE } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import { MongoSessionStore as Store } from '../src/index.js';
import { countingStore } from './countingStore.js';
import { mongoStore, openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;

beforeAll(async () => {
  database = await openDatabase('scaleOut');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());

describe('two instances on one database', () => {
  it('a revoke made through one instance is refused by the other on its next request', async () => {
    const first = await startHost({ store: new Store(database.connection) });
    const second = await startHost({ store: new Store(database.connection), clock: first.clock });
    try {
      const ada = await first.login('u_ada');
      const onSecond = second.anonymous();
      onSecond.cookies.set('sk_session', ada.cookies.get('sk_session') ?? '');
      onSecond.cookies.set('sk_csrf', ada.cookies.get('sk_csrf') ?? '');
      expect((await onSecond.get('/api/hello')).status).toBe(200);

      const admin = await first.login('u_admin');
      expect(
        (await admin.post('/api/sessions/admin/users/u_ada/force-logout', { reason: 'stolen laptop' })).body,
      ).toEqual({ ended: 1 });
      const refused = await onSecond.get('/api/hello');
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ error: 'session_ended', reason: 'force_logout' });
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('two kits with different cookie names in one process keep their sessions apart', async () => {
    const kitA = await startHost({ store: new Store(database.connection) });
    const kitB = await startHost({
      store: new Store(database.connection, { collectionPrefix: 'other_' }),
      cookie: { secure: false, name: 'b_session', csrfName: 'b_csrf' },
    });
    try {
      const ada = await kitA.login('u_ada');
      const stranger = kitB.anonymous();
      stranger.cookies.set('b_session', ada.cookies.get('sk_session') ?? '');
      expect((await stranger.get('/api/hello')).status).toBe(401);
      const bob = await kitB.login('u_bob');
      expect(bob.cookies.has('b_session')).toBe(true);
      expect((await bob.get('/api/hello')).body.userId).toBe('u_bob');
    } finally {
      await kitA.close();
      await kitB.close();
    }
  });
});

describe('touch coalescing', () => {
  it('writes nothing for requests within the interval, then one write carrying all of them', async () => {
    const counted = countingStore(store);
    const host = await startHost({ store: counted.store, touchIntervalMs: MINUTE });
    try {
      const ada = await host.login('u_ada');
      counted.reset();
      for (let i = 0; i < 20; i++) {
        host.clock.advance(2_000);
        expect((await ada.get('/api/hello')).status).toBe(200);
      }
      // Twenty requests over 40 seconds: one read each, no write.
      expect(counted.calls.get('findLiveSession')).toBe(20);
      expect(counted.writes()).toBe(0);
      expect(counted.calls.get('getPolicy') ?? 0).toBeLessThanOrEqual(8);

      host.clock.advance(MINUTE);
      await ada.get('/api/hello');
      expect(counted.calls.get('touchSession')).toBe(1);
      expect(counted.writes()).toBe(1);
      const session = await store.findSessionById('t_acme', ada.sessionId ?? '');
      expect(session?.activity.actions).toBe(21);
      expect(session?.lastSeenAt).toEqual(host.clock.now());
    } finally {
      await host.close();
    }
  });
});

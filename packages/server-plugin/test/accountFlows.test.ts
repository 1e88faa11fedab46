import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import type { TestHost } from './support.js';
import { TENANT, clearStore, mongoStore, openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;
let host: TestHost;

beforeAll(async () => {
  database = await openDatabase('accountFlows');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());
beforeEach(() => clearStore(store));
afterEach(() => host.close());

describe('the concurrent limit at login', () => {
  it('refuses a login over the limit under deny_new with 409, the sessions to choose from and no secret', async () => {
    host = await startHost({
      mongoose: database.connection,
      policyDefaults: { concurrentSessions: { enabled: true, max: 2, onExceed: 'deny_new' } },
    });
    const first = await host.login('u_ada');
    await host.login('u_ada');
    const refused = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_ada' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'limit_reached', max: 2, message: expect.any(String) });
    expect(refused.body.sessions).toHaveLength(2);
    expect(refused.body.sessions[0]).not.toHaveProperty('tokenHash');
    expect(refused.setCookies).toEqual([]);

    const replacing = await host.anonymous().request('POST', '/auth/login', {
      body: { userId: 'u_ada', replaceSessionId: first.sessionId },
    });
    expect(replacing.status).toBe(200);
    expect((await first.get('/api/hello')).body).toMatchObject({
      error: 'session_ended',
      reason: 'concurrency_limit',
    });
  });

  it('ends the oldest session under evict_oldest; that browser is refused with the reason', async () => {
    host = await startHost({
      mongoose: database.connection,
      policyDefaults: { concurrentSessions: { enabled: true, max: 1, onExceed: 'evict_oldest' } },
    });
    const old = await host.login('u_ada');
    const fresh = await host.login('u_ada');
    expect((await fresh.get('/api/hello')).status).toBe(200);
    expect((await old.get('/api/hello')).body.reason).toBe('concurrency_limit');
  });
});

describe('account hooks', () => {
  it('onPasswordChanged ends the user’s other sessions and keeps the one that changed it', async () => {
    host = await startHost({ mongoose: database.connection });
    const here = await host.login('u_ada');
    const elsewhere = await host.login('u_ada');
    const bob = await host.login('u_bob');
    expect((await here.post('/api/password', {})).body).toEqual({ ended: 1 });
    expect((await here.get('/api/hello')).status).toBe(200);
    expect((await elsewhere.get('/api/hello')).body.reason).toBe('password_changed');
    expect((await bob.get('/api/hello')).status).toBe(200);
    // Called outside a request (an admin reset, say), it ends every session of the user.
    expect(await host.kit.onPasswordChanged({ userId: 'u_ada' })).toBe(1);
    expect((await here.get('/api/hello')).body.reason).toBe('password_changed');
  });

  it('rotates the secret of the session that changed the password: the old cookie is refused, the new one works', async () => {
    host = await startHost({ mongoose: database.connection });
    const here = await host.login('u_ada');
    const elsewhere = await host.login('u_ada');
    const oldCookie = here.cookies.get('sk_session');
    const reply = await here.post('/api/password/rotate', {});
    expect(reply.body).toEqual({ ended: 1 });
    expect(here.cookies.get('sk_session')).not.toBe(oldCookie);
    expect((await here.get('/api/hello')).status).toBe(200);
    expect((await here.post('/api/hello', {})).status).toBe(200);
    const stale = host.anonymous();
    stale.cookies.set('sk_session', oldCookie ?? '');
    expect((await stale.get('/api/hello')).body).toMatchObject({
      error: 'session_ended',
      reason: 'password_changed',
    });
    expect((await elsewhere.get('/api/hello')).body.reason).toBe('password_changed');
  });

  it('onUserDeactivated ends every session of the user', async () => {
    host = await startHost({ mongoose: database.connection });
    const ada = await host.login('u_ada');
    expect(await host.kit.onUserDeactivated({ userId: 'u_ada', tenantId: TENANT })).toBe(1);
    expect((await ada.get('/api/hello')).body.reason).toBe('user_deactivated');
  });

  it("carries an administrator's reason for a reset or a deactivation to the person's next request", async () => {
    host = await startHost({ mongoose: database.connection });
    const ada = await host.login('u_ada');
    await host.kit.onPasswordChanged({ userId: 'u_ada', tenantId: TENANT, reason: 'Reset by the help desk' });
    expect((await ada.get('/api/hello')).body).toMatchObject({
      reason: 'password_changed',
      note: 'Reset by the help desk',
    });
    const again = await host.login('u_ada');
    await host.kit.onUserDeactivated({ userId: 'u_ada', tenantId: TENANT, reason: 'Left the company' });
    expect((await again.get('/api/hello')).body).toMatchObject({
      reason: 'user_deactivated',
      note: 'Left the company',
    });
    await host.kit.onUserReactivated({ userId: 'u_ada', tenantId: TENANT, reason: 'Came back' });
    const trail = await store.listAuditEvents({
      tenantId: TENANT,
      actions: ['password_changed', 'user_deactivated', 'user_reactivated'],
    });
    // One instant of the test clock: compared in no particular order.
    expect(trail.items.map((e) => [e.action, e.targetUserId, e.reason, e.details.ended]).sort()).toEqual([
      ['password_changed', 'u_ada', 'Reset by the help desk', 1],
      ['user_deactivated', 'u_ada', 'Left the company', 1],
      ['user_reactivated', 'u_ada', 'Came back', undefined],
    ]);
  });
});

import { HOUR, MINUTE, hashSecret } from '@sessionkit/core';
import { aPushRegistration, anApiKey, anAuthorizedApp } from '@sessionkit/core/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import type { Client, TestHost } from './support.js';
import { TENANT, clearStore, mongoStore, openDatabase, snapshot, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;
let host: TestHost;

beforeAll(async () => {
  database = await openDatabase('routes');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());
beforeEach(async () => {
  await clearStore(store);
  host = await startHost({ mongoose: database.connection });
});
afterEach(() => host.close());

const API = '/api/sessions';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1';

async function expectUnchanged(action: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(store);
  await action();
  expect(JSON.parse(await snapshot(store))).toEqual(JSON.parse(before));
}

async function statusOf(sessionId: string | null) {
  return (await store.findSessionById(TENANT, sessionId ?? ''))?.status;
}

describe('GET /me/sessions', () => {
  it('lists the owner’s active sessions, current first and marked, with risk and the total count', async () => {
    const phone = await host.login('u_ada', { userAgent: IPHONE });
    host.clock.advance(MINUTE);
    const laptop = await host.login('u_ada');
    await host.login('u_bob');
    host.clock.advance(MINUTE);
    await phone.get('/api/hello');

    const reply = await laptop.get(`${API}/me/sessions`);
    expect(reply.status).toBe(200);
    expect(reply.body.map((s: { id: string }) => s.id)).toEqual([laptop.sessionId, phone.sessionId]);
    expect(reply.body[0].current).toBe(true);
    expect(reply.body[1].current).toBe(false);
    expect(reply.body[1].device.label).toMatch(/iPhone/);
    expect(reply.body[0]).not.toHaveProperty('tokenHash');
    // Neither a secret nor its hash ever leaves the server after login.
    for (const secret of [laptop.cookies.get('sk_session') ?? '', phone.cookies.get('sk_session') ?? '']) {
      expect(JSON.stringify(reply.body)).not.toContain(secret);
      expect(JSON.stringify(reply.body)).not.toContain(hashSecret(secret));
    }
    expect(Array.isArray(reply.body[0].risk)).toBe(true);
    expect(reply.headers.get('x-total-count')).toBe('2');
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/x-total-count/);
  });

  it('filters by status and since, and pages with _start/_end and _page/_limit', async () => {
    const ada = await host.login('u_ada');
    const others = [];
    for (let i = 0; i < 3; i++) {
      host.clock.advance(MINUTE);
      others.push(await host.login('u_ada'));
    }
    await ada.delete(`${API}/me/sessions/${others[0]?.sessionId}`);

    const ended = await ada.get(`${API}/me/sessions?status=ended`);
    expect(ended.body.map((s: { id: string }) => s.id)).toEqual([others[0]?.sessionId]);
    expect(ended.body[0].endReason).toBe('revoked');
    expect((await ada.get(`${API}/me/sessions?status=all`)).headers.get('x-total-count')).toBe('4');

    const since = new Date(host.clock.now().getTime() - MINUTE / 2).toISOString();
    const recent = await ada.get(`${API}/me/sessions?since=${since}`);
    expect(recent.body.map((s: { id: string }) => s.id)).toEqual([ada.sessionId, others[2]?.sessionId]);

    const page = await ada.get(`${API}/me/sessions?_start=1&_end=2`);
    expect(page.body).toHaveLength(1);
    expect(page.headers.get('x-total-count')).toBe('3');
    const page2 = await ada.get(`${API}/me/sessions?_page=2&_limit=2&_sort=createdAt&_order=asc`);
    expect(page2.body.map((s: { id: string }) => s.id)).toEqual([others[2]?.sessionId]);
  });
});

describe('one own session', () => {
  it('shows the owner’s session in full; another user’s id is 404 and changes nothing', async () => {
    const ada = await host.login('u_ada');
    const bob = await host.login('u_bob');
    const mine = await ada.get(`${API}/me/sessions/${ada.sessionId}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: ada.sessionId, userId: 'u_ada', current: true, status: 'active' });
    await expectUnchanged(async () => {
      const theirs = await ada.get(`${API}/me/sessions/${bob.sessionId}`);
      expect(theirs.status).toBe(404);
      expect(theirs.body.error).toBe('not_found');
      const end = await ada.delete(`${API}/me/sessions/${bob.sessionId}`);
      expect(end.status).toBe(404);
    });
    expect(await statusOf(bob.sessionId)).toBe('active');
  });

  it('ends another own session; that device is refused on its next request', async () => {
    const laptop = await host.login('u_ada');
    const phone = await host.login('u_ada');
    const reply = await laptop.delete(`${API}/me/sessions/${phone.sessionId}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: phone.sessionId,
      status: 'ended',
      endReason: 'revoked',
      endedBy: 'u_ada',
    });
    expect((await phone.get('/api/hello')).body).toMatchObject({ error: 'session_ended', reason: 'revoked' });
    expect((await laptop.get('/api/hello')).status).toBe(200);
  });

  it('treats ending the current session as a logout and clears the cookies', async () => {
    const ada = await host.login('u_ada');
    const cookie = ada.cookies.get('sk_session') ?? '';
    const reply = await ada.delete(`${API}/me/sessions/${ada.sessionId}`);
    expect(reply.body.endReason).toBe('logout');
    expect(ada.cookies.size).toBe(0);
    ada.cookies.set('sk_session', cookie);
    expect((await ada.get('/api/hello')).body.reason).toBe('logout');
  });

  it('refuses a cookie request to the API without the CSRF header, changing nothing', async () => {
    const ada = await host.login('u_ada');
    const other = await host.login('u_ada');
    await expectUnchanged(async () => {
      const reply = await ada.request('POST', `${API}/me/sessions/revoke-others`, { csrf: false });
      expect(reply.status).toBe(403);
      expect(reply.body.error).toBe('csrf');
      expect(
        (await ada.request('DELETE', `${API}/me/sessions/${other.sessionId}`, { csrf: false })).status,
      ).toBe(403);
    });
  });

  it('signs out every other own session and keeps the current one', async () => {
    const ada = await host.login('u_ada');
    const a2 = await host.login('u_ada');
    const a3 = await host.login('u_ada');
    const bob = await host.login('u_bob');
    const reply = await ada.post(`${API}/me/sessions/revoke-others`);
    expect(reply.body).toEqual({ ended: 2 });
    expect(await statusOf(ada.sessionId)).toBe('active');
    expect(await statusOf(a2.sessionId)).toBe('ended');
    expect((await a3.get('/api/hello')).body.reason).toBe('revoked_others');
    expect(await statusOf(bob.sessionId)).toBe('active');
  });
});

describe('authorized apps and push registrations', () => {
  it('lists and removes the owner’s apps; another user’s app is 404 and stays', async () => {
    const ada = await host.login('u_ada');
    const mine = anAuthorizedApp({ tenantId: TENANT, userId: 'u_ada' });
    const bobs = anAuthorizedApp({ tenantId: TENANT, userId: 'u_bob', name: 'Bob’s CRM' });
    await store.insertAuthorizedApp(mine);
    await store.insertAuthorizedApp(bobs);
    const list = await ada.get(`${API}/me/authorized-apps`);
    expect(list.body).toEqual([
      {
        id: mine.id,
        name: mine.name,
        kind: mine.kind,
        deviceName: null,
        scopes: mine.scopes,
        tokenPreview: mine.tokenPreview,
        createdAt: mine.createdAt.toISOString(),
        lastUsedAt: null,
      },
    ]);
    expect(list.headers.get('x-total-count')).toBe('1');
    await expectUnchanged(async () => {
      expect((await ada.delete(`${API}/me/authorized-apps/${bobs.id}`)).status).toBe(404);
    });
    expect((await ada.delete(`${API}/me/authorized-apps/${mine.id}`)).body.id).toBe(mine.id);
    expect(await store.listAuthorizedApps(TENANT, 'u_ada')).toEqual([]);
  });

  it('lists and removes the owner’s push registrations; another user’s is 404 and stays', async () => {
    const ada = await host.login('u_ada');
    const mine = aPushRegistration({ tenantId: TENANT, userId: 'u_ada' });
    const bobs = aPushRegistration({ tenantId: TENANT, userId: 'u_bob' });
    await store.insertPushRegistration(mine);
    await store.insertPushRegistration(bobs);
    const list = await ada.get(`${API}/me/push-registrations`);
    expect(list.body).toEqual([
      {
        id: mine.id,
        appName: mine.appName,
        deviceName: mine.deviceName,
        platform: 'ios',
        createdAt: mine.createdAt.toISOString(),
        lastUsedAt: null,
      },
    ]);
    await expectUnchanged(async () => {
      expect((await ada.delete(`${API}/me/push-registrations/${bobs.id}`)).status).toBe(404);
    });
    expect((await ada.delete(`${API}/me/push-registrations/${mine.id}`)).status).toBe(200);
    expect(await store.listPushRegistrations(TENANT, 'u_bob')).toHaveLength(1);
  });
});

describe('administrators', () => {
  let admin: Client;
  let ada: Client;
  let root: Client;
  beforeEach(async () => {
    ada = await host.login('u_ada');
    host.clock.advance(MINUTE);
    await host.login('u_ada', { ip: '8.8.8.8', userAgent: IPHONE });
    await host.login('u_bob');
    root = await host.login('u_root');
    admin = await host.login('u_admin');
    // Ada's first session is a minute old: let its coalesced touch happen now, not inside a test's snapshot.
    await ada.get('/api/hello');
  });

  it('counts active users, sessions and signed-in super users; others get 403', async () => {
    expect((await admin.get(`${API}/admin/summary`)).body).toEqual({
      activeUsers: 4,
      activeSessions: 5,
      superUsers: 1,
    });
    await expectUnchanged(async () => {
      const denied = await ada.get(`${API}/admin/summary`);
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('forbidden');
    });
  });

  it('lists one row per signed-in user with filters, sorting and paging', async () => {
    const all = await admin.get(`${API}/admin/users?_sort=name&_order=asc`);
    expect(all.body.map((r: { userId: string }) => r.userId)).toEqual([
      'u_ada',
      'u_admin',
      'u_bob',
      'u_root',
    ]);
    const adaRow = all.body[0];
    expect(adaRow).toMatchObject({
      id: 'u_ada',
      name: 'Ada Lovelace',
      department: 'Research',
      role: 'member',
      superUser: false,
      activeSessions: 2,
      lastLoginIp: '8.8.8.8',
    });
    expect(typeof adaRow.lastLoginAt).toBe('string');
    expect(
      (await admin.get(`${API}/admin/users?superUser=true`)).body.map((r: { id: string }) => r.id),
    ).toEqual(['u_root']);
    expect((await admin.get(`${API}/admin/users?q=research`)).body.map((r: { id: string }) => r.id)).toEqual([
      'u_ada',
    ]);
    const page = await admin.get(`${API}/admin/users?_sort=name&_order=asc&_start=1&_end=3`);
    expect(page.body.map((r: { id: string }) => r.id)).toEqual(['u_admin', 'u_bob']);
    expect(page.headers.get('x-total-count')).toBe('4');
    expect((await ada.get(`${API}/admin/users`)).status).toBe(403);
  });

  it('lists sessions across the account with their users, filtered by user and status', async () => {
    const list = await admin.get(`${API}/admin/sessions?userId=u_ada&_sort=createdAt&_order=asc`);
    expect(list.body).toHaveLength(2);
    expect(list.body[0]).toMatchObject({
      userId: 'u_ada',
      user: { id: 'u_ada', name: 'Ada Lovelace', superUser: false },
    });
    expect(list.body[1].risk.map((r: { kind: string }) => r.kind)).toContain('new_device');
    await ada.delete(`${API}/me/sessions/${list.body[1].id}`);
    expect(
      (await admin.get(`${API}/admin/sessions?status=ended`)).body.map((s: { id: string }) => s.id),
    ).toEqual([list.body[1].id]);
    expect((await admin.get(`${API}/admin/sessions`)).headers.get('x-total-count')).toBe('5');
    expect((await ada.get(`${API}/admin/sessions`)).status).toBe(403);
  });

  it('ends one session with a reason in the audit trail; the user is refused at once', async () => {
    const reply = await admin.request('DELETE', `${API}/admin/sessions/${ada.sessionId}`, {
      body: { reason: 'shared PC' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: ada.sessionId,
      status: 'ended',
      endedBy: 'u_admin',
      endedByName: 'Alice Admin',
      endNote: 'shared PC',
    });
    // The list names the ender from the directory too.
    const ended = await admin.get(`${API}/admin/sessions?status=ended&userId=u_ada`);
    expect(ended.body.find((s: { id: string }) => s.id === ada.sessionId)).toMatchObject({
      endedByName: 'Alice Admin',
      user: { name: 'Ada Lovelace' },
    });
    expect((await ada.get('/api/hello')).body).toMatchObject({
      error: 'session_ended',
      reason: 'revoked',
      note: 'shared PC',
    });
    const audit = await admin.get(`${API}/audit-events?action=session_ended`);
    expect(audit.body[0]).toMatchObject({
      sessionId: ada.sessionId,
      reason: 'shared PC',
      actorId: 'u_admin',
    });
    expect((await admin.delete(`${API}/admin/sessions/ses_unknown000000000000000`)).status).toBe(404);
  });

  it('refuses a non-super admin acting on a super user, and lets a super user do it', async () => {
    await expectUnchanged(async () => {
      expect((await admin.delete(`${API}/admin/sessions/${root.sessionId}`)).status).toBe(403);
      expect((await admin.post(`${API}/admin/users/u_root/force-logout`, { reason: 'x' })).status).toBe(403);
      expect((await ada.post(`${API}/admin/users/u_bob/force-logout`, { reason: 'x' })).status).toBe(403);
      expect((await ada.delete(`${API}/admin/sessions/${root.sessionId}`)).status).toBe(403);
    });
    const root2 = await host.login('u_root2');
    expect((await root.delete(`${API}/admin/sessions/${root2.sessionId}`)).status).toBe(200);
  });

  it('forces a user out of every session with a required reason; the account stays usable', async () => {
    await expectUnchanged(async () => {
      const missing = await admin.post(`${API}/admin/users/u_ada/force-logout`, {});
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ error: 'invalid_input', field: 'reason' });
    });
    const reply = await admin.post(`${API}/admin/users/u_ada/force-logout`, { reason: 'left the company' });
    expect(reply.body).toEqual({ ended: 2 });
    expect((await ada.get('/api/hello')).body).toEqual({
      error: 'session_ended',
      message: 'this session has ended',
      reason: 'force_logout',
      note: 'left the company',
    });
    const again = await host.login('u_ada');
    expect((await again.get('/api/hello')).status).toBe(200);
    const audit = await admin.get(`${API}/audit-events?action=force_logout`);
    expect(audit.body[0]).toMatchObject({
      targetUserId: 'u_ada',
      reason: 'left the company',
      details: { ended: 2 },
    });
  });

  it('answers 404 for a user the directory does not know, and writes nothing (no audit row)', async () => {
    await expectUnchanged(async () => {
      const unknown = await admin.post(`${API}/admin/users/u_nobody/force-logout`, { reason: 'typo' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ error: 'not_found', field: 'userId' });
      // Someone who may not force anyone out learns nothing about which users exist.
      expect((await ada.post(`${API}/admin/users/u_nobody/force-logout`, { reason: 'x' })).status).toBe(403);
    });
    const audit = await admin.get(`${API}/audit-events?action=force_logout`);
    expect(audit.body).toEqual([]);
  });

  it('keeps control characters out of a reason and the audit trail, and the words around them', async () => {
    const reply = await admin.post(`${API}/admin/users/u_ada/force-logout`, {
      reason: '\u0000 left\u0000 the\u001b company\u0007\r\n  see ticket\u202e 42 ',
    });
    expect(reply.status).toBe(200);
    const audit = await admin.get(`${API}/audit-events?action=force_logout`);
    expect(audit.body[0].reason).toBe('left the company see ticket 42');
    expect((await ada.get('/api/hello')).body.note).toBe('left the company see ticket 42');
  });

  it('signs out the whole account but the caller; a non-super admin leaves super users signed in', async () => {
    const reply = await admin.post(`${API}/admin/sessions/revoke-all`, { reason: 'incident' });
    expect(reply.body).toEqual({ ended: 3 });
    expect((await admin.get('/api/hello')).status).toBe(200);
    expect((await root.get('/api/hello')).status).toBe(200);
    expect((await ada.get('/api/hello')).body.reason).toBe('force_logout');
    const byRoot = await root.post(`${API}/admin/sessions/revoke-all`, { reason: 'incident' });
    expect(byRoot.body).toEqual({ ended: 1 });
    expect((await admin.get('/api/hello')).status).toBe(401);
  });
});

describe('acting on behalf of a user', () => {
  it('lets a helper with the right see and remove another user’s apps and login statistics', async () => {
    const helper = await host.login('u_helper');
    await host.login('u_ada');
    host.clock.advance(HOUR);
    const ada = await host.login('u_ada');
    await ada.post('/auth/logout');
    const app = anAuthorizedApp({ tenantId: TENANT, userId: 'u_ada' });
    await store.insertAuthorizedApp(app);

    const apps = await helper.get(`${API}/admin/users/u_ada/authorized-apps`);
    expect(apps.body.map((a: { id: string }) => a.id)).toEqual([app.id]);
    const from = '2026-01-15';
    const stats = await helper.get(`${API}/admin/users/u_ada/login-stats?from=${from}&to=2026-01-17`);
    expect(stats.body).toEqual({
      from: '2026-01-15T00:00:00.000Z',
      to: '2026-01-17T00:00:00.000Z',
      logins: 2,
      logouts: 1,
      days: [
        { date: '2026-01-15', logins: 2, logouts: 1 },
        { date: '2026-01-16', logins: 0, logouts: 0 },
      ],
    });
    expect((await helper.delete(`${API}/admin/users/u_ada/authorized-apps/${app.id}`)).body.id).toBe(app.id);
    // Acting on behalf is not admin: the account's sessions stay out of reach.
    expect((await helper.get(`${API}/admin/sessions`)).status).toBe(403);
  });

  it('refuses people without the right, and everyone but super users on a super user', async () => {
    const helper = await host.login('u_helper');
    const bob = await host.login('u_bob');
    const admin = await host.login('u_admin');
    const app = anAuthorizedApp({ tenantId: TENANT, userId: 'u_root' });
    await store.insertAuthorizedApp(app);
    await expectUnchanged(async () => {
      expect((await bob.get(`${API}/admin/users/u_ada/authorized-apps`)).status).toBe(403);
      expect((await bob.get(`${API}/admin/users/u_ada/login-stats`)).status).toBe(403);
      expect((await helper.get(`${API}/admin/users/u_root/authorized-apps`)).status).toBe(403);
      expect((await admin.delete(`${API}/admin/users/u_root/authorized-apps/${app.id}`)).status).toBe(403);
      expect((await helper.get(`${API}/admin/users/u_root/login-stats`)).status).toBe(403);
    });
    expect((await admin.get(`${API}/admin/users/u_ada/authorized-apps`)).status).toBe(200);
  });
});

describe('policy, API keys and the audit trail', () => {
  it('lets anyone read the policy and only admins change it; the change applies at the next request', async () => {
    const ada = await host.login('u_ada');
    const admin = await host.login('u_admin');
    expect((await ada.get(`${API}/policy`)).body.idleTimeout).toEqual({
      enabled: true,
      value: 7,
      unit: 'days',
    });
    await expectUnchanged(async () => {
      expect((await ada.put(`${API}/policy`, { idleTimeout: { value: 1, unit: 'hours' } })).status).toBe(403);
    });
    const saved = await admin.put(`${API}/policy`, {
      idleTimeout: { enabled: true, value: 1, unit: 'hours' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.idleTimeout).toEqual({ enabled: true, value: 1, unit: 'hours' });
    host.clock.advance(2 * HOUR);
    expect((await ada.get('/api/hello')).body).toMatchObject({
      error: 'session_ended',
      reason: 'idle_timeout',
    });
  });

  it('lists API keys with their last use and requests in the last 24 hours, for admins only', async () => {
    const admin = await host.login('u_admin');
    const ada = await host.login('u_ada');
    const key = anApiKey({ tenantId: TENANT, createdAt: host.clock.now() });
    await store.insertApiKey(key);
    await store.recordApiKeyUse(TENANT, key.id, host.clock.now());
    await store.recordApiKeyUse(TENANT, key.id, host.clock.now());
    const reply = await admin.get(`${API}/api-keys`);
    expect(reply.body).toEqual([
      {
        id: key.id,
        userId: key.userId,
        name: key.name,
        prefix: key.prefix,
        scopes: key.scopes,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: host.clock.now().toISOString(),
        revokedAt: null,
        expiresAt: null,
        requestsLast24h: 2,
      },
    ]);
    expect(JSON.stringify(reply.body)).not.toContain(key.keyHash);
    expect((await ada.get(`${API}/api-keys`)).status).toBe(403);
  });

  it('shows the audit trail newest first, filtered by user and action, for admins only', async () => {
    const ada = await host.login('u_ada');
    host.clock.advance(MINUTE);
    const admin = await host.login('u_admin');
    host.clock.advance(MINUTE);
    await ada.post('/auth/logout');
    const all = await admin.get(`${API}/audit-events`);
    expect(all.body.map((e: { action: string }) => e.action)).toEqual(['session_ended', 'login', 'login']);
    expect(all.body[0]).toMatchObject({ targetUserId: 'u_ada', endReason: 'logout' });
    expect(all.body[0]).not.toHaveProperty('tenantId');
    const adas = await admin.get(`${API}/audit-events?userId=u_ada&action=login`);
    expect(adas.body).toHaveLength(1);
    expect(adas.headers.get('x-total-count')).toBe('1');
    const again = await host.login('u_ada');
    expect((await again.get(`${API}/audit-events`)).status).toBe(403);
  });
});

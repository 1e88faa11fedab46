import { DAY, HOUR, MINUTE, hashSecret } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import type { TestHost } from './support.js';
import { Client, TENANT, clearStore, mongoStore, openDatabase, snapshot, startHost } from './support.js';

// API keys and app tokens the kit issues and enforces, through HTTP, with two hosts on one database as
// behind a load balancer.
let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;
let host: TestHost;
let second: TestHost;

beforeAll(async () => {
  database = await openDatabase('credentials');
  store = await mongoStore(database.connection);
});
afterAll(() => database.drop());
beforeEach(async () => {
  await clearStore(store);
  // The timer that writes counted use runs on real time: an hour keeps it out of these tests.
  host = await startHost({
    mongoose: database.connection,
    apiKeyScopes: ['read', 'write', 'admin'],
    usageFlushIntervalMs: HOUR,
  });
  second = await startHost({ mongoose: database.connection, clock: host.clock, usageFlushIntervalMs: HOUR });
});
afterEach(async () => {
  await host.close();
  await second.close();
});

const API = '/api/sessions';
const withKey = (h: TestHost, key: string) => Object.assign(new Client(h.url), { bearer: key });

async function expectUnchanged(action: () => Promise<unknown>): Promise<void> {
  const before = await snapshot(store);
  await action();
  expect(JSON.parse(await snapshot(store))).toEqual(JSON.parse(before));
}

describe('API keys', () => {
  it('creates a key whose secret is answered once, then authenticates with it on any instance', async () => {
    const ada = await host.login('u_ada');
    const created = await ada.post(`${API}/me/api-keys`, { name: 'Reporting', scopes: ['read'] });
    expect(created.status).toBe(201);
    const { secret, ...key } = created.body;
    expect(secret).toMatch(/^skk_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ userId: 'u_ada', name: 'Reporting', scopes: ['read'], requestsLast24h: 0 });
    expect(key.lastUsedAt).toBeNull();
    expect(secret.startsWith(key.prefix)).toBe(true);
    expect(key.prefix.length).toBeLessThan(16);
    const hello = await withKey(second, secret).get('/api/hello');
    expect(hello.body).toMatchObject({
      credential: 'api_key',
      userId: 'u_ada',
      keyId: key.id,
      scopes: ['read'],
    });
    const listed = await ada.get(`${API}/me/api-keys`);
    expect(listed.body.map((k: { id: string }) => k.id)).toEqual([key.id]);
    const everything = JSON.stringify([listed.body, (await store.listApiKeys(TENANT))[0]]);
    expect(everything).not.toContain(secret);
    expect(JSON.stringify(listed.body)).not.toContain(hashSecret(secret));
    const audit = await store.listAuditEvents({ tenantId: TENANT });
    expect(JSON.stringify(audit.items)).not.toContain(secret);
  });

  it('refuses a key revoked through one instance at its next request on the other', async () => {
    const ada = await host.login('u_ada');
    const { body } = await ada.post(`${API}/me/api-keys`, { name: 'CI', scopes: ['write'] });
    expect((await withKey(second, body.secret).get('/api/hello')).status).toBe(200);
    const revoked = await ada.delete(`${API}/me/api-keys/${body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(host.clock.now().toISOString());
    const refused = await withKey(second, body.secret).get('/api/hello');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: 'api_key_ended', reason: 'revoked' });
    expect(JSON.stringify(refused.body)).not.toContain(body.secret);
    expect((await ada.delete(`${API}/me/api-keys/${body.id}`)).status).toBe(404);
  });

  it('refuses an expired key', async () => {
    const ada = await host.login('u_ada');
    const expiresAt = new Date(host.clock.now().getTime() + DAY).toISOString();
    const { body } = await ada.post(`${API}/me/api-keys`, { name: 'Day pass', scopes: ['read'], expiresAt });
    expect(body.expiresAt).toBe(expiresAt);
    host.clock.advance(DAY);
    expect((await withKey(host, body.secret).get('/api/hello')).body).toMatchObject({ reason: 'expired' });
  });

  it('counts 50 concurrent requests on two instances exactly once written, and the admin sees them', async () => {
    const admin = await host.login('u_admin');
    const ada = await host.login('u_ada');
    const { body } = await ada.post(`${API}/me/api-keys`, { name: 'Load', scopes: ['read'] });
    host.clock.advance(MINUTE);
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => withKey(i % 2 ? host : second, body.secret).get('/api/hello')),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    // Within the bound: the other instance writes its count at the latest at its next flush.
    await second.kit.service.usage.flush();
    const listed = await admin.get(`${API}/api-keys`);
    expect(listed.body[0]).toMatchObject({
      id: body.id,
      requestsLast24h: 50,
      lastUsedAt: host.clock.now().toISOString(),
    });
    const own = await ada.get(`${API}/me/api-keys`);
    expect(own.body[0].requestsLast24h).toBe(50);
  });

  it('writes no use per request: fewer requests than the bound leave the store untouched', async () => {
    const ada = await host.login('u_ada');
    const { body } = await ada.post(`${API}/me/api-keys`, { name: 'Quiet', scopes: ['read'] });
    const before = await snapshot(store);
    const client = withKey(host, body.secret);
    for (let i = 0; i < 5; i++) expect((await client.get('/api/hello')).status).toBe(200);
    expect(await snapshot(store)).toBe(before);
  });

  it('lets an administrator create a key for anyone and revoke anyone’s; a person only their own', async () => {
    const admin = await host.login('u_admin');
    const ada = await host.login('u_ada');
    const bob = await host.login('u_bob');
    const made = await admin.post(`${API}/admin/users/u_bob/api-keys`, {
      name: 'Bob export',
      scopes: ['read'],
    });
    expect(made.status).toBe(201);
    expect(made.body.userId).toBe('u_bob');
    await expectUnchanged(async () => {
      expect((await ada.delete(`${API}/me/api-keys/${made.body.id}`)).status).toBe(404);
      expect((await ada.delete(`${API}/api-keys/${made.body.id}`)).status).toBe(403);
      expect(
        (await ada.post(`${API}/admin/users/u_bob/api-keys`, { name: 'x', scopes: ['read'] })).status,
      ).toBe(403);
      expect(
        (await admin.post(`${API}/admin/users/u_nobody/api-keys`, { name: 'x', scopes: ['read'] })).status,
      ).toBe(404);
      expect(
        (await admin.post(`${API}/admin/users/u_root/api-keys`, { name: 'x', scopes: ['read'] })).status,
      ).toBe(403);
    });
    expect((await bob.get(`${API}/me/api-keys`)).body.map((k: { id: string }) => k.id)).toEqual([
      made.body.id,
    ]);
    expect((await ada.get(`${API}/me/api-keys`)).body).toEqual([]);
    const revoked = await admin.delete(`${API}/api-keys/${made.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await withKey(host, made.body.secret).get('/api/hello')).status).toBe(401);
  });

  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const ada = await host.login('u_ada');
    const past = new Date(host.clock.now().getTime() - HOUR).toISOString();
    const cases: [unknown, string][] = [
      [{ scopes: ['read'] }, 'name'],
      [{ name: '   ', scopes: ['read'] }, 'name'],
      [{ name: 'x'.repeat(101), scopes: ['read'] }, 'name'],
      [{ name: 'k', scopes: [] }, 'scopes'],
      [{ name: 'k', scopes: ['root'] }, 'scopes'],
      [{ name: 'k', scopes: 'read' }, 'scopes'],
      [{ name: 'k', scopes: ['read'], expiresAt: past }, 'expiresAt'],
      [{ name: 'k', scopes: ['read'], expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ name: 'k', scopes: ['read'], owner: 'u_bob' }, 'owner'],
    ];
    await expectUnchanged(async () => {
      for (const [body, field] of cases) {
        const reply = await ada.post(`${API}/me/api-keys`, body);
        expect([reply.status, reply.body.field], JSON.stringify(body)).toEqual([400, field]);
      }
    });
  });

  it('answers the declared scopes, and keeps keys and app tokens out of the session routes', async () => {
    const ada = await host.login('u_ada');
    expect((await ada.get(`${API}/api-key-scopes`)).body).toEqual({ scopes: ['read', 'write', 'admin'] });
    const { body } = await ada.post(`${API}/me/api-keys`, { name: 'k', scopes: ['admin'] });
    const reply = await withKey(host, body.secret).get(`${API}/me/sessions`);
    expect(reply.status).toBe(403);
  });
});

describe('tokens of other forms', () => {
  it('authenticates an API key imported from another system, in the form it had there', async () => {
    const key = `sk_live_${'x'.repeat(40)}`;
    await host.kit.importCredentials({
      apiKeys: [{ userId: 'u_bob', name: 'Legacy', key, prefix: key.slice(0, 12), scopes: ['read'] }],
    });
    expect((await withKey(second, key).get('/api/hello')).body).toMatchObject({
      credential: 'api_key',
      userId: 'u_bob',
    });
    expect((await withKey(second, `sk_live_${'y'.repeat(40)}`).get('/api/hello')).status).toBe(401);
  });

  it('still takes an adopted session secret that happens to look like a key for the session it is', async () => {
    const secret = `skk_${'S'.repeat(43)}`;
    await host.kit.importSessions([{ userId: 'u_ada', ip: '81.2.69.142', kind: 'api', secret }]);
    expect((await withKey(host, secret).get('/api/hello')).body).toMatchObject({
      credential: 'session',
      userId: 'u_ada',
    });
  });
});

describe('authorized apps', () => {
  it('issues a token for a mobile sign-in, listed with its device name and prefix, ended by removal', async () => {
    const ada = await host.login('u_ada');
    const { app, token } = await host.kit.authorizeApp('u_ada', {
      name: 'Fleet Mobile',
      kind: 'mobile',
      deviceName: "Ada's Pixel 8",
      rights: ['read:vehicles'],
    });
    expect(token).toMatch(/^ska_/);
    const hello = await withKey(second, token).get('/api/hello');
    expect(hello.body).toMatchObject({
      credential: 'app',
      userId: 'u_ada',
      appId: app.id,
      deviceName: "Ada's Pixel 8",
    });
    const listed = await ada.get(`${API}/me/authorized-apps`);
    expect(listed.body[0]).toMatchObject({
      id: app.id,
      deviceName: "Ada's Pixel 8",
      scopes: ['read:vehicles'],
    });
    expect(token.startsWith(listed.body[0].tokenPreview)).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(16));
    expect(listed.body[0]).not.toHaveProperty('tokenHash');
    expect((await ada.delete(`${API}/me/authorized-apps/${app.id}`)).status).toBe(200);
    expect((await withKey(second, token).get('/api/hello')).status).toBe(401);
  });

  it('records an app’s first use within the bound, and audits it', async () => {
    const { app, token } = await host.kit.authorizeApp(
      { userId: 'u_ada' },
      { name: 'Zapier', kind: 'website' },
    );
    host.clock.advance(MINUTE);
    await withKey(host, token).get('/api/hello');
    await host.kit.service.usage.flush();
    const [stored] = await store.listAuthorizedApps(TENANT, 'u_ada');
    expect(stored?.lastUsedAt).toEqual(host.clock.now());
    const actions = (await store.listAuditEvents({ tenantId: TENANT })).items.map((e) => e.action);
    expect(actions).toEqual(['app_first_used', 'app_authorized']);
    expect(app.tokenHash).toBe(hashSecret(token));
  });

  it('lets a person connect a website with a token shown once, which works until they remove it', async () => {
    const ada = await host.login('u_ada');
    const created = await ada.post(`${API}/me/authorized-apps`, {
      name: 'Reports site',
      kind: 'website',
      rights: ['read'],
    });
    expect(created.status).toBe(201);
    const { token, ...app } = created.body;
    expect(token).toMatch(/^ska_[A-Za-z0-9_-]{43}$/);
    expect(app).toMatchObject({ name: 'Reports site', kind: 'website', scopes: ['read'], lastUsedAt: null });
    expect(token.startsWith(app.tokenPreview)).toBe(true);
    const hello = await withKey(second, token).get('/api/hello');
    expect(hello.body).toMatchObject({ credential: 'app', userId: 'u_ada', appId: app.id, scopes: ['read'] });
    const listed = await ada.get(`${API}/me/authorized-apps`);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const audit = await store.listAuditEvents({ tenantId: TENANT });
    expect(audit.items.find((e) => e.action === 'app_authorized')).toMatchObject({
      actorId: 'u_ada',
      targetUserId: 'u_ada',
      details: { app: 'Reports site', kind: 'website' },
    });
    expect(JSON.stringify(audit.items)).not.toContain(token);
    // Another person's app is not theirs to remove, and is not found for them.
    const bo = await host.login('u_bo');
    expect((await bo.delete(`${API}/me/authorized-apps/${app.id}`)).status).toBe(404);
    expect((await ada.delete(`${API}/me/authorized-apps/${app.id}`)).status).toBe(200);
    expect((await withKey(second, token).get('/api/hello')).status).toBe(401);
  });

  it('offers a person only the rights the server declares, naming the field, and creates nothing', async () => {
    const ada = await host.login('u_ada');
    await expectUnchanged(async () => {
      const refused = await ada.post(`${API}/me/authorized-apps`, { name: 'Site', rights: ['root'] });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_input', field: 'rights' });
      expect(refused.body.message).toContain('root');
      const mobile = await ada.post(`${API}/me/authorized-apps`, {
        name: 'Phone',
        kind: 'mobile',
        rights: ['read'],
      });
      expect(mobile.body).toMatchObject({ error: 'invalid_input', field: 'kind' });
    });
    // A token can't mint tokens: connecting an app takes the person's own session.
    const { token } = await host.kit.authorizeApp('u_ada', { name: 'Zapier', rights: ['read'] });
    const byApp = await withKey(host, token).post(`${API}/me/authorized-apps`, {
      name: 'X',
      rights: ['read'],
    });
    expect(byApp.body).toMatchObject({ error: 'forbidden' });
  });

  it('names the field of a bad grant', async () => {
    await expect(host.kit.authorizeApp('u_ada', { name: '' })).rejects.toMatchObject({ field: 'name' });
    await expect(
      host.kit.authorizeApp('u_ada', { name: 'x', kind: 'plugin' as 'mobile' }),
    ).rejects.toMatchObject({ field: 'kind' });
  });
});

describe('push registrations', () => {
  it('lets a signed-in mobile app register its device, lists it without the push token, and removes it', async () => {
    const ada = await host.login('u_ada');
    const { token } = await host.kit.authorizeApp('u_ada', {
      name: 'Fleet Mobile',
      kind: 'mobile',
      deviceName: 'Pixel 8',
    });
    const phone = withKey(host, token);
    const registered = await phone.post(`${API}/me/push-registrations`, {
      platform: 'android',
      pushToken: 'fcm:abc123',
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({
      appName: 'Fleet Mobile',
      deviceName: 'Pixel 8',
      platform: 'android',
    });
    expect(JSON.stringify(registered.body)).not.toContain('fcm:abc123');
    const again = await phone.post(`${API}/me/push-registrations`, {
      platform: 'android',
      pushToken: 'fcm:abc123',
    });
    expect([again.status, again.body.id]).toEqual([200, registered.body.id]);
    const live = await host.kit.livePushRegistrations('u_ada');
    expect(live.map((r) => r.pushToken)).toEqual(['fcm:abc123']);
    expect((await ada.get(`${API}/me/push-registrations`)).body.map((r: { id: string }) => r.id)).toEqual([
      registered.body.id,
    ]);
    expect((await ada.delete(`${API}/me/push-registrations/${registered.body.id}`)).status).toBe(200);
    expect(await second.kit.livePushRegistrations('u_ada')).toEqual([]);
  });

  it('lets a session register too, naming the missing or bad field, and never another person’s', async () => {
    const ada = await host.login('u_ada');
    const bob = await host.login('u_bob');
    await expectUnchanged(async () => {
      const cases: [unknown, string][] = [
        [{ platform: 'ios', pushToken: 'apns-1' }, 'appName'],
        [{ appName: 'Mail', platform: 'ios', pushToken: 'apns-1' }, 'deviceName'],
        [{ appName: 'Mail', deviceName: 'iPad', platform: 'symbian', pushToken: 'apns-1' }, 'platform'],
        [{ appName: 'Mail', deviceName: 'iPad', platform: 'ios', pushToken: 'has space' }, 'pushToken'],
        [{ appName: 'Mail', deviceName: 'iPad', platform: 'ios' }, 'pushToken'],
      ];
      for (const [body, field] of cases) {
        const reply = await ada.post(`${API}/me/push-registrations`, body);
        expect([reply.status, reply.body.field], JSON.stringify(body)).toEqual([400, field]);
      }
    });
    const made = await ada.post(`${API}/me/push-registrations`, {
      appName: 'Mail',
      deviceName: 'iPad',
      platform: 'ios',
      pushToken: 'apns-1',
    });
    expect(made.status).toBe(201);
    expect((await bob.delete(`${API}/me/push-registrations/${made.body.id}`)).status).toBe(404);
    const { body: key } = await ada.post(`${API}/me/api-keys`, { name: 'k', scopes: ['read'] });
    const byKey = await withKey(host, key.secret).post(`${API}/me/push-registrations`, {
      appName: 'Mail',
      deviceName: 'iPad',
      platform: 'ios',
      pushToken: 'apns-2',
    });
    expect(byKey.status).toBe(403);
  });
});

describe('the usage bound', () => {
  it('writes counted use after flushEvery requests without being asked', async () => {
    const small = await startHost({
      mongoose: database.connection,
      clock: host.clock,
      usageFlushEvery: 3,
      usageFlushIntervalMs: HOUR,
    });
    try {
      const { secret, key } = await small.kit.createApiKey('u_ada', { name: 'Bound', scopes: ['read'] });
      const spy = vi.spyOn(small.kit.service.usage, 'flush');
      for (let i = 0; i < 3; i++) await withKey(small, secret).get('/api/hello');
      expect(spy).toHaveBeenCalledTimes(1);
      await spy.mock.results[0]?.value;
      const counts = await store.countApiKeyRequests(TENANT, [key.id], new Date(0));
      expect(counts.get(key.id)).toBe(3);
    } finally {
      await small.close();
    }
  });
});

import { MINUTE, MemorySessionStore, SessionKitError } from '@sessionkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply, TestHost } from './support.js';
import { Client, directory, startHost } from './support.js';

let host: TestHost;
afterEach(async () => {
  await host?.close();
});

describe('authenticate', () => {
  it('answers 401 unauthenticated without a credential, and for an unknown one', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const anonymous = host.anonymous();
    const none = await anonymous.get('/api/hello');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: 'unauthenticated', message: expect.any(String) });
    anonymous.bearer = 'not-a-real-token-at-all-0123456789';
    expect((await anonymous.get('/api/hello')).status).toBe(401);
  });

  it('never takes a secret from the URL, and keeps query strings out of the session it records', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const api = await host.login('u_ada', { kind: 'api' });
    const secret = encodeURIComponent(api.bearer ?? '');
    const anonymous = host.anonymous();
    for (const query of [`sk_session=${secret}`, `token=${secret}`, `access_token=${secret}`]) {
      expect((await anonymous.get(`/api/hello?${query}`)).status, query).toBe(401);
    }
    // Past the touch interval, so this request's path is written.
    host.clock.advance(2 * MINUTE);
    expect((await api.get(`/api/hello?token=${secret}`)).status).toBe(200);
    const mine = await api.get(`/api/sessions/me/sessions/${api.sessionId}`);
    expect(mine.body.activity.lastPath).toBe('/api/hello');
  });

  it('asks the directory once per user within directoryCacheMs, and again after it', async () => {
    let reads = 0;
    const counted = {
      getUsers: async (tenantId: string, ids: readonly string[]) => {
        reads++;
        return directory.getUsers(tenantId, ids);
      },
    };
    host = await startHost({ store: new MemorySessionStore(), directory: counted, directoryCacheMs: 5_000 });
    const ada = await host.login('u_ada');
    reads = 0;
    for (let i = 0; i < 10; i++) expect((await ada.get('/api/hello')).body.userId).toBe('u_ada');
    expect(reads).toBe(1);
    host.clock.advance(6_000);
    await ada.get('/api/hello');
    expect(reads).toBe(2);
  });

  it('lets a signed-in browser through and attaches the user', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const ada = await host.login('u_ada');
    const reply = await ada.get('/api/hello');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ userId: 'u_ada', via: 'cookie', credential: 'session' });
  });

  it('refuses a session revoked a moment ago on the very next request, with the reason', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const ada = await host.login('u_ada');
    const admin = await host.login('u_admin');
    expect((await ada.get('/api/hello')).status).toBe(200);
    const forced = await admin.post('/api/sessions/admin/users/u_ada/force-logout', {
      reason: 'lost laptop',
    });
    expect(forced.body).toEqual({ ended: 1 });
    const next = await ada.get('/api/hello');
    expect(next.status).toBe(401);
    expect(next.body).toEqual({
      error: 'session_ended',
      reason: 'force_logout',
      note: 'lost laptop',
      message: expect.any(String),
    });
  });

  it('ends an idle session at its next request under the policy', async () => {
    host = await startHost({
      store: new MemorySessionStore(),
      policyDefaults: { idleTimeout: { enabled: true, value: 1, unit: 'hours' } },
    });
    const ada = await host.login('u_ada');
    host.clock.advance(30 * MINUTE);
    expect((await ada.get('/api/hello')).status).toBe(200);
    host.clock.advance(61 * MINUTE);
    const next = await ada.get('/api/hello');
    expect(next.status).toBe(401);
    expect(next.body.reason).toBe('idle_timeout');
  });

  it('needs the CSRF header on cookie requests that change something; bearer requests are exempt', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const ada = await host.login('u_ada');
    const missing = await ada.request('POST', '/api/hello', { body: {}, csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.body.error).toBe('csrf');
    const wrong = await ada.request('POST', '/api/hello', {
      body: {},
      csrf: false,
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(wrong.status).toBe(403);
    expect((await ada.post('/api/hello', {})).status).toBe(200);

    const api = await host.login('u_ada', { kind: 'api' });
    expect(api.cookies.size).toBe(0);
    const bearer = await api.request('POST', '/api/hello', { body: {} });
    expect(bearer.status).toBe(200);
  });

  it('does not count a request refused for its CSRF header as activity', async () => {
    const store = new MemorySessionStore();
    host = await startHost({
      store,
      policyDefaults: { idleTimeout: { enabled: true, value: 1, unit: 'hours' } },
    });
    const ada = await host.login('u_ada');
    const [session] = (await host.kit.service.listSessions('t_acme', { userId: 'u_ada' })).items;
    const before = await store.findLiveSession(session?.tokenHash ?? '');
    host.clock.advance(50 * MINUTE);
    for (let i = 0; i < 3; i++) {
      expect((await ada.request('POST', '/api/hello', { body: {}, csrf: false })).status).toBe(403);
    }
    expect(await store.findLiveSession(session?.tokenHash ?? '')).toEqual(before);
    // Refused requests kept nothing alive: the session idles out on schedule.
    host.clock.advance(11 * MINUTE);
    expect((await ada.get('/api/hello')).body).toMatchObject({
      error: 'session_ended',
      reason: 'idle_timeout',
    });
  });

  it('does not accept another session’s CSRF token', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const ada = await host.login('u_ada');
    const bob = await host.login('u_bob');
    const stolen = await ada.request('POST', '/api/hello', {
      body: {},
      csrf: false,
      headers: { 'x-csrf-token': bob.cookies.get('sk_csrf') ?? '' },
    });
    expect(stolen.status).toBe(403);
  });
});

describe('caching', () => {
  it('marks every answer of the router, and every answer of the kit that sets or clears cookies, no-store', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const anonymous = host.anonymous();
    const ada = await host.login('u_ada');
    const replies: [string, Reply][] = [
      ['login', await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_bob' } })],
      ['list', await ada.get('/api/sessions/me/sessions')],
      ['one', await ada.get(`/api/sessions/me/sessions/${ada.sessionId}`)],
      ['bad query', await ada.get('/api/sessions/me/sessions?status=bogus')],
      ['unknown id', await ada.get('/api/sessions/me/sessions/ses_unknown000000000000000')],
      ['unknown route', await ada.get('/api/sessions/nowhere')],
      ['forbidden', await ada.get('/api/sessions/admin/summary')],
      ['no csrf', await ada.request('POST', '/api/sessions/me/sessions/revoke-others', { csrf: false })],
      [
        'broken json',
        await ada.request('POST', '/api/sessions/me/sessions/revoke-others', { rawBody: '{,}' }),
      ],
      ['host route without a session', await anonymous.get('/api/hello')],
      ['host route without csrf', await ada.request('POST', '/api/hello', { csrf: false })],
      [
        'host route with an unknown session',
        await new Client(host.url).request('GET', '/api/hello', { headers: { cookie: 'sk_session=nope' } }),
      ],
      ['logout', await ada.post('/auth/logout')],
    ];
    for (const [label, reply] of replies) {
      expect(reply.headers.get('cache-control'), `${label} (${reply.status})`).toBe('no-store');
    }
  });
});

describe('cookies', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie without Max-Age, and a readable CSRF cookie', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const reply = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_ada' } });
    const session = reply.setCookies.find((c) => c.startsWith('sk_session='));
    const csrf = reply.setCookies.find((c) => c.startsWith('sk_csrf='));
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/Max-Age|Expires/);
    expect(session).not.toMatch(/; Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(JSON.stringify(reply.body)).not.toContain(session?.split(';')[0]?.split('=')[1]);
  });

  it('marks cookies Secure by default and gives remembered sessions a Max-Age of the remembered days', async () => {
    host = await startHost({ store: new MemorySessionStore(), cookie: { secure: true } });
    const reply = await host
      .anonymous()
      .request('POST', '/auth/login', { body: { userId: 'u_ada', rememberMe: true } });
    const session = reply.setCookies.find((c) => c.startsWith('__Host-sk_session='));
    expect(session).toMatch(/; Secure/);
    expect(session).toMatch(/; Max-Age=2592000/);
    expect(reply.setCookies.find((c) => c.startsWith('__Host-sk_csrf='))).toMatch(/; Max-Age=2592000/);
  });

  it('names Secure cookies __Host-sk_session and __Host-sk_csrf, with Path=/ and no Domain, and reads only those', async () => {
    host = await startHost({ store: new MemorySessionStore(), cookie: { secure: true } });
    const ada = await host.login('u_ada');
    expect([...ada.cookies.keys()].sort()).toEqual(['__Host-sk_csrf', '__Host-sk_session']);
    const login = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_ada' } });
    expect(login.setCookies).toHaveLength(2);
    for (const line of login.setCookies) {
      expect(line).toMatch(/^__Host-sk_(session|csrf)=/);
      expect(line).toMatch(/; Path=\/(;|$)/);
      expect(line).toMatch(/; Secure/);
      expect(line).not.toMatch(/Domain=/i);
    }
    expect((await ada.get('/api/hello')).status).toBe(200);
    expect((await ada.post('/api/hello')).body).toEqual({ ok: true, userId: 'u_ada' });
    // A cookie without the prefix could have been planted by a sibling subdomain or over http: not read.
    const planted = host.anonymous();
    planted.cookies.set('sk_session', ada.cookies.get('__Host-sk_session') ?? '');
    expect((await planted.get('/api/hello')).status).toBe(401);
    const out = await ada.post('/auth/logout');
    expect(out.setCookies.map((c) => c.split('=')[0]).sort()).toEqual([
      '__Host-sk_csrf',
      '__Host-sk_session',
    ]);
    expect(ada.cookies.size).toBe(0);
  });

  it('falls back to __Secure- when the host sets a Domain or a Path, and keeps a name the host chose', async () => {
    host = await startHost({
      store: new MemorySessionStore(),
      cookie: { secure: true, domain: 'acme.test' },
    });
    const shared = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_ada' } });
    expect(shared.setCookies.map((c) => c.split('=')[0]).sort()).toEqual([
      '__Secure-sk_csrf',
      '__Secure-sk_session',
    ]);
    expect(shared.setCookies[0]).toMatch(/; Domain=acme.test/);
    await host.close();
    host = await startHost({ store: new MemorySessionStore(), cookie: { secure: true, name: 'acme_sid' } });
    const named = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_ada' } });
    expect(named.setCookies.map((c) => c.split('=')[0]).sort()).toEqual(['__Host-sk_csrf', 'acme_sid']);
  });

  it('gives no Max-Age when the policy does not allow remember me', async () => {
    host = await startHost({
      store: new MemorySessionStore(),
      policyDefaults: { rememberMe: { allowed: false } },
    });
    const reply = await host
      .anonymous()
      .request('POST', '/auth/login', { body: { userId: 'u_ada', rememberMe: true } });
    expect(reply.setCookies.find((c) => c.startsWith('sk_session='))).not.toMatch(/Max-Age|Expires/);
  });

  it('logs out through the host: the session ends and both cookies are cleared', async () => {
    host = await startHost({ store: new MemorySessionStore() });
    const ada = await host.login('u_ada');
    const cookie = ada.cookies.get('sk_session');
    const reply = await ada.post('/auth/logout');
    expect(reply.body.ended).toBe(ada.sessionId);
    expect(ada.cookies.size).toBe(0);
    ada.cookies.set('sk_session', cookie ?? '');
    const after = await ada.get('/api/hello');
    expect(after.body).toMatchObject({ error: 'session_ended', reason: 'logout' });
    expect(after.body).not.toHaveProperty('note');
  });

  it('answers 503 only for an outage; a store that fails otherwise is a 500, never a fake outage or a sign-out', async () => {
    let failure: Error | null = null;
    class FailingStore extends MemorySessionStore {
      override async findLiveSession(tokenHash: string) {
        if (failure) throw failure;
        return super.findLiveSession(tokenHash);
      }
    }
    host = await startHost({ store: new FailingStore() });
    const ada = await host.login('u_ada');
    failure = new SessionKitError('store_unavailable', 'down');
    expect((await ada.get('/api/hello')).status).toBe(503);
    expect((await ada.get('/api/sessions/me/sessions')).body).toMatchObject({ error: 'store_unavailable' });
    failure = new TypeError('a bug in the store');
    expect((await ada.get('/api/hello')).status).toBe(500);
    const routed = await ada.get('/api/sessions/me/sessions');
    expect(routed.status).toBe(500);
    expect(JSON.stringify(routed.body)).not.toContain('a bug in the store');
    failure = null;
    expect((await ada.get('/api/hello')).status).toBe(200);
  });
});

import { HOUR, MINUTE, SYSTEM_ACTOR } from '@sessionkit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PassportHost } from './expressSessionHost.js';
import { Browser, HOST_SESSIONS, startPassportHost } from './expressSessionHost.js';
import { TENANT, openDatabase, snapshot } from './support.js';

// express-session mode on the real test database: connect-mongo keeps the host's sessions, Passport signs
// people in, the kit's middleware tracks them.
let db: Awaited<ReturnType<typeof openDatabase>>;
let host: PassportHost;

beforeAll(async () => {
  db = await openDatabase('express_session_mode');
});
afterEach(async () => {
  await host?.close();
  await Promise.all(
    ['sessions', 'session_ends', HOST_SESSIONS].map((c) => db.connection.collection(c).deleteMany({})),
  );
});
afterAll(async () => {
  await db.drop();
});

async function mountedHost(options = {}) {
  host = await startPassportHost(db.connection, db.uri, options);
  host.mount();
  return host;
}

describe('express-session + Passport mode', () => {
  it('lists a session signed in before the kit was mounted after its first request, with its device', async () => {
    host = await startPassportHost(db.connection, db.uri);
    const ada = await host.login('u_ada');
    expect((await ada.get('/whoami')).body.user).toBe('u_ada');
    host.mount();

    const list = await ada.get('/api/sessions/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ current: true, status: 'active' });
    expect(list.body[0].device.browser).toBe('Chrome');
    expect((await ada.get('/whoami')).body.user).toBe('u_ada');
  });

  it('keys the session by a hash: the host session id is stored nowhere in the kit', async () => {
    await mountedHost();
    const ada = await host.login('u_ada');
    await ada.get('/whoami');
    const [hostDoc] = await db.connection.collection(HOST_SESSIONS).find({}).toArray();
    const sid = String(hostDoc?._id);
    expect(sid.length).toBeGreaterThan(20);
    // The database also holds the host's own sessions (connect-mongo's), which carry the id by design.
    const { [HOST_SESSIONS]: _hostSessions, ...kit } = JSON.parse(await snapshot(host.store)) as Record<
      string,
      unknown
    >;
    const kitDocs = JSON.stringify(kit);
    expect(kitDocs).toContain('u_ada');
    expect(kitDocs).not.toContain(sid);
  });

  it('signs out from the list: the next request is 401 with the reason, the host session document is gone and req.user with it', async () => {
    await mountedHost();
    const ada = await host.login('u_ada');
    const phone = await host.login('u_ada');
    const [own] = (await phone.get('/api/sessions/me/sessions')).body;
    expect(own.current).toBe(true);
    expect(await host.hostSessionCount()).toBe(2);

    const listed = (await ada.get('/api/sessions/me/sessions')).body;
    expect(listed.map((s: { id: string }) => s.id)).toContain(own.id);
    expect((await ada.delete(`/api/sessions/me/sessions/${own.id}`)).status).toBe(200);

    const next = await phone.get('/whoami');
    expect(next.status).toBe(401);
    expect(next.body).toMatchObject({ error: 'session_ended', reason: 'revoked' });
    expect(await host.hostSessionCount()).toBe(1);
    expect((await phone.get('/whoami')).body.user).toBeNull();
    expect((await ada.get('/whoami')).body.user).toBe('u_ada');
  });

  it('a force logout ends the Passport login on the very next request', async () => {
    await mountedHost();
    const ada = await host.login('u_ada');
    await ada.get('/whoami');
    await host.kit.service.revokeAllForUser(TENANT, 'u_ada', {
      actor: SYSTEM_ACTOR,
      reason: 'laptop stolen',
    });

    const next = await ada.post('/host/action', {});
    expect(next.status).toBe(401);
    expect(next.body).toMatchObject({
      error: 'session_ended',
      reason: 'force_logout',
      note: 'laptop stolen',
    });
    expect(await host.hostSessionCount()).toBe(0);
    const after = await ada.post('/host/action', {});
    expect(after.body).toEqual({ ok: true, user: null });
  });

  it("leaves the host's POST routes to the host's own CSRF arrangements by default", async () => {
    await mountedHost();
    const ada = await host.login('u_ada');
    expect(await ada.request('POST', '/host/action', { body: {}, csrf: false })).toMatchObject({
      status: 200,
      body: { ok: true, user: 'u_ada' },
    });
  });

  it('checks the kit CSRF header on changing requests when asked to', async () => {
    await mountedHost({ csrf: true });
    const ada = await host.login('u_ada');
    const refused = await ada.request('POST', '/host/action', { body: {}, csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('csrf');
    expect(ada.cookies.get('sk_csrf')).toBeTruthy();
    expect((await ada.post('/host/action', {})).status).toBe(200);
  });

  it('ends the oldest session when a third login exceeds a limit of 2', async () => {
    await mountedHost();
    await host.kit.service.updatePolicy(
      TENANT,
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' } },
      SYSTEM_ACTOR,
    );
    const first = await host.login('u_ada');
    await first.get('/whoami');
    host.clock.advance(MINUTE);
    const second = await host.login('u_ada');
    await second.get('/whoami');
    host.clock.advance(MINUTE);
    const third = await host.login('u_ada');
    expect((await third.get('/api/sessions/me/sessions')).body).toHaveLength(2);

    expect((await first.get('/whoami')).body).toMatchObject({ reason: 'concurrency_limit' });
    expect((await second.get('/whoami')).body.user).toBe('u_ada');
  });

  it('ends a session idle past the timeout on its next request', async () => {
    await mountedHost();
    await host.kit.service.updatePolicy(
      TENANT,
      { idleTimeout: { enabled: true, value: 1, unit: 'hours' } },
      SYSTEM_ACTOR,
    );
    const ada = await host.login('u_ada');
    await ada.get('/whoami');
    host.clock.advance(HOUR - MINUTE);
    expect((await ada.get('/whoami')).body.user).toBe('u_ada');
    host.clock.advance(HOUR);
    const next = await ada.get('/whoami');
    expect(next.status).toBe(401);
    expect(next.body.reason).toBe('idle_timeout');
    expect(await host.hostSessionCount()).toBe(0);
  });

  it("the host's logout ends the kit session too", async () => {
    await mountedHost();
    const ada = await host.login('u_ada');
    const [own] = (await ada.get('/api/sessions/me/sessions')).body;
    expect((await ada.post('/logout', {})).status).toBe(200);
    const ended = await host.kit.service.listUserSessions(TENANT, 'u_ada', { status: 'all' });
    expect(ended.find((s) => s.id === own.id)).toMatchObject({ status: 'ended', endReason: 'logout' });
  });

  it('a userOf that names no one leaves the request anonymous; one that answers an empty id is a misconfiguration', async () => {
    await mountedHost({
      userOf: (req: { headers: Record<string, unknown> }) => req.headers['x-user'] as string,
    });
    const anonymous = await host.login('u_ada');
    expect((await anonymous.get('/whoami')).body.session).toBeUndefined();
    const broken = await anonymous.request('GET', '/whoami', { headers: { 'x-user': '' } });
    expect(broken).toMatchObject({ status: 500, body: { error: 'misconfigured' } });
  });

  it('adopts a session once when its first requests arrive together', async () => {
    host = await startPassportHost(db.connection, db.uri);
    const ada = await host.login('u_ada');
    host.mount();
    const replies = await Promise.all(Array.from({ length: 6 }, () => ada.get('/whoami')));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.body.session)).size).toBe(1);
    expect((await ada.get('/api/sessions/me/sessions')).body).toHaveLength(1);
  });

  it('opens the session at the login when the host asks, remembered, and names a bad hostSessionId', async () => {
    await mountedHost();
    const ada = new Browser(host.url);
    const opened = await ada.post('/login-at-once', { username: 'u_ada', password: 'pw' });
    expect(opened.body.status).toBe('issued');
    const [own] = (await ada.get('/api/sessions/me/sessions')).body;
    expect(own).toMatchObject({ id: opened.body.id, current: true, rememberMe: true });

    const bad = await new Browser(host.url).post('/login-at-once', {
      username: 'u_bob',
      password: 'pw',
      hostSessionId: 'short',
    });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'hostSessionId' } });
  });
});

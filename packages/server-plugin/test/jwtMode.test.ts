import { HOUR, MINUTE, SYSTEM_ACTOR } from '@sessionkit/core';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JwtHost } from './jwtHost.js';
import { SIGNING_KEY, startJwtHost } from './jwtHost.js';
import { TENANT, openDatabase } from './support.js';

// JWT mode on the real test database: the host signs and verifies its tokens, the kit keeps their sessions.
let db: Awaited<ReturnType<typeof openDatabase>>;
let host: JwtHost;

beforeAll(async () => {
  db = await openDatabase('jwt_mode');
});
afterEach(async () => {
  await host?.close();
});
afterAll(async () => {
  await db.drop();
});

describe('JWT mode', () => {
  it("lists the token's session in its owner's list with its device", async () => {
    host = await startJwtHost(db.connection);
    const token = await host.login('u_ada');
    expect(await host.call('GET', '/api/hello', token)).toMatchObject({
      status: 200,
      body: { user: 'u_ada', via: 'jwt' },
    });
    const list = await host.call('GET', '/api/sessions/me/sessions', token);
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ current: true, status: 'active', device: { browser: 'Chrome' } });
  });

  it('signed out from the list, the token and every refreshed one are refused on the very next request', async () => {
    host = await startJwtHost(db.connection);
    const laptop = await host.login('u_ada');
    const phone = await host.login('u_ada');
    const [own] = (await host.call('GET', '/api/sessions/me/sessions', phone)).body;
    const refreshed = (await host.call('POST', '/api/refresh', phone)).body.token as string;
    expect((await host.call('DELETE', `/api/sessions/me/sessions/${own.id}`, laptop)).status).toBe(200);

    for (const token of [phone, refreshed]) {
      const next = await host.call('GET', '/api/hello', token);
      expect(next).toMatchObject({ status: 401, body: { error: 'session_ended', reason: 'revoked' } });
    }
    expect((await host.call('GET', '/api/hello', laptop)).status).toBe(200);
  });

  it('a force logout refuses the short-lived token on its next request, with the reason', async () => {
    host = await startJwtHost(db.connection);
    const token = await host.login('u_ada');
    await host.kit.service.revokeAllForUser(TENANT, 'u_ada', {
      actor: SYSTEM_ACTOR,
      reason: 'left the company',
    });
    expect(await host.call('GET', '/api/hello', token)).toMatchObject({
      status: 401,
      body: { error: 'session_ended', reason: 'force_logout', note: 'left the company' },
    });
  });

  it('ends the oldest session when a third login exceeds a limit of 2', async () => {
    host = await startJwtHost(db.connection);
    await host.kit.service.updatePolicy(
      TENANT,
      { concurrentSessions: { enabled: true, max: 2, onExceed: 'evict_oldest' } },
      SYSTEM_ACTOR,
    );
    const first = await host.login('u_ada');
    host.clock.advance(MINUTE);
    const second = await host.login('u_ada');
    host.clock.advance(MINUTE);
    const third = await host.login('u_ada');
    expect((await host.call('GET', '/api/sessions/me/sessions', third)).body).toHaveLength(2);
    expect((await host.call('GET', '/api/hello', first)).body.reason).toBe('concurrency_limit');
    expect((await host.call('GET', '/api/hello', second)).status).toBe(200);
  });

  it('refuses a login over a limit under deny_new with the sessions to choose from', async () => {
    host = await startJwtHost(db.connection);
    await host.kit.service.updatePolicy(
      TENANT,
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      SYSTEM_ACTOR,
    );
    await host.login('u_ada');
    const refused = await host.call('POST', '/auth/login', null, { userId: 'u_ada' });
    expect(refused).toMatchObject({ status: 409, body: { error: 'limit_reached', max: 1 } });
    expect(refused.body.sessions).toHaveLength(1);
  });

  it('ends a session idle past the timeout on its next request', async () => {
    host = await startJwtHost(db.connection);
    await host.kit.service.updatePolicy(
      TENANT,
      { idleTimeout: { enabled: true, value: 1, unit: 'hours' } },
      SYSTEM_ACTOR,
    );
    const token = await host.login('u_ada');
    host.clock.advance(HOUR - MINUTE);
    expect((await host.call('GET', '/api/hello', token)).status).toBe(200);
    host.clock.advance(HOUR);
    expect((await host.call('GET', '/api/hello', token)).body).toMatchObject({
      error: 'session_ended',
      reason: 'idle_timeout',
    });
  });

  it('reads the store once per request', async () => {
    host = await startJwtHost(db.connection);
    const token = await host.login('u_ada');
    await host.call('GET', '/api/hello', token);
    host.counted.reset();
    for (let i = 0; i < 5; i++) expect((await host.call('GET', '/api/hello', token)).status).toBe(200);
    const reads = [...host.counted.calls].filter(([name]) => !['touchSession'].includes(name));
    expect(Object.fromEntries(reads)).toEqual({ findLiveSession: 5 });
  });

  it("the host's logout ends the session", async () => {
    host = await startJwtHost(db.connection);
    const token = await host.login('u_ada');
    expect((await host.call('POST', '/api/logout', token)).body.ended).toMatch(/^ses_/);
    expect((await host.call('GET', '/api/hello', token)).body).toMatchObject({ reason: 'logout' });
  });

  it('lists a token signed before the kit was installed after its first request; a newer token without sid is refused', async () => {
    host = await startJwtHost(db.connection, { adopt: { issuedBefore: new Date('2026-01-01T00:00:00Z') } });
    const before = Math.floor(Date.parse('2025-12-31T12:00:00Z') / 1000);
    const old = jwt.sign({ sub: 'u_bob', iat: before }, SIGNING_KEY, { expiresIn: '3650d' });
    const list = await host.call('GET', '/api/sessions/me/sessions', old);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ userId: 'u_bob', current: true })]);
    expect((await host.call('GET', '/api/sessions/me/sessions', old)).body).toHaveLength(1);

    const newer = jwt.sign({ sub: 'u_bob' }, SIGNING_KEY, { expiresIn: '15m' });
    expect(await host.call('GET', '/api/hello', newer)).toMatchObject({
      status: 401,
      body: { error: 'unauthenticated', field: 'sid' },
    });
  });

  it('a sid alone authorizes nothing: a forged or garbled token, a bad sid claim and the kit bearer are all 401', async () => {
    host = await startJwtHost(db.connection);
    const token = await host.login('u_ada');
    const { sid } = jwt.decode(token) as { sid: string };
    const forged = jwt.sign({ sub: 'u_ada', sid }, 'someone else-s key');
    expect((await host.call('GET', '/api/hello', forged)).body).toMatchObject({ error: 'unauthenticated' });
    expect((await host.call('GET', '/api/hello', 'not.a.jwt')).status).toBe(401);
    expect((await host.call('GET', '/api/hello', null)).status).toBe(401);
    const numeric = jwt.sign({ sub: 'u_ada', sid: 42 }, SIGNING_KEY);
    expect((await host.call('GET', '/api/hello', numeric)).body).toMatchObject({ field: 'sid' });
    const unknown = jwt.sign({ sub: 'u_ada', sid: 'x'.repeat(43) }, SIGNING_KEY);
    expect((await host.call('GET', '/api/hello', unknown)).status).toBe(401);
    expect((await host.call('GET', '/api/sessions/me/sessions', sid)).status).toBe(401);
  });

  it('a login without a user id is a 400 naming userId, and nothing is stored', async () => {
    host = await startJwtHost(db.connection);
    const reply = await host.call('POST', '/auth/login', null, { userId: '' });
    expect(reply).toMatchObject({ status: 400, body: { error: 'invalid_input', field: 'userId' } });
    expect(await host.kit.service.listUserSessions(TENANT, '', { status: 'all' })).toHaveLength(0);
  });
});

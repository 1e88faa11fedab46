import { ManualClock, MemorySessionStore, SYSTEM_ACTOR } from '@sessionkit/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApp } from './app.js';
import type { DemoAuth } from './authModes.js';
import { DEMO_AUTH_MODES, HOST_SESSION_COOKIE, JWT_COOKIE, parseDemoAuth } from './authModes.js';
import { DemoDirectory, TENANT_ID } from './directory.js';
import { createDemoGeo } from './geo.js';

let directory: DemoDirectory;
beforeAll(async () => {
  directory = await DemoDirectory.create();
});

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(auth: DemoAuth) {
  const geo = await createDemoGeo();
  const demo = createDemoApp({
    directory,
    geo: geo.resolver,
    usesDbIp: false,
    clock: new ManualClock('2026-03-02T09:00:00.000Z'),
    store: new MemorySessionStore(),
    csrfSecret: 'a-test-secret-that-is-long-enough-for-hmac',
    auth,
  });
  const server = demo.app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return { ...demo, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A browser of the panel: cookies kept, the kit's CSRF cookie echoed in the header as the panel does. */
function browser(base: string) {
  const cookies = new Map<string, string>();
  const setCookies: string[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = cookies.get('sk_csrf');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      setCookies.push(line);
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (pair.slice(at + 1) === '' || /Expires=Thu, 01 Jan 1970/i.test(line))
        cookies.delete(pair.slice(0, at));
      else cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  return { call, cookies, setCookies };
}

describe('DEMO_AUTH', () => {
  it('is native unless set, and names the choices when it is wrong', () => {
    expect(parseDemoAuth(undefined)).toBe('native');
    expect(parseDemoAuth('jwt')).toBe('jwt');
    expect(() => parseDemoAuth('oauth')).toThrow(/native, express-session, jwt/);
  });

  describe.each(DEMO_AUTH_MODES)('in %s mode', (mode) => {
    it('signs in, lists the session as this device, lets the panel sign one out, and a force logout ends it', async () => {
      const demo = await start(mode);
      const laptop = browser(demo.base);
      const login = await laptop.call('POST', '/auth/login', { username: 'sam', password: 'sam-demo' });
      expect(login.status).toBe(200);
      const me = await laptop.call('GET', '/auth/me');
      expect(me).toMatchObject({ status: 200, body: { id: 'usr_sam', sessionId: login.body.sessionId } });

      const list = await laptop.call('GET', '/api/sessions/me/sessions');
      expect(list.status).toBe(200);
      const current = list.body.find((s: { current: boolean }) => s.current);
      expect(current).toMatchObject({ id: login.body.sessionId, device: { browser: 'Firefox' } });

      // The panel's own calls (the CSRF header from the kit's cookie where there is one) sign out another session.
      const phone = browser(demo.base);
      await phone.call('POST', '/auth/login', { username: 'sam', password: 'sam-demo' });
      const [phoneSession] = (await phone.call('GET', '/api/sessions/me/sessions')).body;
      expect((await laptop.call('DELETE', `/api/sessions/me/sessions/${phoneSession.id}`)).status).toBe(200);
      expect((await phone.call('GET', '/auth/me')).body).toMatchObject({ reason: 'revoked' });

      await demo.kit.service.revokeAllForUser(TENANT_ID, 'usr_sam', { actor: SYSTEM_ACTOR, reason: 'audit' });
      const after = await laptop.call('GET', '/auth/me');
      expect(after).toMatchObject({ status: 401, body: { error: 'session_ended', reason: 'force_logout' } });
    });

    it('shows an administrator the same admin answers', async () => {
      const demo = await start(mode);
      const admin = browser(demo.base);
      expect(
        (await admin.call('POST', '/auth/login', { username: 'admin', password: 'admin-demo' })).status,
      ).toBe(200);
      expect((await admin.call('GET', '/api/sessions/admin/summary')).body).toEqual({
        activeUsers: 1,
        activeSessions: 1,
        superUsers: 0,
      });
      expect((await admin.call('GET', '/api/directory/users')).status).toBe(200);
      expect((await admin.call('POST', '/auth/logout', {})).status).toBe(204);
      expect((await admin.call('GET', '/auth/me')).status).toBe(401);
    });
  });

  it('express-session mode keeps the host cookie and checks the kit CSRF header on changing requests', async () => {
    const demo = await start('express-session');
    const sam = browser(demo.base);
    await sam.call('POST', '/auth/login', { username: 'sam', password: 'sam-demo' });
    expect(sam.cookies.has(HOST_SESSION_COOKIE)).toBe(true);
    expect(sam.cookies.has('sk_session')).toBe(false);
    const [own] = (await sam.call('GET', '/api/sessions/me/sessions')).body;
    sam.cookies.delete('sk_csrf');
    expect((await sam.call('DELETE', `/api/sessions/me/sessions/${own.id}`)).status).toBe(403);
  });

  it('jwt mode keeps the token in an HttpOnly SameSite=Strict cookie', async () => {
    const demo = await start('jwt');
    const sam = browser(demo.base);
    await sam.call('POST', '/auth/login', { username: 'sam', password: 'sam-demo' });
    const cookie = sam.setCookies.find((line) => line.startsWith(`${JWT_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(sam.cookies.has('sk_session')).toBe(false);
  });
});

import { DAY, ManualClock, MemorySessionStore } from '@sessionkit/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoApp } from './app.js';
import { createDemoApp } from './app.js';
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

async function start(options: { testHooks?: boolean } = {}) {
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const geo = await createDemoGeo();
  const demo: DemoApp = createDemoApp({
    directory,
    geo: geo.resolver,
    usesDbIp: false,
    clock,
    store: new MemorySessionStore(),
    csrfSecret: 'a-test-secret-that-is-long-enough-for-hmac',
    testHooks: options.testHooks ?? false,
  });
  const server = demo.app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { ...demo, clock, base };
}

type Started = Awaited<ReturnType<typeof start>>;

async function login(demo: Started, body: Record<string, unknown>, contentType = 'application/json') {
  const response = await fetch(`${demo.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  });
  const cookies = response.headers.getSetCookie();
  const jar = cookies.map((c) => c.split(';')[0]).join('; ');
  return { response, body: await response.json().catch(() => null), cookies, jar };
}

const me = (demo: Started, jar: string) => fetch(`${demo.base}/auth/me`, { headers: { cookie: jar } });

describe('the demo host', () => {
  it('signs in with a password and sets a browser-session cookie without remember me', async () => {
    const demo = await start();
    const { response, cookies, jar } = await login(demo, { username: 'sam', password: 'sam-demo' });
    expect(response.status).toBe(200);
    const session = cookies.find((c) => c.startsWith('sk_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).not.toMatch(/Max-Age|Expires/);
    const who = await me(demo, jar);
    expect(await who.json()).toMatchObject({
      id: 'usr_sam',
      name: 'Sam Carter',
    });
  });

  it('with remember me the cookie lasts the policy’s remembered days', async () => {
    const demo = await start();
    const { cookies } = await login(demo, { username: 'sam', password: 'sam-demo', rememberMe: true });
    expect(cookies.find((c) => c.startsWith('sk_session='))).toMatch(
      new RegExp(`Max-Age=${(60 * DAY) / 1000}`),
    );
  });

  it('tells the sign-in form whether the policy allows remember me, and for how long', async () => {
    const demo = await start();
    const options = async () => (await fetch(`${demo.base}/auth/options`)).json();
    const sixtyDays = { value: 60, unit: 'days' };
    expect(await options()).toEqual({ rememberMe: { allowed: true, lifetime: sixtyDays } });
    await demo.kit.service.updatePolicy(
      TENANT_ID,
      { rememberMe: { allowed: false, rememberedLifetime: { value: 12, unit: 'hours' } } },
      { userId: null },
    );
    expect(await options()).toEqual({
      rememberMe: { allowed: false, lifetime: { value: 12, unit: 'hours' } },
    });
  });

  it('answers a wrong password and an unknown user alike, and refuses a deactivated account', async () => {
    const demo = await start();
    const wrong = await login(demo, { username: 'sam', password: 'nope' });
    const unknown = await login(demo, { username: 'nobody', password: 'nope' });
    expect([wrong.response.status, unknown.response.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    const olivia = await login(demo, { username: 'olivia', password: 'olivia-demo' });
    expect(olivia.response.status).toBe(403);
    expect(olivia.cookies).toEqual([]);
  });

  it('refuses malformed sign-ins with a 400 that names the field, and signs nobody in', async () => {
    const demo = await start();
    const cases: [Record<string, unknown>, string][] = [
      [{ username: { $ne: null }, password: 'x' }, 'username'],
      [{ username: 'sam' }, 'password'],
      [{ username: 'sam', password: 'sam-demo', rememberMe: 'yes' }, 'rememberMe'],
      [{ username: 'sam', password: 'sam-demo', admin: true }, 'admin'],
      [{ username: 'sam', password: 'x'.repeat(201) }, 'password'],
    ];
    for (const [body, field] of cases) {
      const attempt = await login(demo, body);
      expect(attempt.response.status, JSON.stringify(body)).toBe(400);
      expect(attempt.body).toMatchObject({ error: 'invalid_input', field });
      expect(attempt.cookies).toEqual([]);
    }
  });

  it('takes JSON only, so a cross-site form cannot sign anyone in', async () => {
    const demo = await start();
    const form = await login(
      demo,
      { username: 'sam', password: 'sam-demo' },
      'application/x-www-form-urlencoded',
    );
    expect(form.response.status).toBe(415);
  });

  it('rate-limits failed sign-ins per account: after 10, not even the right password is checked', async () => {
    const demo = await start();
    for (let i = 0; i < 10; i++) {
      expect((await login(demo, { username: 'lena', password: 'guess' })).response.status).toBe(401);
    }
    const refused = await login(demo, { username: 'Lena', password: 'lena-demo' });
    expect(refused.response.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'rate_limited' });
    expect(refused.cookies).toEqual([]);
    expect((await login(demo, { username: 'kenji', password: 'kenji-demo' })).response.status).toBe(200);
  });

  it('rate-limits an address before reading its body: password spraying and broken bodies alike', async () => {
    const demo = await start();
    // Each wrong password costs a real scrypt hash here; the kit's own tests spray all 50 usernames.
    for (let i = 0; i < 5; i++) {
      const attempt = await login(demo, { username: `nobody${i}`, password: 'Spring2026!' });
      expect(attempt.response.status).toBe(401);
    }
    const broken = () =>
      fetch(`${demo.base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"username":"sam","password":"sam-demo",}',
      });
    for (let i = 0; i < 45; i++) expect((await broken()).status).toBe(400);
    // The address has spent its 50: a parsed body would have answered 400 again.
    expect((await broken()).status).toBe(429);
    expect((await login(demo, { username: 'sam', password: 'sam-demo' })).response.status).toBe(429);
  });

  it('under deny_new answers 409 with the sessions to choose from, and a retry with one ends it', async () => {
    const demo = await start();
    await demo.kit.service.updatePolicy(
      TENANT_ID,
      { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
      { userId: 'usr_admin' },
    );
    const first = await login(demo, { username: 'casey', password: 'casey-demo' });
    const refused = await login(demo, { username: 'casey', password: 'casey-demo' });
    expect(refused.response.status).toBe(409);
    expect(refused.body).toMatchObject({ error: 'limit_reached', max: 1 });
    expect(refused.body.sessions).toHaveLength(1);
    expect(JSON.stringify(refused.body)).not.toMatch(/tokenHash/);
    const chosen = refused.body.sessions[0].id as string;
    const unknown = await login(demo, {
      username: 'casey',
      password: 'casey-demo',
      replaceSessionId: 'ses_nope',
    });
    expect(unknown.response.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', field: 'replaceSessionId' });
    const wrongPassword = await login(demo, { username: 'casey', password: 'x', replaceSessionId: chosen });
    expect(wrongPassword.response.status).toBe(401);
    const retried = await login(demo, {
      username: 'casey',
      password: 'casey-demo',
      replaceSessionId: chosen,
    });
    expect(retried.response.status).toBe(200);
    const old = await me(demo, first.jar);
    expect(old.status).toBe(401);
    expect(await old.json()).toMatchObject({ error: 'session_ended', reason: 'concurrency_limit' });
  });

  it("after a force logout tells the signed-out browser the administrator's words", async () => {
    const demo = await start();
    const riley = await login(demo, { username: 'riley', password: 'riley-demo' });
    await demo.kit.service.revokeAllForUser(TENANT_ID, 'usr_riley', {
      actor: { userId: 'usr_admin' },
      reason: 'Security review',
    });
    const response = await me(demo, riley.jar);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: 'session_ended',
      reason: 'force_logout',
      note: 'Security review',
    });
    const stranger = await me(demo, 'sk_session=not-a-session');
    expect(await stranger.json()).not.toHaveProperty('note');
  });

  it('signs out: the session ends and the cookies are cleared', async () => {
    const demo = await start();
    const { jar } = await login(demo, { username: 'tom', password: 'tom-demo' });
    const csrf = jar.match(/sk_csrf=([^;]+)/)![1]!;
    const out = await fetch(`${demo.base}/auth/logout`, {
      method: 'POST',
      headers: { cookie: jar, 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: '{}',
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((c) => c.startsWith('sk_session=;'))).toBe(true);
    expect((await me(demo, jar)).status).toBe(401);
  });

  it('moves its clock only when the test hooks are on', async () => {
    const off = await start();
    const refused = await fetch(`${off.base}/__test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceMs":60000}',
    });
    expect(refused.status).toBe(404);
    const on = await start({ testHooks: true });
    const moved = await fetch(`${on.base}/__test/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"advanceMs":60000}',
    });
    expect(await moved.json()).toEqual({ now: '2026-03-02T09:01:00.000Z' });
  });
});

describe('a body that is not valid JSON', () => {
  it('answers 400 naming the body on every host route that reads one, and never logs the body', async () => {
    const demo = await start({ testHooks: true });
    const tom = await login(demo, { username: 'tom', password: 'tom-demo' });
    const printed: unknown[][] = [];
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args);
      }),
    );
    const secret = 'hunter2-must-never-be-logged';
    try {
      const broken = [
        `{"username":"sam","password":"${secret}",}`,
        `{"username":"sam","password":"${secret}"`,
        `password=${secret}`,
      ];
      for (const body of broken) {
        for (const path of ['/auth/login', '/auth/password', '/__test/clock']) {
          const response = await fetch(`${demo.base}${path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: tom.jar,
              'x-csrf-token': decodeURIComponent(tom.jar.match(/sk_csrf=([^;]+)/)![1]!),
            },
            body,
          });
          const label = `${path} ${body}`;
          expect(response.status, label).toBe(400);
          const answer = await response.json();
          expect(answer, label).toEqual({
            error: 'invalid_input',
            field: 'body',
            message: 'the request body is not valid JSON',
          });
        }
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(inspect(printed, { depth: 20 })).not.toContain(secret);
    expect((await me(demo, tom.jar)).status).toBe(200);
  });
});

describe('changing the password', () => {
  it('needs the current password, then ends every other session of the account', async () => {
    const demo = await start();
    const phone = await login(demo, { username: 'kenji', password: 'kenji-demo' });
    const laptop = await login(demo, { username: 'kenji', password: 'kenji-demo' });
    const change = (body: Record<string, unknown>) =>
      fetch(`${demo.base}/auth/password`, {
        method: 'POST',
        headers: {
          cookie: laptop.jar,
          'content-type': 'application/json',
          'x-csrf-token': decodeURIComponent(laptop.jar.match(/sk_csrf=([^;]+)/)![1]!),
        },
        body: JSON.stringify(body),
      });
    const wrong = await change({ currentPassword: 'nope', newPassword: 'a-much-longer-one' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ field: 'currentPassword' });
    const short = await change({ currentPassword: 'kenji-demo', newPassword: 'short' });
    expect(await short.json()).toMatchObject({ field: 'newPassword' });
    expect((await me(demo, phone.jar)).status).toBe(200);

    const changed = await change({ currentPassword: 'kenji-demo', newPassword: 'a-much-longer-one' });
    expect(await changed.json()).toEqual({ endedOtherSessions: 1 });
    expect(await (await me(demo, phone.jar)).json()).toMatchObject({ reason: 'password_changed' });
    // The laptop that changed it stays signed in on a rotated secret: the new cookies work, the old ones don't.
    const rotated = changed.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await me(demo, rotated)).status).toBe(200);
    expect(await (await me(demo, laptop.jar)).json()).toMatchObject({ reason: 'password_changed' });
    expect((await login(demo, { username: 'kenji', password: 'kenji-demo' })).response.status).toBe(401);
    expect((await login(demo, { username: 'kenji', password: 'a-much-longer-one' })).response.status).toBe(
      200,
    );
  });
});

describe('caching', () => {
  it('marks every answer of the sign-in, sign-out, me, password and people routes no-store', async () => {
    const demo = await start();
    const admin = await login(demo, { username: 'admin', password: 'admin-demo' });
    const csrf = decodeURIComponent(admin.jar.match(/sk_csrf=([^;]+)/)![1]!);
    const post = (path: string, body: string, jar = admin.jar, type = 'application/json') =>
      fetch(`${demo.base}${path}`, {
        method: 'POST',
        headers: { cookie: jar, 'content-type': type, 'x-csrf-token': csrf },
        body,
      });
    const get = (path: string, jar = admin.jar) => fetch(`${demo.base}${path}`, { headers: { cookie: jar } });
    const answers: [string, Response][] = [
      ['login', admin.response],
      ['wrong password', (await login(demo, { username: 'sam', password: 'nope' })).response],
      ['bad login', (await login(demo, { username: 'sam' })).response],
      ['login as a form', await post('/auth/login', 'username=sam', '', 'text/plain')],
      ['me', await get('/auth/me')],
      ['me signed out', await get('/auth/me', '')],
      ['people', await get('/api/directory/users')],
      ['one person', await get('/api/directory/users/usr_priya')],
      ['unknown person', await get('/api/directory/users/usr_nobody')],
      ['people signed out', await get('/api/directory/users', '')],
      [
        'wrong current password',
        await post('/auth/password', '{"currentPassword":"x","newPassword":"0123456789ab"}'),
      ],
      ['logout', await post('/auth/logout', '{}')],
      ['logout again', await post('/auth/logout', '{}', '')],
    ];
    for (const [label, response] of answers) {
      expect(response.headers.get('cache-control'), `${label} (${response.status})`).toBe('no-store');
    }
  });
});

describe('guessing the current password', () => {
  it('is limited per signed-in account, so a stolen session is no password oracle', async () => {
    const demo = await start();
    const tom = await login(demo, { username: 'tom', password: 'tom-demo' });
    const change = (currentPassword: string) =>
      fetch(`${demo.base}/auth/password`, {
        method: 'POST',
        headers: {
          cookie: tom.jar,
          'content-type': 'application/json',
          'x-csrf-token': decodeURIComponent(tom.jar.match(/sk_csrf=([^;]+)/)![1]!),
        },
        body: JSON.stringify({ currentPassword, newPassword: 'a-much-longer-one' }),
      });
    for (let i = 0; i < 10; i++) expect((await change(`guess-${i}`)).status).toBe(400);
    const refused = await change('tom-demo');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    expect((await login(demo, { username: 'tom', password: 'tom-demo' })).response.status).toBe(200);
  });
});

describe("the host's people API", () => {
  it('lists people to administrators and those who act on behalf, and to nobody else', async () => {
    const demo = await start();
    const admin = await login(demo, { username: 'admin', password: 'admin-demo' });
    const maria = await login(demo, { username: 'maria', password: 'maria-demo' });
    const sam = await login(demo, { username: 'sam', password: 'sam-demo' });
    const list = (jar: string) => fetch(`${demo.base}/api/directory/users`, { headers: { cookie: jar } });
    const people = (await (await list(admin.jar)).json()) as { id: string; active: boolean }[];
    expect(people).toHaveLength(16);
    expect(people.find((p) => p.id === 'usr_olivia')?.active).toBe(false);
    expect((await list(maria.jar)).status).toBe(200);
    expect((await list(sam.jar)).status).toBe(403);
    const one = await fetch(`${demo.base}/api/directory/users/usr_priya`, { headers: { cookie: admin.jar } });
    expect(await one.json()).toMatchObject({ name: 'Priya Raman', superUser: true });
    const none = await fetch(`${demo.base}/api/directory/users/usr_nobody`, {
      headers: { cookie: admin.jar },
    });
    expect(none.status).toBe(404);
  });
});

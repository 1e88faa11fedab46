import { ManualClock, MemorySessionStore } from '@sessionkit/core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeactivateAnswer, PasswordResetAnswer } from '../shared/peopleJson.js';
import { createDemoApp } from './app.js';
import { DEMO_ACCOUNTS, DemoDirectory, TENANT_ID } from './directory.js';
import { createDemoGeo } from './geo.js';

/** Any answer of the people routes, a success or a refusal: each test reads the fields its case has. */
type Answer = PasswordResetAnswer & DeactivateAnswer & { error?: string; field?: string; message?: string };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A demo host over its own directory of only these people, so one test's resets and deactivations stay in it. */
async function host(...usernames: string[]) {
  const directory = await DemoDirectory.create(DEMO_ACCOUNTS.filter((a) => usernames.includes(a.username)));
  const clock = new ManualClock('2026-03-02T09:00:00.000Z');
  const demo = createDemoApp({
    directory,
    geo: (await createDemoGeo()).resolver,
    usesDbIp: false,
    clock,
    store: new MemorySessionStore(),
    csrfSecret: 'a-test-secret-that-is-long-enough-for-hmac',
  });
  const server = demo.app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signIn = async (username: string, password = `${username}-demo`) => {
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const jar = response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const csrf = decodeURIComponent(/sk_csrf=([^;]+)/.exec(jar)?.[1] ?? '');
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, jar, csrf };
  };
  type Browser = Awaited<ReturnType<typeof signIn>>;

  /** A change as the panel sends it: JSON, the session cookie and the CSRF header (each can be left out). */
  const post = async (
    who: Browser | null,
    path: string,
    body: unknown = {},
    options: { csrf?: boolean; type?: string; raw?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': options.type ?? 'application/json' };
    if (who) headers.cookie = who.jar;
    if (who && options.csrf !== false) headers['x-csrf-token'] = who.csrf;
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers,
      body: options.raw ?? JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer };
  };
  const me = async (who: Browser) => {
    const response = await fetch(`${base}/auth/me`, { headers: { cookie: who.jar } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const person = async (who: Browser, id: string) =>
    (await fetch(`${base}/api/directory/users/${id}`, { headers: { cookie: who.jar } })).json();
  return { directory, clock, kit: demo.kit, signIn, post, me, person };
}

const ROUTES = [
  ['/password-reset', { reason: 'Locked out after a phone change' }],
  ['/deactivate', { reason: 'Left the company' }],
  ['/reactivate', {}],
] as const;

describe('who may administer people', () => {
  it('refuses everyone but administrators, and a super user to an administrator who is not one', async () => {
    const demo = await host('admin', 'priya', 'maria', 'sam', 'noah');
    const admin = await demo.signIn('admin');
    const maria = await demo.signIn('maria');
    const sam = await demo.signIn('sam');
    for (const [route, body] of ROUTES) {
      // Acting on behalf of others is not administering them; nor is being signed in.
      expect((await demo.post(sam, `/api/people/usr_noah${route}`, body)).status, route).toBe(403);
      expect((await demo.post(maria, `/api/people/usr_noah${route}`, body)).status, route).toBe(403);
      // A non-administrator learns nothing about which ids exist.
      expect((await demo.post(sam, `/api/people/usr_nobody${route}`, body)).status, route).toBe(403);
      expect((await demo.post(admin, `/api/people/usr_nobody${route}`, body)).status, route).toBe(404);
      const onSuper = await demo.post(admin, `/api/people/usr_priya${route}`, body);
      expect(onSuper.status, route).toBe(403);
      expect(onSuper.body.message, route).toBe('Only a super user can manage a super user.');
      expect((await demo.post(null, `/api/people/usr_noah${route}`, body)).status, route).toBe(401);
    }
    // Nothing changed: Noah and Priya still sign in with their passwords.
    expect((await demo.signIn('noah')).status).toBe(200);
    expect((await demo.signIn('priya')).status).toBe(200);
  });

  it('lets a super user reset another super user’s password', async () => {
    const demo = await host('priya', 'admin');
    const priya = await demo.signIn('priya');
    const reset = await demo.post(priya, '/api/people/usr_admin/password-reset', {
      reason: 'Asked at the help desk',
    });
    expect(reset.status).toBe(200);
    expect((await demo.signIn('admin', reset.body.temporaryPassword)).status).toBe(200);
  });

  it('takes changes only as JSON with the CSRF header, like the other cookie-authenticated changes', async () => {
    const demo = await host('admin', 'noah');
    const admin = await demo.signIn('admin');
    for (const [route, body] of ROUTES) {
      const path = `/api/people/usr_noah${route}`;
      const forged = await demo.post(admin, path, body, { csrf: false });
      expect([forged.status, forged.body.error], route).toEqual([403, 'csrf']);
      const form = await demo.post(admin, path, body, { type: 'application/x-www-form-urlencoded' });
      expect(form.status, route).toBe(415);
    }
    expect(demo.directory.get('usr_noah')?.active).toBe(true);
    expect((await demo.signIn('noah')).status).toBe(200);
  });
});

describe('bad input to the people routes', () => {
  it('answers 400 naming the field, and changes nothing', async () => {
    const demo = await host('admin', 'noah');
    const admin = await demo.signIn('admin');
    const noah = await demo.signIn('noah');
    const cases: [string, unknown, string][] = [];
    for (const route of ['/password-reset', '/deactivate']) {
      cases.push(
        [route, {}, 'reason'],
        [route, { reason: '' }, 'reason'],
        [route, { reason: ' \n\t ' }, 'reason'],
        [route, { reason: '\u202e\u2066' }, 'reason'],
        [route, { reason: 42 }, 'reason'],
        [route, { reason: 'x'.repeat(501) }, 'reason'],
        [route, { reason: 'x'.repeat(5000) }, 'reason'],
        [route, { reason: 'Left', password: 'mine' }, 'password'],
      );
    }
    cases.push(['/reactivate', { reason: 'Back' }, 'reason'], ['/reactivate', [], 'body']);
    for (const [route, body, field] of cases) {
      const answer = await demo.post(admin, `/api/people/usr_noah${route}`, body);
      const label = `${route} ${JSON.stringify(body).slice(0, 40)}`;
      expect(answer.status, label).toBe(400);
      expect(answer.body, label).toMatchObject({
        error: 'invalid_input',
        field,
        message: expect.any(String),
      });
    }
    const broken = await demo.post(admin, '/api/people/usr_noah/deactivate', null, { raw: '{"reason":' });
    expect([broken.status, broken.body.field]).toEqual([400, 'body']);
    expect((await demo.me(noah)).status).toBe(200);
    expect(demo.directory.get('usr_noah')?.active).toBe(true);
    expect((await demo.signIn('noah')).status).toBe(200);
  });

  it('says why a reason is refused in words an administrator can act on', async () => {
    const demo = await host('admin', 'noah');
    const admin = await demo.signIn('admin');
    const empty = await demo.post(admin, '/api/people/usr_noah/deactivate', { reason: '   ' });
    expect(empty.body.message).toBe('Enter a reason: it is kept in the audit log and shown to the person.');
    const long = await demo.post(admin, '/api/people/usr_noah/deactivate', { reason: 'x'.repeat(501) });
    expect(long.body.message).toBe('Keep the reason under 500 characters.');
  });
});

describe('resetting a password', () => {
  it('sets a temporary password shown once, ends every session with the reason, and only the new password works', async () => {
    const demo = await host('admin', 'noah');
    const admin = await demo.signIn('admin');
    const phone = await demo.signIn('noah');
    const laptop = await demo.signIn('noah');
    const reset = await demo.post(admin, '/api/people/usr_noah/password-reset', {
      reason: 'Locked out after\na phone change',
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('cache-control')).toBe('no-store');
    expect(reset.body).toEqual({ temporaryPassword: expect.any(String), endedSessions: 2 });
    expect(reset.body.temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    // The very next request of each of Noah's browsers is refused, with the administrator's words.
    for (const browser of [phone, laptop]) {
      expect(await demo.me(browser)).toEqual({
        status: 401,
        body: expect.objectContaining({
          error: 'session_ended',
          reason: 'password_changed',
          note: 'Locked out after a phone change',
        }),
      });
    }
    expect((await demo.me(admin)).status).toBe(200);
    expect((await demo.signIn('noah')).status).toBe(401);
    expect((await demo.signIn('noah', reset.body.temporaryPassword)).status).toBe(200);

    // The kit's trail says who ended them and why.
    const { items } = await demo.kit.service.listAuditEvents(TENANT_ID, { userId: 'usr_noah' });
    const ended = items.filter((e) => e.action === 'session_ended');
    expect(ended).toHaveLength(2);
    for (const event of ended) {
      expect(event).toMatchObject({
        actorId: 'usr_admin',
        endReason: 'password_changed',
        reason: 'Locked out after a phone change',
      });
    }
  });

  it('makes a different password each time', async () => {
    const demo = await host('admin', 'noah');
    const admin = await demo.signIn('admin');
    const reason = { reason: 'Forgot it' };
    const first = await demo.post(admin, '/api/people/usr_noah/password-reset', reason);
    const second = await demo.post(admin, '/api/people/usr_noah/password-reset', reason);
    expect(first.body.temporaryPassword).not.toBe(second.body.temporaryPassword);
    expect((await demo.signIn('noah', first.body.temporaryPassword)).status).toBe(401);
    expect((await demo.signIn('noah', second.body.temporaryPassword)).status).toBe(200);
  });

  it('refuses an administrator’s own password, which is changed on the Password page', async () => {
    const demo = await host('admin');
    const admin = await demo.signIn('admin');
    const own = await demo.post(admin, '/api/people/usr_admin/password-reset', { reason: 'Mine' });
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({
      field: 'id',
      message: 'Change your own password on the Password page.',
    });
    expect((await demo.me(admin)).status).toBe(200);
  });
});

describe('deactivating and reactivating a person', () => {
  it('deactivation ends every session with the reason and blocks sign-in; reactivation allows it again', async () => {
    const demo = await host('admin', 'ava');
    const admin = await demo.signIn('admin');
    const ava = await demo.signIn('ava');
    const other = await demo.signIn('ava');
    demo.clock.set('2026-03-02T10:15:00.000Z');

    const off = await demo.post(admin, '/api/people/usr_ava/deactivate', { reason: 'Contract ended' });
    expect(off.status).toBe(200);
    expect(off.body).toEqual({
      endedSessions: 2,
      person: expect.objectContaining({
        id: 'usr_ava',
        active: false,
        deactivated: {
          at: '2026-03-02T10:15:00.000Z',
          by: { id: 'usr_admin', name: 'Morgan Lee' },
          reason: 'Contract ended',
        },
      }),
    });
    for (const browser of [ava, other]) {
      expect((await demo.me(browser)).body).toMatchObject({
        error: 'session_ended',
        reason: 'user_deactivated',
        note: 'Contract ended',
      });
    }
    const refused = await demo.signIn('ava');
    expect([refused.status, refused.body.error]).toEqual([403, 'account_disabled']);
    // The people API says so, for the People page's Status column and the user page.
    expect(await demo.person(admin, 'usr_ava')).toMatchObject({
      active: false,
      deactivated: { reason: 'Contract ended' },
    });
    const again = await demo.post(admin, '/api/people/usr_ava/deactivate', { reason: 'Twice' });
    expect([again.status, again.body.message]).toEqual([409, 'Ava Thompson is already deactivated.']);

    const on = await demo.post(admin, '/api/people/usr_ava/reactivate');
    expect(on.status).toBe(200);
    expect(on.body.person).toMatchObject({ active: true, deactivated: null });
    expect((await demo.signIn('ava')).status).toBe(200);
    const twice = await demo.post(admin, '/api/people/usr_ava/reactivate');
    expect([twice.status, twice.body.message]).toEqual([409, 'Ava Thompson is already active.']);
  });

  it('keeps who deactivated and reactivated the person, and why, in the kit’s audit trail', async () => {
    const demo = await host('admin', 'ava');
    const admin = await demo.signIn('admin');
    await demo.signIn('ava');
    await demo.post(admin, '/api/people/usr_ava/deactivate', { reason: 'Contract ended' });
    const { items } = await demo.kit.service.listAuditEvents(TENANT_ID, { userId: 'usr_ava' });
    expect(items.find((e) => e.action === 'session_ended')).toMatchObject({
      actorId: 'usr_admin',
      endReason: 'user_deactivated',
      reason: 'Contract ended',
    });
    // The account change itself, and the way back, each once.
    await demo.post(admin, '/api/people/usr_ava/reactivate');
    const account = await demo.kit.service.listAuditEvents(TENANT_ID, {
      userId: 'usr_ava',
      actions: ['user_deactivated', 'user_reactivated'],
    });
    expect(account.items.map((e) => [e.action, e.actorId, e.reason, e.details.ended ?? null]).sort()).toEqual(
      [
        ['user_deactivated', 'usr_admin', 'Contract ended', 1],
        ['user_reactivated', 'usr_admin', null, null],
      ],
    );
  });

  it('refuses an administrator’s own account with a clear message', async () => {
    const demo = await host('admin');
    const admin = await demo.signIn('admin');
    const own = await demo.post(admin, '/api/people/usr_admin/deactivate', { reason: 'Testing' });
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({
      error: 'invalid_input',
      field: 'id',
      message: 'You can’t deactivate your own account: ask another administrator.',
    });
    expect((await demo.me(admin)).status).toBe(200);
    expect(demo.directory.get('usr_admin')?.active).toBe(true);
  });
});

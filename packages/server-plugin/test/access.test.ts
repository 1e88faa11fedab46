import type { AuthorizeHook } from '@sessionkit/core';
import { MemorySessionStore, StaticUserDirectory, isSessionKitError } from '@sessionkit/core';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAuthorize } from '../src/index.js';
import type { TestHost } from './support.js';
import { USERS, startHost } from './support.js';

const ACCESS = '/api/sessions/me/access';

let host: TestHost;
afterEach(() => host.close());

const start = async (options: { authorize?: AuthorizeHook } = {}) => {
  host = await startHost({ store: new MemorySessionStore(), ...options });
  return host;
};

/** What `userId` may do, and to `target` when one is named. */
async function accessOf(userId: string, target?: string) {
  const client = await host.login(userId);
  const reply = await client.get(target === undefined ? ACCESS : `${ACCESS}?userId=${target}`);
  expect(reply.status).toBe(200);
  return reply.body;
}

describe('GET /me/access', () => {
  it('tells an ordinary user they manage their own sessions and read the policy, and nothing more', async () => {
    await start();
    expect(await accessOf('u_ada')).toEqual({
      actions: { manage_own: true, read_policy: true, admin: false, act_on_behalf: false },
    });
    expect((await accessOf('u_ada', 'u_bob')).target).toEqual({
      userId: 'u_bob',
      actions: { admin: false, act_on_behalf: false },
    });
  });

  it('tells an administrator they may act on others, but not on a super user unless they are one', async () => {
    await start();
    expect((await accessOf('u_admin')).actions).toEqual({
      manage_own: true,
      read_policy: true,
      admin: true,
      act_on_behalf: true,
    });
    expect((await accessOf('u_admin', 'u_ada')).target.actions).toEqual({ admin: true, act_on_behalf: true });
    const onRoot = await accessOf('u_admin', 'u_root');
    // The account-wide answer stays: only this user is out of reach.
    expect(onRoot.actions.admin).toBe(true);
    expect(onRoot.target).toEqual({ userId: 'u_root', actions: { admin: false, act_on_behalf: false } });
    expect((await accessOf('u_root', 'u_root2')).target.actions).toEqual({
      admin: true,
      act_on_behalf: true,
    });
  });

  it('tells a helper with the act-on-behalf right they may act for a user, not administer the account', async () => {
    await start();
    const helper = await accessOf('u_helper', 'u_ada');
    expect(helper.actions).toMatchObject({ admin: false, act_on_behalf: true });
    expect(helper.target.actions).toEqual({ admin: false, act_on_behalf: true });
    expect((await accessOf('u_helper', 'u_root')).target.actions).toEqual({
      admin: false,
      act_on_behalf: false,
    });
  });

  it('answers from the host’s own rule, as the routes decide by it', async () => {
    // The help desk may act for members only, where the default rule lets them act for anyone but super users.
    const membersOnly: AuthorizeHook = (request) =>
      request.action === 'act_on_behalf' && request.actor?.id === 'u_helper' && request.target !== undefined
        ? request.target?.role === 'member'
        : defaultAuthorize(request);
    await start({ authorize: membersOnly });
    expect((await accessOf('u_helper', 'u_ada')).target.actions.act_on_behalf).toBe(true);
    expect((await accessOf('u_helper', 'u_admin')).target.actions.act_on_behalf).toBe(false);
    const helper = await host.login('u_helper');
    expect((await helper.get('/api/sessions/admin/users/u_ada/login-stats')).status).toBe(200);
    expect((await helper.get('/api/sessions/admin/users/u_admin/login-stats')).status).toBe(403);
  });

  it('answers for a user it doesn’t know, or another account’s, as the routes do, telling no one they exist', async () => {
    const outsider = { id: 'u_elsewhere', tenantId: 't_other', name: 'Other Root', superUser: true };
    host = await startHost({
      store: new MemorySessionStore(),
      directory: new StaticUserDirectory([...USERS, outsider]),
    });
    const onBob = await accessOf('u_ada', 'u_bob');
    for (const target of ['u_nobody', 'u_elsewhere']) {
      // Someone who may not act on others hears the same about anyone.
      expect((await accessOf('u_ada', target)).target.actions).toEqual(onBob.target.actions);
      // An administrator hears what the routes would let them try: the other account's super user is unknown
      // here, not a super user.
      expect((await accessOf('u_admin', target)).target).toEqual({
        userId: target,
        actions: { admin: true, act_on_behalf: true },
      });
    }
  });

  it('refuses a caller without a session', async () => {
    await start();
    const reply = await host.anonymous().get(`${ACCESS}?userId=u_ada`);
    expect(reply.status).toBe(401);
    expect(reply.body.error).toBe('unauthenticated');
  });

  it('refuses a malformed or repeated user id, and parameters it doesn’t read, naming the field', async () => {
    await start();
    const ada = await host.login('u_ada');
    for (const [query, field] of [
      ['userId=a%20b', 'userId'],
      ['userId=', 'userId'],
      ['userId=u_ada&userId=u_bob', 'userId'],
      ['userId[$ne]=x', 'userId[$ne]'],
      ['target=u_ada', 'target'],
    ]) {
      const reply = await ada.get(`${ACCESS}?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body, query).toMatchObject({ error: 'invalid_input', field });
    }
  });
});

describe('kit.access', () => {
  it('gives the host’s own routes the answer of GET /me/access, and refuses a request without a session', async () => {
    await start();
    const app = express();
    app.get('/people/:id', host.kit.authenticate, async (req, res) => {
      res.json(await host.kit.access(req, String(req.params.id)));
    });
    app.get('/unguarded', async (req, res) => {
      const refused = await host.kit.access(req).catch((error: unknown) => error);
      res.json({ code: isSessionKitError(refused) ? refused.code : null });
    });
    const server = app.listen(0);
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const admin = await host.login('u_admin');
      const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const own = await fetch(`${base}/people/u_root`, { headers: { cookie } });
      expect(await own.json()).toEqual((await admin.get(`${ACCESS}?userId=u_root`)).body);
      expect(await (await fetch(`${base}/unguarded`, { headers: { cookie } })).json()).toEqual({
        code: 'unauthenticated',
      });
    } finally {
      server.close();
    }
  });
});

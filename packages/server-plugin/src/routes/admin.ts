import type { AdminSummaryRecord, DirectoryUser, EndedCount, LoginStatsRecord } from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { Routes } from '../http/forwardRejections.js';
import { orderOf } from '../http/inputs.js';
import { sessionJson } from '../http/sessionJson.js';
import type { RouteKit } from './routeKit.js';
import { listOf, sendPage } from './routeKit.js';
import {
  adminSessionsQuery,
  adminUserJson,
  appJson,
  adminUsersQuery,
  appsQuery,
  idParams,
  loginStatsQuery,
  noInput,
  optionalReason,
  requiredReason,
  userItemParams,
  userParams,
} from './schemas.js';

/** Administrators: who is signed in, their sessions, forcing people out, and acting on someone's behalf. */
export function adminRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;
  const reasonBody = r.kit.requireForceLogoutReason ? requiredReason : optionalReason;

  router.get('/admin/summary', async (req, res) => {
    r.input(req, { query: noInput });
    await r.allow(req, 'admin');
    res.json((await service.adminSummary(r.ctx(req).tenantId)) satisfies AdminSummaryRecord);
  });

  router.get('/admin/users', async (req, res) => {
    const { query } = r.input(req, { query: adminUsersQuery });
    await r.allow(req, 'admin');
    const { offset, limit } = listOf(query);
    const order = orderOf(query._order);
    const page = await service.adminUsers(r.ctx(req).tenantId, {
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.superUser !== undefined ? { superUser: query.superUser } : {}),
      ...(query._sort ? { sort: query._sort } : {}),
      ...(order ? { order } : {}),
      offset,
      limit,
    });
    sendPage(res, page, adminUserJson);
  });

  router.get('/admin/sessions', async (req, res) => {
    const { query } = r.input(req, { query: adminSessionsQuery });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    const status = query.status ?? 'all';
    const { sessions, users, risk } = await service.listAccountSessions(c.tenantId, {
      ...listOf(query),
      ...(query.userId ? { userId: query.userId } : {}),
      ...(status === 'all' ? {} : { status }),
    });
    const known = new Map(users.map((u) => [u.id, u]));
    const items = await service.devices.overlay(c.tenantId, sessions.items);
    sendPage(res, { ...sessions, items }, (s) =>
      sessionJson(s, {
        currentId: c.session.id,
        risk,
        user: known.get(s.userId) ?? null,
        endedBy: s.endedBy ? (known.get(s.endedBy) ?? null) : null,
      }),
    );
  });

  router.delete('/admin/sessions/:id', async (req, res) => {
    const { params, body } = r.input(req, { params: idParams, query: noInput, body: optionalReason });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    let owner: DirectoryUser | null = null;
    const ended = await service.revoke(c.tenantId, params.id, {
      actor: r.actor(req),
      reason: body.reason || null,
      check: async (session) => {
        owner = await r.userOf(c.tenantId, session.userId);
        await r.allow(req, 'admin', owner);
      },
    });
    if (params.id === c.session.id) r.kit.clearCookies(res);
    const [named] = await service.devices.overlay(c.tenantId, [ended]);
    // Ended just now by the caller, whom the request already names.
    res.json(sessionJson(named ?? ended, { currentId: c.session.id, user: owner, endedBy: c.user ?? null }));
  });

  router.post('/admin/users/:userId/force-logout', async (req, res) => {
    const { params, body } = r.input(req, { params: userParams, query: noInput, body: reasonBody });
    const c = r.ctx(req);
    await r.allow(req, 'admin');
    // A mistyped id must not pass for a force logout in the audit trail. Checked after the admin right, so
    // only administrators learn which users exist.
    const target = await r.userOf(c.tenantId, params.userId);
    if (!target) throw new SessionKitError('not_found', 'no such user', { field: 'userId' });
    await r.allow(req, 'admin', target);
    const options = { actor: r.actor(req), reason: body.reason || null };
    const ended = await service.revokeAllForUser(c.tenantId, params.userId, options);
    if (params.userId === c.session.userId) r.kit.clearCookies(res);
    res.json({ ended } satisfies EndedCount);
  });

  router.post('/admin/sessions/revoke-all', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: reasonBody });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    const ended = await service.revokeAllForTenant(c.tenantId, {
      actor: r.actor(req),
      reason: body.reason || null,
      exceptSessionId: c.session.id,
      // Only super users act on super users: anyone else signs out everyone but them.
      spareSuperUsers: c.user?.superUser !== true,
    });
    res.json({ ended } satisfies EndedCount);
  });

  router.get('/admin/users/:userId/authorized-apps', async (req, res) => {
    const { params, query } = r.input(req, { params: userParams, query: appsQuery });
    const c = r.ctx(req);
    await r.allow(req, 'act_on_behalf', await r.userOf(c.tenantId, params.userId));
    sendPage(res, await service.listAuthorizedApps(c.tenantId, params.userId, listOf(query)), appJson);
  });

  router.delete('/admin/users/:userId/authorized-apps/:id', async (req, res) => {
    const { params } = r.input(req, { params: userItemParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'act_on_behalf', await r.userOf(c.tenantId, params.userId));
    const app = await service.revokeAuthorizedApp(c.tenantId, params.userId, params.id, r.actor(req));
    res.json(appJson(app));
  });

  router.get('/admin/users/:userId/login-stats', async (req, res) => {
    const { params, query } = r.input(req, { params: userParams, query: loginStatsQuery });
    const c = r.ctx(req);
    await r.allow(req, 'act_on_behalf', await r.userOf(c.tenantId, params.userId));
    res.json((await service.loginStats(c.tenantId, params.userId, query)) satisfies LoginStatsRecord);
  });
}

import type { AuditEvent, AuthorizedApp, DirectoryUser, PushRegistration, Session } from '@sessionkit/core';
import { DAY, SessionKitError } from '@sessionkit/core';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { AccessAction } from './access.js';
import type { KitInternals, SessionKitRequestContext } from './kitContext.js';
import { errorResponder } from './http/errorResponses.js';
import {
  auditAction,
  booleanText,
  isoDate,
  listParams,
  orderOf,
  pagingOf,
  parseInput,
  publicId,
  reasonText,
  userId,
} from './http/inputs.js';
import type { Paging } from './http/inputs.js';
import { sessionJson } from './http/sessionJson.js';

const noInput = z.strictObject({});
const idParams = z.strictObject({ id: publicId });
const userParams = z.strictObject({ userId });
const userItemParams = z.strictObject({ userId, id: publicId });
const sortedList = <F extends string>(fields: readonly [F, ...F[]]) =>
  z.strictObject({
    ...listParams,
    _sort: z.enum(fields, { error: `must be one of ${fields.join(', ')}` }).optional(),
  });
const appsQuery = sortedList(['createdAt', 'lastUsedAt', 'name']);
const pushQuery = sortedList(['createdAt', 'lastUsedAt', 'appName']);
const apiKeysQuery = sortedList(['createdAt', 'lastUsedAt', 'name', 'requestsLast24h']);

const mySessionsQuery = z.strictObject({
  ...listParams,
  status: z.enum(['active', 'ended', 'all'], { error: 'must be active, ended or all' }).optional(),
  since: isoDate.optional(),
  _sort: z.enum(['lastSeenAt', 'createdAt'], { error: 'must be lastSeenAt or createdAt' }).optional(),
});
const adminUsersQuery = z.strictObject({
  ...listParams,
  q: z.string({ error: 'must be text' }).max(200, { error: 'must be at most 200 characters' }).optional(),
  superUser: booleanText.optional(),
  _sort: z
    .enum(['name', 'lastLoginAt', 'lastActiveAt', 'activeSessions', 'department'], {
      error: 'must be name, lastLoginAt, lastActiveAt, activeSessions or department',
    })
    .optional(),
});
const adminSessionsQuery = z.strictObject({
  ...listParams,
  userId: userId.optional(),
  status: z.enum(['active', 'ended', 'all'], { error: 'must be active, ended or all' }).optional(),
  _sort: z
    .enum(['createdAt', 'lastSeenAt', 'endedAt'], { error: 'must be createdAt, lastSeenAt or endedAt' })
    .optional(),
});
const auditQuery = z.strictObject({
  ...listParams,
  userId: userId.optional(),
  action: auditAction.optional(),
});
const loginStatsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
const optionalReason = z.strictObject({ reason: reasonText.optional() });
const requiredReason = z.strictObject({
  reason: reasonText.refine((r) => r.length > 0, { error: 'is required' }),
});

/** The HTTP contract of DESIGN.md, shaped as docs/http-api.md says. Works at any mount path. */
export function createRouter(kit: KitInternals): Router {
  const { service } = kit;
  const router = express.Router();

  router.use((_req, res, next) => {
    // Session lists are personal: no shared cache may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.use(kit.authenticate);
  router.use(requireJsonBody);
  router.use(express.json({ limit: kit.bodyLimitBytes, strict: true }));

  const ctx = (req: Request): SessionKitRequestContext => {
    const context = kit.contextOf(req);
    if (!context) throw new SessionKitError('unauthenticated', 'sign in first');
    return context;
  };
  const actor = (req: Request) => {
    const c = ctx(req);
    return { userId: c.session.userId, sessionId: c.session.id, ip: req.ip ?? null };
  };
  const userOf = async (tenantId: string, id: string): Promise<DirectoryUser | null> =>
    (await kit.directory.getUsers(tenantId, [id]))[0] ?? null;

  /** Refuses with 403 unless the host's rule allows the action (on the target user, when there is one). */
  const allow = async (req: Request, action: AccessAction, target?: DirectoryUser | null): Promise<void> => {
    const c = ctx(req);
    const allowed = await kit.authorize({
      action,
      tenantId: c.tenantId,
      actorId: c.session.userId,
      actor: c.user,
      ...(target !== undefined ? { target } : {}),
    });
    if (!allowed) throw new SessionKitError('forbidden', 'you are not allowed to do this');
  };

  // ── The signed-in user's own sessions ───────────────────────────────────────────────────────────────

  router.get('/me/sessions', async (req, res) => {
    const query = parseInput(mySessionsQuery, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const sessions = await service.listUserSessions(c.tenantId, c.session.userId, {
      status: query.status ?? 'active',
      ...(query.since ? { since: query.since } : {}),
      currentSessionId: c.session.id,
    });
    if (query._sort)
      sortKeepingCurrentFirst(sessions, query._sort, orderOf(query._order) ?? 'desc', c.session.id);
    // Listed without filters, the sessions are all the person's active ones: no need to read them again.
    const complete = (query.status ?? 'active') === 'active' && query.since === undefined;
    const risk = await service.riskSignalsFor(
      c.tenantId,
      c.session.userId,
      complete ? { active: sessions } : {},
    );
    sendList(
      res,
      sessions.map((s) => sessionJson(s, { currentId: c.session.id, risk })),
      pagingOf(query),
    );
  });

  router.get('/me/sessions/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const session = await service.getUserSession(c.tenantId, c.session.userId, id);
    const risk = await service.riskSignalsFor(c.tenantId, c.session.userId);
    res.json(sessionJson(session, { currentId: c.session.id, risk }));
  });

  router.delete('/me/sessions/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    parseInput(noInput, req.body, 'body');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const current = id === c.session.id;
    const ended = await service.revoke(c.tenantId, id, {
      actor: actor(req),
      ownerId: c.session.userId,
      endReason: current ? 'logout' : 'revoked',
    });
    if (current) kit.clearCookies(res);
    res.json(sessionJson(ended, { currentId: c.session.id }));
  });

  router.post('/me/sessions/revoke-others', async (req, res) => {
    parseInput(noInput, req.query, 'query');
    parseInput(noInput, req.body, 'body');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const ended = await service.revokeOthers(c.tenantId, c.session.userId, c.session.id, actor(req));
    res.json({ ended });
  });

  router.get('/me/authorized-apps', async (req, res) => {
    const query = parseInput(appsQuery, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const apps = await service.listAuthorizedApps(c.tenantId, c.session.userId);
    sendList(res, sortRows(apps.map(appJson), query._sort, query._order), pagingOf(query));
  });

  router.delete('/me/authorized-apps/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    parseInput(noInput, req.body, 'body');
    const c = ctx(req);
    await allow(req, 'manage_own');
    res.json(appJson(await service.revokeAuthorizedApp(c.tenantId, c.session.userId, id, actor(req))));
  });

  router.get('/me/push-registrations', async (req, res) => {
    const query = parseInput(pushQuery, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'manage_own');
    const registrations = await service.listPushRegistrations(c.tenantId, c.session.userId);
    sendList(res, sortRows(registrations.map(pushJson), query._sort, query._order), pagingOf(query));
  });

  router.delete('/me/push-registrations/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    parseInput(noInput, req.body, 'body');
    const c = ctx(req);
    await allow(req, 'manage_own');
    res.json(pushJson(await service.removePushRegistration(c.tenantId, c.session.userId, id, actor(req))));
  });

  // ── Administrators ───────────────────────────────────────────────────────────────────────────────────

  router.get('/admin/summary', async (req, res) => {
    parseInput(noInput, req.query, 'query');
    await allow(req, 'admin');
    res.json(await service.adminSummary(ctx(req).tenantId));
  });

  router.get('/admin/users', async (req, res) => {
    const query = parseInput(adminUsersQuery, req.query, 'query');
    await allow(req, 'admin');
    const paging = pagingOf(query);
    const order = orderOf(query._order);
    const page = await service.adminUsers(ctx(req).tenantId, {
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.superUser !== undefined ? { superUser: query.superUser } : {}),
      ...(query._sort ? { sort: query._sort } : {}),
      ...(order ? { order } : {}),
      offset: paging.offset,
      limit: paging.limit,
    });
    sendPage(
      res,
      page.items.map((row) => ({
        id: row.userId,
        userId: row.userId,
        name: row.name,
        email: row.email,
        role: row.role,
        department: row.department,
        superUser: row.superUser,
        activeSessions: row.activeSessions,
        lastLoginAt: row.lastLoginAt,
        lastLoginIp: row.lastLoginIp,
        lastActiveAt: row.lastActiveAt,
      })),
      page.total,
    );
  });

  router.get('/admin/sessions', async (req, res) => {
    const query = parseInput(adminSessionsQuery, req.query, 'query');
    await allow(req, 'admin');
    const c = ctx(req);
    const paging = pagingOf(query);
    const status = query.status ?? 'all';
    const page = await service.listSessions(c.tenantId, {
      ...(query.userId ? { userId: query.userId } : {}),
      ...(status === 'all' ? {} : { status }),
      ...(query._sort ? { sort: { field: query._sort, order: orderOf(query._order) ?? 'desc' } } : {}),
      offset: paging.offset,
      limit: paging.limit,
    });
    const userIds = [...new Set(page.items.map((s) => s.userId))];
    const users = new Map((await kit.directory.getUsers(c.tenantId, userIds)).map((u) => [u.id, u]));
    const risk = await service.riskSignalsFor(
      c.tenantId,
      page.items.filter((s) => s.status === 'active').map((s) => s.userId),
    );
    sendPage(
      res,
      page.items.map((s) =>
        sessionJson(s, { currentId: c.session.id, risk, user: users.get(s.userId) ?? null }),
      ),
      page.total,
    );
  });

  router.delete('/admin/sessions/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    const { reason } = parseInput(optionalReason, req.body, 'body');
    await allow(req, 'admin');
    const c = ctx(req);
    const session = await service.store.findSessionById(c.tenantId, id);
    if (!session || session.status !== 'active')
      throw new SessionKitError('not_found', 'no active session with that id');
    const target = await userOf(c.tenantId, session.userId);
    await allow(req, 'admin', target);
    const ended = await service.revoke(c.tenantId, id, { actor: actor(req), reason: reason || null });
    if (id === c.session.id) kit.clearCookies(res);
    res.json(sessionJson(ended, { currentId: c.session.id, user: target }));
  });

  router.post('/admin/users/:userId/force-logout', async (req, res) => {
    const params = parseInput(userParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    const { reason } = parseInput(
      kit.requireForceLogoutReason ? requiredReason : optionalReason,
      req.body,
      'body',
    );
    const c = ctx(req);
    await allow(req, 'admin');
    // A mistyped id must not pass for a force logout in the audit trail. Checked after the admin right, so
    // only administrators learn which users exist.
    const target = await userOf(c.tenantId, params.userId);
    if (!target) throw new SessionKitError('not_found', 'no such user', { field: 'userId' });
    await allow(req, 'admin', target);
    const ended = await service.revokeAllForUser(c.tenantId, params.userId, {
      actor: actor(req),
      reason: reason || null,
    });
    if (params.userId === c.session.userId) kit.clearCookies(res);
    res.json({ ended });
  });

  router.post('/admin/sessions/revoke-all', async (req, res) => {
    parseInput(noInput, req.query, 'query');
    const { reason } = parseInput(
      kit.requireForceLogoutReason ? requiredReason : optionalReason,
      req.body,
      'body',
    );
    await allow(req, 'admin');
    const c = ctx(req);
    // Only super users act on super users: anyone else signs out everyone but them.
    const exceptUserIds = c.user?.superUser === true ? [] : await service.signedInSuperUserIds(c.tenantId);
    const ended = await service.revokeAllForTenant(c.tenantId, {
      actor: actor(req),
      reason: reason || null,
      exceptSessionId: c.session.id,
      exceptUserIds,
    });
    res.json({ ended });
  });

  // ── Acting on behalf of another user ─────────────────────────────────────────────────────────────────

  router.get('/admin/users/:userId/authorized-apps', async (req, res) => {
    const params = parseInput(userParams, req.params, 'params');
    const query = parseInput(appsQuery, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'act_on_behalf', await userOf(c.tenantId, params.userId));
    const apps = await service.listAuthorizedApps(c.tenantId, params.userId);
    sendList(res, sortRows(apps.map(appJson), query._sort, query._order), pagingOf(query));
  });

  router.delete('/admin/users/:userId/authorized-apps/:id', async (req, res) => {
    const params = parseInput(userItemParams, req.params, 'params');
    parseInput(noInput, req.query, 'query');
    parseInput(noInput, req.body, 'body');
    const c = ctx(req);
    await allow(req, 'act_on_behalf', await userOf(c.tenantId, params.userId));
    res.json(appJson(await service.revokeAuthorizedApp(c.tenantId, params.userId, params.id, actor(req))));
  });

  router.get('/admin/users/:userId/login-stats', async (req, res) => {
    const params = parseInput(userParams, req.params, 'params');
    const query = parseInput(loginStatsQuery, req.query, 'query');
    const c = ctx(req);
    await allow(req, 'act_on_behalf', await userOf(c.tenantId, params.userId));
    const to = query.to ?? service.clock.now();
    const from = query.from ?? new Date(to.getTime() - 30 * DAY);
    res.json(await service.loginStats(c.tenantId, params.userId, from, to));
  });

  // ── Policy, API keys, audit ──────────────────────────────────────────────────────────────────────────

  router.get('/policy', async (req, res) => {
    parseInput(noInput, req.query, 'query');
    await allow(req, 'read_policy');
    res.json(await service.getPolicy(ctx(req).tenantId));
  });

  router.put('/policy', async (req, res) => {
    parseInput(noInput, req.query, 'query');
    await allow(req, 'admin');
    // Core's parsePolicy is the one validator of policies: it names the field and rejects unknown ones.
    res.json(await service.updatePolicy(ctx(req).tenantId, req.body ?? {}, actor(req)));
  });

  router.get('/api-keys', async (req, res) => {
    const query = parseInput(apiKeysQuery, req.query, 'query');
    await allow(req, 'admin');
    const keys = await service.listApiKeyActivity(ctx(req).tenantId);
    sendList(
      res,
      sortRows(
        keys.map(({ tenantId: _tenantId, ...key }) => key),
        query._sort,
        query._order,
      ),
      pagingOf(query),
    );
  });

  router.get('/audit-events', async (req, res) => {
    const query = parseInput(auditQuery, req.query, 'query');
    await allow(req, 'admin');
    const paging = pagingOf(query);
    const page = await service.listAuditEvents(ctx(req).tenantId, {
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.action ? { actions: [query.action] } : {}),
      offset: paging.offset,
      limit: paging.limit,
    });
    sendPage(res, page.items.map(auditJson), page.total);
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such route' });
  });
  router.use(errorResponder(router));
  return router;
}

/** A body that isn't JSON is refused rather than ignored, so a form post can't pass for an empty body. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = req.headers['transfer-encoding'] !== undefined || length > 0;
  if (hasBody && !req.is('application/json')) {
    return next(new SessionKitError('invalid_input', 'send the body as application/json', { field: 'body' }));
  }
  next();
}

function sendList<T>(res: Response, items: readonly T[], paging: Paging): void {
  sendPage(res, items.slice(paging.offset, paging.offset + paging.limit), items.length);
}

function sendPage<T>(res: Response, items: readonly T[], total: number): void {
  res.set('x-total-count', String(total));
  res.append('Access-Control-Expose-Headers', 'x-total-count');
  res.json(items);
}

/** Sorts a short list in code (stable, ties by id); without `_sort` the store's newest-first order stays. */
function sortRows<T extends { id: string }>(
  rows: T[],
  field: string | undefined,
  order: string | undefined,
): T[] {
  if (!field) return rows;
  const sign = orderOf(order) === 'asc' ? 1 : -1;
  const value = (row: T): number | string => {
    const v = (row as Record<string, unknown>)[field];
    return v instanceof Date
      ? v.getTime()
      : typeof v === 'number'
        ? v
        : v === null || v === undefined
          ? -Infinity
          : String(v);
  };
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const c =
      typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : x > y ? 1 : 0;
    return sign * (c || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

function sortKeepingCurrentFirst(
  sessions: Session[],
  field: 'lastSeenAt' | 'createdAt',
  order: 'asc' | 'desc',
  currentId: string,
): void {
  const sign = order === 'asc' ? 1 : -1;
  sessions.sort((a, b) => {
    if (a.id === currentId) return -1;
    if (b.id === currentId) return 1;
    return (
      sign * (a[field].getTime() - b[field].getTime()) || sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  });
}

function appJson(app: AuthorizedApp) {
  const { tenantId: _tenantId, userId: _userId, ...rest } = app;
  return rest;
}

function pushJson(registration: PushRegistration) {
  const { tenantId: _tenantId, userId: _userId, ...rest } = registration;
  return rest;
}

function auditJson(event: AuditEvent) {
  const { tenantId: _tenantId, ...rest } = event;
  return rest;
}

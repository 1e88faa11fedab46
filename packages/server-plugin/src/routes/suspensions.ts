import type {
  DirectoryUser,
  Suspension,
  SuspensionChangeRecord,
  SuspensionRecord,
  UserSuspensionRecord,
} from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { Request } from 'express';
import { z } from 'zod';
import { listParams, reasonText } from '../http/inputs.js';
import type { Routes } from '../http/forwardRejections.js';
import { userJson } from '../http/sessionJson.js';
import type { RouteKit } from './routeKit.js';
import { listOf, sendPage } from './routeKit.js';
import { noInput, userParams } from './schemas.js';

// Core checks `until` and `reason` (suspensionErrors) so the form and the server say the same; here the body's
// form (those two, nothing else) and the reason cleaned as every administrator's reason is (no invisible text).
const suspendBody = z.strictObject({ until: z.unknown().optional(), reason: reasonText.optional() });
const listQuery = z.strictObject(listParams);

/**
 * Administrators pausing a person's sessions (core's suspension.ts): the same access as a force logout — the
 * admin right on the account and on that person, so only super users act on super users — and a person who
 * doesn't exist is a 404 rather than an audited no-op.
 */
export function suspensionRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  /** The person named by the URL, once the caller may act on them. */
  const targetOf = async (req: Request, userId: string): Promise<DirectoryUser> => {
    const c = r.ctx(req);
    await r.allow(req, 'admin');
    const target = await r.userOf(c.tenantId, userId);
    if (!target) throw new SessionKitError('not_found', 'no such user', { field: 'userId' });
    await r.allow(req, 'admin', target);
    return target;
  };

  const json = async (
    req: Request,
    s: Suspension,
    user?: DirectoryUser | null,
  ): Promise<SuspensionRecord> => {
    const c = r.ctx(req);
    const owner = user === undefined ? await r.userOf(c.tenantId, s.userId) : user;
    const by = s.suspendedBy ? await r.userOf(c.tenantId, s.suspendedBy) : null;
    const { tenantId: _tenantId, ...rest } = s;
    return {
      ...rest,
      user: userJson(s.userId, owner),
      suspendedByName: s.suspendedBy === null ? null : (by?.name ?? s.suspendedBy),
    };
  };

  router.get('/admin/suspensions', async (req, res) => {
    const { query } = r.input(req, { query: listQuery });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    const all = await service.suspensions.list(c.tenantId);
    const { offset, limit } = listOf(query);
    const items = await Promise.all(all.slice(offset, offset + limit).map((s) => json(req, s)));
    sendPage(res, { items, total: all.length }, (x) => x);
  });

  router.get('/admin/users/:userId/suspension', async (req, res) => {
    const { params } = r.input(req, { params: userParams, query: noInput });
    const target = await targetOf(req, params.userId);
    const current = await service.suspensions.current(r.ctx(req).tenantId, params.userId);
    res.json({
      suspension: current ? await json(req, current, target) : null,
    } satisfies UserSuspensionRecord);
  });

  router.post('/admin/users/:userId/suspension', async (req, res) => {
    const { params, body } = r.input(req, { params: userParams, query: noInput, body: suspendBody });
    const target = await targetOf(req, params.userId);
    const c = r.ctx(req);
    const result = await service.suspend(c.tenantId, params.userId, body, r.actor(req));
    res.json({
      suspension: await json(req, result.suspension, target),
      sessions: result.sessions,
    } satisfies SuspensionChangeRecord);
  });

  router.delete('/admin/users/:userId/suspension', async (req, res) => {
    const { params } = r.input(req, { params: userParams, query: noInput, body: noInput });
    const target = await targetOf(req, params.userId);
    const result = await service.resume(r.ctx(req).tenantId, params.userId, r.actor(req));
    res.json({
      suspension: await json(req, result.suspension, target),
      sessions: result.sessions,
    } satisfies SuspensionChangeRecord);
  });
}

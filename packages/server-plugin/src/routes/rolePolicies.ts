import type { AdminSessionDetailsRecord } from '@sessionkit/core';
import type { Routes } from '../http/forwardRejections.js';
import { sessionJson } from '../http/sessionJson.js';
import type { RouteKit } from './routeKit.js';
import { idParams, noInput } from './schemas.js';

/**
 * What role policies add to the API: one session of the account in full for administrators, with the policy
 * its owner's sessions live under and where each value comes from. (`GET`/`PUT /policy` carry the overrides.)
 */
export function rolePolicyRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  router.get('/admin/sessions/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput });
    await r.allow(req, 'admin');
    const c = r.ctx(req);
    const session = await service.views.getAccountSession(c.tenantId, params.id);
    const [owner, endedBy, risk, effectivePolicy] = await Promise.all([
      r.userOf(c.tenantId, session.userId),
      session.endedBy ? r.userOf(c.tenantId, session.endedBy) : null,
      service.riskSignalsFor(c.tenantId, session.userId),
      service.effectivePolicyFor(c.tenantId, session.userId),
    ]);
    res.json({
      ...sessionJson(session, { currentId: c.session.id, risk, user: owner, endedBy }),
      effectivePolicy,
    } satisfies AdminSessionDetailsRecord);
  });
}

import type { SessionPolicy } from '@sessionkit/core';
import type { Routes } from '../http/forwardRejections.js';
import type { RouteKit } from './routeKit.js';
import { listOf, sendPage } from './routeKit.js';
import { apiKeyJson, apiKeysQuery, auditJson, auditQuery, noInput } from './schemas.js';

/** The account's rules, its API keys and its audit trail. */
export function accountRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  router.get('/policy', async (req, res) => {
    r.input(req, { query: noInput });
    await r.allow(req, 'read_policy');
    res.json((await service.getPolicy(r.ctx(req).tenantId)) satisfies SessionPolicy);
  });

  router.put('/policy', async (req, res) => {
    r.input(req, { query: noInput });
    await r.allow(req, 'admin');
    // Core's parsePolicy is the one validator of policies: it names the field and rejects unknown ones.
    const policy = await service.updatePolicy(r.ctx(req).tenantId, req.body ?? {}, r.actor(req));
    res.json(policy satisfies SessionPolicy);
  });

  router.get('/api-keys', async (req, res) => {
    const { query } = r.input(req, { query: apiKeysQuery });
    await r.allow(req, 'admin');
    const page = await service.apiKeys.list(r.ctx(req).tenantId, listOf(query));
    sendPage(res, page, apiKeyJson);
  });

  router.get('/audit-events', async (req, res) => {
    const { query } = r.input(req, { query: auditQuery });
    await r.allow(req, 'admin');
    const { offset, limit } = listOf(query);
    const page = await service.listAuditEvents(r.ctx(req).tenantId, {
      ...(query.userId ? { userId: query.userId } : {}),
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.action ? { actions: [query.action] } : {}),
      ...(query.bulkId ? { bulkId: query.bulkId } : {}),
      offset,
      limit,
    });
    sendPage(res, page, auditJson);
  });
}

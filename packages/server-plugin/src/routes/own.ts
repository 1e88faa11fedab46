import type { EndedCount, SessionDetailsRecord } from '@sessionkit/core';
import type { Routes } from '../http/forwardRejections.js';
import { sessionJson } from '../http/sessionJson.js';
import { withAlert } from './alerts.js';
import type { RouteKit } from './routeKit.js';
import { listOf, sendPage } from './routeKit.js';
import {
  accessQuery,
  appJson,
  appsQuery,
  idParams,
  mySessionsQuery,
  noInput,
  pushJson,
  pushQuery,
} from './schemas.js';

/** The signed-in person's own sessions, apps and push registrations, and what they may do. */
export function ownRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  // Anyone signed in may ask what they may do: the answer is the host's rule, so a client hides what the
  // routes would refuse without a copy of the rule. With a target it says what they may do to that user.
  router.get('/me/access', async (req, res) => {
    const { query } = r.input(req, { query: accessQuery });
    res.json(await r.access(req, query.userId));
  });

  router.get('/me/sessions', async (req, res) => {
    const { query } = r.input(req, { query: mySessionsQuery });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const { sessions, risk } = await service.listOwnSessions(c.tenantId, c.session.userId, {
      ...listOf(query),
      ...(query.status ? { status: query.status } : {}),
      ...(query.since ? { since: query.since } : {}),
      currentSessionId: c.session.id,
    });
    const [items, alerts] = await Promise.all([
      service.devices.overlay(c.tenantId, sessions.items),
      service.alerts.openAlerts(c.tenantId, c.session.userId),
    ]);
    sendPage(res, { ...sessions, items }, (s) =>
      withAlert(sessionJson(s, { currentId: c.session.id, risk }), alerts),
    );
  });

  router.get('/me/sessions/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const session = await service.getUserSession(c.tenantId, c.session.userId, params.id);
    const [risk, deviceSignIns, effectivePolicy] = await Promise.all([
      service.riskSignalsFor(c.tenantId, c.session.userId),
      service.views.deviceSignIns(c.tenantId, c.session.userId, session),
      service.effectivePolicyFor(c.tenantId, c.session.userId),
    ]);
    const [[named], alerts] = await Promise.all([
      service.devices.overlay(c.tenantId, [session]),
      service.alerts.openAlerts(c.tenantId, c.session.userId),
    ]);
    res.json({
      ...withAlert(sessionJson(named ?? session, { currentId: c.session.id, risk }), alerts),
      deviceSignIns,
      effectivePolicy,
    } satisfies SessionDetailsRecord);
  });

  router.delete('/me/sessions/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const current = params.id === c.session.id;
    const ended = await service.revoke(c.tenantId, params.id, {
      actor: r.actor(req),
      ownerId: c.session.userId,
      endReason: current ? 'logout' : 'revoked',
    });
    if (current) r.kit.clearCookies(res);
    const [named] = await service.devices.overlay(c.tenantId, [ended]);
    res.json(sessionJson(named ?? ended, { currentId: c.session.id }));
  });

  router.post('/me/sessions/revoke-others', async (req, res) => {
    r.input(req, { query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const ended = await service.revokeOthers(c.tenantId, c.session.userId, c.session.id, r.actor(req));
    res.json({ ended } satisfies EndedCount);
  });

  router.get('/me/authorized-apps', async (req, res) => {
    const { query } = r.input(req, { query: appsQuery });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    sendPage(res, await service.listAuthorizedApps(c.tenantId, c.session.userId, listOf(query)), appJson);
  });

  router.delete('/me/authorized-apps/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    res.json(
      appJson(await service.revokeAuthorizedApp(c.tenantId, c.session.userId, params.id, r.actor(req))),
    );
  });

  router.get('/me/push-registrations', async (req, res) => {
    const { query } = r.input(req, { query: pushQuery });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    sendPage(res, await service.listPushRegistrations(c.tenantId, c.session.userId, listOf(query)), pushJson);
  });

  router.delete('/me/push-registrations/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const removed = await service.removePushRegistration(
      c.tenantId,
      c.session.userId,
      params.id,
      r.actor(req),
    );
    res.json(pushJson(removed));
  });
}

import type {
  PasswordChangeAskRecord,
  PublicSession,
  PublicSignInAlert,
  Session,
  SessionRecord,
  SignInAlertDenial,
  SignInAlertDenialRecord,
  SignInAlertLookupRecord,
} from '@sessionkit/core';
import bodyParser from 'body-parser';
import type { Router } from 'express';
import { z } from 'zod';
import type { Routes } from '../http/forwardRejections.js';
import { forwardRejections } from '../http/forwardRejections.js';
import { sessionJson } from '../http/sessionJson.js';
import type { KitInternals } from '../kitContext.js';
import { requireJsonBody } from '../http/jsonBody.js';
import type { RouteKit } from './routeKit.js';
import { idParams, noInput } from './schemas.js';
import { parseInput } from '../http/inputs.js';

const deviceBody = z.strictObject({
  name: z
    .string({ error: 'must be text or null' })
    .max(200, { error: 'must be at most 60 characters' })
    .nullable()
    .optional(),
  trusted: z.boolean({ error: 'must be true or false' }).optional(),
});
const linkBody = z.strictObject({
  token: z
    .string({ error: 'must be the text after #token= in the link' })
    .min(1, { error: 'is required' })
    .max(512, {
      error: 'is not a link token',
    }),
});

/**
 * A person's own devices and sign-in alerts, behind `authenticate`: name or trust a session's device, answer
 * "Was this you?", and read whether a new password is asked.
 */
export function ownAlertRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  router.patch('/me/sessions/:id/device', async (req, res) => {
    const { params, body } = r.input(req, { params: idParams, query: noInput, body: deviceBody });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    await service.devices.update(c.tenantId, c.session.userId, params.id, body, r.actor(req));
    const session = await service.getUserSession(c.tenantId, c.session.userId, params.id);
    res.json(await ownSessionJson(r, c.tenantId, c.session.userId, session, c.session.id));
  });

  router.post('/me/sessions/:id/confirm', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    await service.alerts.confirm(c.tenantId, c.session.userId, params.id, r.actor(req));
    const session = await service.getUserSession(c.tenantId, c.session.userId, params.id);
    res.json(await ownSessionJson(r, c.tenantId, c.session.userId, session, c.session.id));
  });

  router.post('/me/sessions/:id/not-me', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const denial = await service.alerts.denyFromList(c.tenantId, c.session.userId, params.id, r.actor(req));
    // Answered from the very session it names: that session just ended, so its cookies go too.
    if (params.id === c.session.id) r.kit.clearCookies(res);
    res.json(denialJson(denial));
  });

  router.get('/me/password-change', async (req, res) => {
    r.input(req, { query: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const askedAt = await service.alerts.passwordChangeAsked(c.tenantId, c.session.userId);
    res.json({ required: askedAt !== null, askedAt } satisfies PasswordChangeAskRecord);
  });
}

/**
 * The "this wasn't me" link's routes, before `authenticate`: the person following the link from an email may
 * not be signed in anywhere. The secret comes in a JSON body (never a URL a log would keep), and only a POST
 * uses it: a mail scanner that opens the link changes nothing.
 */
export function alertLinkRoutes(router: Router, kit: KitInternals): void {
  const json = [requireJsonBody, bodyParser.json({ limit: kit.bodyLimitBytes, strict: true })];

  router.post(
    '/alerts/lookup',
    ...json,
    forwardRejections(async (req, res) => {
      const { token } = parseInput(linkBody, req.body, 'body');
      const found = await kit.service.alerts.lookup(token);
      res.json({
        alertId: found.alert.id,
        signals: found.alert.signals,
        createdAt: found.alert.createdAt,
        expiresAt: found.alert.expiresAt,
        status: found.alert.status,
        spent: found.spent,
        session: found.session ? linkSessionJson(found.session) : null,
      } satisfies SignInAlertLookupRecord);
    }),
  );

  router.post(
    '/alerts/not-me',
    ...json,
    forwardRejections(async (req, res) => {
      const { token } = parseInput(linkBody, req.body, 'body');
      res.json(denialJson(await kit.service.alerts.denyByLink(token, req.ip ?? null)));
    }),
  );
}

/** One of the person's sessions as their own list shows it: their device names, and the alert still open. */
export async function ownSessionJson(
  r: RouteKit,
  tenantId: string,
  userId: string,
  session: Session,
  currentId: string,
): Promise<SessionRecord> {
  const [[named], alerts, risk] = await Promise.all([
    r.kit.service.devices.overlay(tenantId, [session]),
    r.kit.service.alerts.openAlerts(tenantId, userId),
    r.kit.service.riskSignalsFor(tenantId, userId),
  ]);
  return withAlert(sessionJson(named ?? session, { currentId, risk }), alerts);
}

/** The person's own answer for a session, with the "Was this you?" alert it still waits on. */
export function withAlert(json: SessionRecord, alerts: Map<string, PublicSignInAlert>): SessionRecord {
  const alert = alerts.get(json.id);
  return alert
    ? { ...json, alert: { id: alert.id, signals: alert.signals, createdAt: alert.createdAt } }
    : json;
}

function denialJson(denial: SignInAlertDenial): SignInAlertDenialRecord {
  return { alertId: denial.alert.id, ended: denial.ended, passwordChangeRequired: true };
}

/** What the link's page shows of the session: enough to recognise it, nothing to act on. */
function linkSessionJson(session: PublicSession): NonNullable<SignInAlertLookupRecord['session']> {
  const place = session.location;
  return {
    device: session.device.label,
    location: place ? [place.city, place.country].filter(Boolean).join(', ') || null : null,
    createdAt: session.createdAt,
    active: session.status === 'active',
  };
}

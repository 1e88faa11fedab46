import bodyParser from 'body-parser';
import express from 'express';
import type { Router } from 'express';
import { errorResponder } from './http/errorResponses.js';
import { routesOn } from './http/forwardRejections.js';
import type { KitInternals } from './kitContext.js';
import { accountRoutes } from './routes/account.js';
import { alertLinkRoutes, ownAlertRoutes } from './routes/alerts.js';
import { requireJsonBody } from './http/jsonBody.js';
import { adminRoutes } from './routes/admin.js';
import { bulkRoutes } from './routes/bulk.js';
import { credentialRoutes } from './routes/credentials.js';
import { ownRoutes } from './routes/own.js';
import { rolePolicyRoutes } from './routes/rolePolicies.js';
import { routeKit } from './routes/routeKit.js';
import { suspensionRoutes } from './routes/suspensions.js';

/** The HTTP contract of DESIGN.md, shaped as docs/http-api.md says. Works at any mount path. */
export function createRouter(kit: KitInternals): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    // Session lists are personal: no shared cache may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  // The "this wasn't me" link's routes come before `authenticate`: whoever follows it may be signed out.
  alertLinkRoutes(router, kit);
  router.use(kit.authenticate);
  router.use(requireJsonBody);
  // body-parser 2 itself rather than the host's `express.json`: Express 4 bundles body-parser 1, which refuses
  // brotli bodies, and the API should read the same on either.
  router.use(bodyParser.json({ limit: kit.bodyLimitBytes, strict: true }));

  const r = routeKit(kit);
  const routes = routesOn(router);
  ownRoutes(routes, r);
  ownAlertRoutes(routes, r);
  adminRoutes(routes, r);
  bulkRoutes(routes, r);
  accountRoutes(routes, r);
  credentialRoutes(routes, r);
  suspensionRoutes(routes, r);
  rolePolicyRoutes(routes, r);

  router.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such route' });
  });
  router.use(errorResponder(router));
  return router;
}

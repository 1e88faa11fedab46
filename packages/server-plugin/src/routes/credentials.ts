import type { ApiKeyScopesRecord } from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { Routes } from '../http/forwardRejections.js';
import type { RouteKit } from './routeKit.js';
import { listOf, sendPage } from './routeKit.js';
import {
  apiKeyBody,
  apiKeyJson,
  apiKeysQuery,
  appBody,
  createdAppJson,
  createdApiKeyJson,
  idParams,
  noInput,
  pushBody,
  pushJson,
  userParams,
} from './schemas.js';

/** API keys a person creates and revokes (an administrator for anyone), and a signed-in app's push registration. */
export function credentialRoutes(router: Routes, r: RouteKit): void {
  const { service } = r.kit;

  router.get('/api-key-scopes', async (req, res) => {
    r.input(req, { query: noInput });
    await r.allow(req, 'manage_own');
    res.json({ scopes: [...service.apiKeys.scopes] } satisfies ApiKeyScopesRecord);
  });

  router.get('/me/api-keys', async (req, res) => {
    const { query } = r.input(req, { query: apiKeysQuery });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    sendPage(res, await service.apiKeys.list(c.tenantId, { ...listOf(query), userId: c.userId }), apiKeyJson);
  });

  // The one answer that carries the secret: it is shown once, and nothing stores or logs it.
  router.post('/me/api-keys', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: apiKeyBody });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const created = await service.apiKeys.create(c.tenantId, c.userId, body, r.actor(req));
    res.status(201).json(createdApiKeyJson(created));
  });

  router.delete('/me/api-keys/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const key = await service.apiKeys.revoke(c.tenantId, params.id, {
      actor: r.actor(req),
      ownerId: c.userId,
    });
    res.json(apiKeyJson(key));
  });

  // A person connects an app or website with a token of its own ("app passwords"): the token is shown once, as
  // an API key's secret is, and its rights are the ones the server offers keys, so a host checks one vocabulary.
  router.post('/me/authorized-apps', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: appBody });
    const c = r.ctx(req);
    await r.allow(req, 'manage_own');
    const created = await service.credentials.authorizeApp(
      c.tenantId,
      c.userId,
      body,
      r.actor(req),
      service.apiKeys.scopes,
    );
    res.status(201).json(createdAppJson(created));
  });

  router.post('/admin/users/:userId/api-keys', async (req, res) => {
    const { params, body } = r.input(req, { params: userParams, query: noInput, body: apiKeyBody });
    const c = r.ctx(req);
    await r.allow(req, 'admin');
    // A key for a mistyped id would work for nobody; only administrators learn which users exist.
    const owner = await r.userOf(c.tenantId, params.userId);
    if (!owner) throw new SessionKitError('not_found', 'no such user', { field: 'userId' });
    await r.allow(req, 'admin', owner);
    const created = await service.apiKeys.create(c.tenantId, params.userId, body, r.actor(req));
    res.status(201).json(createdApiKeyJson(created));
  });

  router.delete('/api-keys/:id', async (req, res) => {
    const { params } = r.input(req, { params: idParams, query: noInput, body: noInput });
    const c = r.ctx(req);
    await r.allow(req, 'admin');
    const key = await service.apiKeys.revoke(c.tenantId, params.id, {
      actor: r.actor(req),
      check: async (found) => {
        if (found.userId !== null) await r.allow(req, 'admin', await r.userOf(c.tenantId, found.userId));
      },
    });
    res.json(apiKeyJson(key));
  });

  // A signed-in mobile app (its app token, or a session) registers its device for notifications.
  router.post('/me/push-registrations', async (req, res) => {
    const { body } = r.input(req, { query: noInput, body: pushBody });
    const c = r.sessionOrApp(req);
    await r.allow(req, 'manage_own');
    const app = c.credential === 'app' ? c.app : null;
    const appName = body.appName ?? app?.name;
    const deviceName = body.deviceName ?? app?.deviceName ?? undefined;
    if (appName === undefined)
      throw new SessionKitError('invalid_input', 'appName: is required', { field: 'appName' });
    if (deviceName === undefined)
      throw new SessionKitError('invalid_input', 'deviceName: is required', { field: 'deviceName' });
    const { registration, created } = await service.credentials.registerPush(
      c.tenantId,
      c.userId,
      { appName, deviceName, platform: body.platform, pushToken: body.pushToken },
      r.actor(req),
    );
    res.status(created ? 201 : 200).json(pushJson(registration));
  });
}

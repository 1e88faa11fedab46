import type { Actor } from './audit.js';
import { DAY } from './clock.js';
import type { ApiKeyActivity, AuthorizedApp, PushRegistration } from './credentials.js';
import { SessionKitError } from './errors.js';
import type { ServiceDeps } from './serviceTypes.js';

/** The credentials beside sessions: authorized apps, push registrations and API-key activity. */
export class CredentialService {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return this.#d.store.listAuthorizedApps(tenantId, userId);
  }

  /** Removing an app revokes its token. */
  async revokeAuthorizedApp(
    tenantId: string,
    userId: string,
    appId: string,
    actor: Actor,
  ): Promise<AuthorizedApp> {
    const app = await this.#d.store.deleteAuthorizedApp(tenantId, userId, appId);
    if (!app) throw new SessionKitError('not_found', 'no authorized application with that id');
    await this.#d.audit(tenantId, 'app_revoked', actor, { targetUserId: userId, details: { app: app.name } });
    return app;
  }

  listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return this.#d.store.listPushRegistrations(tenantId, userId);
  }

  async removePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
    actor: Actor,
  ): Promise<PushRegistration> {
    const reg = await this.#d.store.deletePushRegistration(tenantId, userId, id);
    if (!reg) throw new SessionKitError('not_found', 'no push registration with that id');
    await this.#d.audit(tenantId, 'push_removed', actor, {
      targetUserId: userId,
      details: { app: reg.appName, device: reg.deviceName },
    });
    return reg;
  }

  /** API keys with their last use and requests in the last 24 hours. */
  async listApiKeyActivity(tenantId: string): Promise<ApiKeyActivity[]> {
    const keys = await this.#d.store.listApiKeys(tenantId);
    const since = new Date(this.#d.clock.now().getTime() - DAY);
    const counts = await this.#d.store.countApiKeyRequests(
      tenantId,
      keys.map((k) => k.id),
      since,
    );
    return keys.map(({ keyHash: _keyHash, ...k }) => ({ ...k, requestsLast24h: counts.get(k.id) ?? 0 }));
  }
}

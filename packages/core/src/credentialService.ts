import type { Actor } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import type { AuthorizedApp, CredentialValidation, PushRegistration } from './credentials.js';
import type { CredentialImport, CredentialImportResult } from './credentialImport.js';
import { checkCredentialImport, invalid } from './credentialImport.js';
import { pageList } from './credentialPages.js';
import { checkAppGrant, checkPushInput } from './credentialInput.js';
import type { AppGrant, PushInput } from './credentialInput.js';
import type { CredentialUsage } from './credentialUsage.js';
import { SessionKitError } from './errors.js';
import type { ListQuery, ServiceDeps } from './serviceTypes.js';
import type { Page } from './store.js';
import { credentialKindOf, hashSecret, newCredentialToken, newPublicId } from './tokens.js';

/** The credentials beside sessions: authorized apps, push registrations, and checking app and key tokens. */
export class CredentialService {
  readonly #d: ServiceDeps;
  readonly #usage: CredentialUsage;

  constructor(deps: ServiceDeps, usage: CredentialUsage) {
    this.#d = deps;
    this.#usage = usage;
  }

  /**
   * Checks an API key or app token a request carries, with one store read by its hash; its use is counted in
   * memory and written in batches (see `CredentialUsage`). A revoked or expired key is refused with its
   * reason; a removed app's token, or anything the kit never issued, is `unknown`. A token without the kit's
   * prefix is looked for only among API keys, and only with `imported` (keys brought in from another system
   * keep the form they had there).
   */
  async validateToken(token: string, options: { imported?: boolean } = {}): Promise<CredentialValidation> {
    const kind = credentialKindOf(token) ?? (options.imported ? 'api_key' : null);
    if (!kind) return { status: 'unknown' };
    const now = this.#d.clock.now();
    const hash = hashSecret(token);
    if (kind === 'api_key') {
      const key = await this.#d.store.findApiKeyByHash(hash);
      if (!key) return { status: 'unknown' };
      if (key.revokedAt !== null) return { status: 'ended', kind, reason: 'revoked', keyId: key.id };
      if (key.expiresAt !== null && key.expiresAt <= now)
        return { status: 'ended', kind, reason: 'expired', keyId: key.id };
      this.#usage.countKey(key, now);
      const { keyHash: _keyHash, ...shown } = key;
      return {
        status: 'active',
        principal: { kind, key: shown },
        tenantId: key.tenantId,
        userId: key.userId,
      };
    }
    const app = await this.#d.store.findAuthorizedAppByHash(hash);
    if (!app) return { status: 'unknown' };
    this.#usage.countApp(app, now);
    const { tokenHash: _tokenHash, ...shown } = app;
    return { status: 'active', principal: { kind, app: shown }, tenantId: app.tenantId, userId: app.userId };
  }

  /**
   * Issues a token for an application or device a person signs in with (a mobile app with its device name, a
   * website granted access): the answer holds the token (`ska_…`), shown this once; the store keeps its
   * hash, and the list its start. The token authenticates until the app is removed.
   */
  async authorizeApp(
    tenantId: string,
    userId: string,
    grant: AppGrant,
    actor: Actor,
    /** Given (a person connecting an app themselves), the grant must take at least one right, all of them from here. */
    offeredRights?: readonly string[],
  ): Promise<{ app: AuthorizedApp; token: string }> {
    const checked = checkAppGrant(grant, offeredRights);
    const { token, hash, prefix } = newCredentialToken('app');
    const app: AuthorizedApp = {
      id: newPublicId('app'),
      tenantId,
      userId,
      ...checked,
      tokenPreview: prefix,
      tokenHash: hash,
      createdAt: this.#d.clock.now(),
      lastUsedAt: null,
    };
    await this.#d.store.insertAuthorizedApp(app);
    await this.#d.audit(tenantId, 'app_authorized', actor, {
      targetUserId: userId,
      details: { app: app.name, kind: app.kind, device: app.deviceName, prefix },
    });
    return { app, token };
  }

  /**
   * Registers a device's push token for a person. The same push token registered again answers the
   * registration it already has (`created: false`), so an app may register at every start.
   */
  async registerPush(
    tenantId: string,
    userId: string,
    input: PushInput,
    actor: Actor,
  ): Promise<{ registration: PushRegistration; created: boolean }> {
    const checked = checkPushInput(input);
    const existing = (await this.#d.store.listPushRegistrations(tenantId, userId)).find(
      (r) => r.pushToken === checked.pushToken,
    );
    if (existing) return { registration: existing, created: false };
    const registration: PushRegistration = {
      id: newPublicId('push'),
      tenantId,
      userId,
      ...checked,
      createdAt: this.#d.clock.now(),
      lastUsedAt: null,
    };
    await this.#d.store.insertPushRegistration(registration);
    await this.#d.audit(tenantId, 'push_registered', actor, {
      targetUserId: userId,
      details: {
        app: registration.appName,
        device: registration.deviceName,
        platform: registration.platform,
      },
    });
    return { registration, created: true };
  }

  /** The person's registrations with their push tokens: where the host's sender may push, and nowhere else. */
  async livePushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return (await this.#d.store.listPushRegistrations(tenantId, userId)).filter((r) => r.pushToken !== null);
  }

  /**
   * Brings in authorized apps, push registrations and API keys that exist elsewhere, in bulk: the documented
   * way to migrate from another system or to seed. Every item is checked before anything is written (an
   * error names the field, `authorizedApps[3].userId`); an API key already stored is refused. One
   * `credentials_imported` audit event a tenant records the counts.
   */
  async importCredentials(input: CredentialImport): Promise<CredentialImportResult> {
    const { authorizedApps, pushRegistrations, apiKeys } = checkCredentialImport(input, this.#d.clock.now());
    const store = this.#d.store;
    for (const { key, hashField } of apiKeys) {
      if (await store.findApiKeyByHash(key.keyHash))
        throw invalid(hashField, `${hashField} is already stored`);
    }
    for (const app of authorizedApps) await store.insertAuthorizedApp(app);
    for (const registration of pushRegistrations) await store.insertPushRegistration(registration);
    for (const { key, uses } of apiKeys) {
      await store.insertApiKey(key);
      for (const at of uses) await store.recordApiKeyUse(key.tenantId, key.id, at);
    }
    const tenants = new Map<string, Record<keyof CredentialImportResult, number>>();
    const count = (tenantId: string, list: keyof CredentialImportResult) => {
      const counts = tenants.get(tenantId) ?? { authorizedApps: 0, pushRegistrations: 0, apiKeys: 0 };
      counts[list]++;
      tenants.set(tenantId, counts);
    };
    for (const app of authorizedApps) count(app.tenantId, 'authorizedApps');
    for (const registration of pushRegistrations) count(registration.tenantId, 'pushRegistrations');
    for (const { key } of apiKeys) count(key.tenantId, 'apiKeys');
    for (const [tenantId, details] of tenants)
      await this.#d.audit(tenantId, 'credentials_imported', SYSTEM_ACTOR, { details });
    return {
      authorizedApps: authorizedApps.map((a) => a.id),
      pushRegistrations: pushRegistrations.map((r) => r.id),
      apiKeys: apiKeys.map((k) => k.key.id),
    };
  }

  async listAuthorizedApps(
    tenantId: string,
    userId: string,
    query: ListQuery<'createdAt' | 'lastUsedAt' | 'name'> = {},
  ): Promise<Page<AuthorizedApp>> {
    return pageList(await this.#d.store.listAuthorizedApps(tenantId, userId), query);
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

  async listPushRegistrations(
    tenantId: string,
    userId: string,
    query: ListQuery<'createdAt' | 'lastUsedAt' | 'appName'> = {},
  ): Promise<Page<PushRegistration>> {
    return pageList(await this.#d.store.listPushRegistrations(tenantId, userId), query);
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
}

import type { Actor } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { DAY } from './clock.js';
import type { ApiKeyActivity, AuthorizedApp, PushRegistration } from './credentials.js';
import type { CredentialImport, CredentialImportResult } from './credentialImport.js';
import { checkCredentialImport, invalid } from './credentialImport.js';
import { SessionKitError } from './errors.js';
import type { ListQuery, ServiceDeps } from './serviceTypes.js';
import type { Page } from './store.js';
import { compareStrings, compareText, pageOf } from './storeSupport.js';

/** The credentials beside sessions: authorized apps, push registrations and API-key activity. */
export class CredentialService {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
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

  /** API keys with their last use and requests in the last 24 hours. */
  async listApiKeyActivity(
    tenantId: string,
    query: ListQuery<'createdAt' | 'lastUsedAt' | 'name' | 'requestsLast24h'> = {},
  ): Promise<Page<ApiKeyActivity>> {
    const keys = await this.#d.store.listApiKeys(tenantId);
    const since = new Date(this.#d.clock.now().getTime() - DAY);
    const counts = await this.#d.store.countApiKeyRequests(
      tenantId,
      keys.map((k) => k.id),
      since,
    );
    return pageList(
      keys.map(({ keyHash: _keyHash, ...k }) => ({ ...k, requestsLast24h: counts.get(k.id) ?? 0 })),
      query,
    );
  }
}

/** Sorts a short list (stable, ties by id) and pages it; without a sort the store's newest-first order stays. */
function pageList<T extends { id: string }, F extends string>(rows: T[], query: ListQuery<F>): Page<T> {
  const offset = query.offset ?? 0;
  const sort = query.sort;
  if (!sort) {
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return { items: rows.slice(offset, end), total: rows.length };
  }
  const sign = sort.order === 'asc' ? 1 : -1;
  const value = (row: T): number | string => {
    const v = (row as Record<string, unknown>)[sort.field];
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'number') return v;
    return v === null || v === undefined ? -Infinity : String(v);
  };
  const compare = (a: T, b: T) => {
    const x = value(a);
    const y = value(b);
    const c = typeof x === 'string' && typeof y === 'string' ? compareText(x, y) : x < y ? -1 : x > y ? 1 : 0;
    return sign * (c || compareStrings(a.id, b.id));
  };
  return { items: pageOf(rows, compare, offset, query.limit), total: rows.length };
}

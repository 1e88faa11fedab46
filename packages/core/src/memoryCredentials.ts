import { HOUR } from './clock.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from './credentials.js';
import { compareStrings } from './storeSupport.js';

/** The memory store's authorized apps, push registrations and API keys. */
export class MemoryCredentials {
  readonly #apps = new Map<string, AuthorizedApp>();
  readonly #push = new Map<string, PushRegistration>();
  readonly #keys = new Map<string, ApiKey>();
  readonly #keyBuckets = new Map<string, number>();

  async insertAuthorizedApp(app: AuthorizedApp): Promise<void> {
    this.#apps.set(app.id, structuredClone(app));
  }

  async listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return newestFirst(
      [...this.#apps.values()].filter((a) => a.tenantId === tenantId && a.userId === userId),
    );
  }

  async deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null> {
    return deleteOwned(this.#apps, tenantId, userId, id);
  }

  async findAuthorizedAppByHash(tokenHash: string): Promise<AuthorizedApp | null> {
    for (const app of this.#apps.values()) if (app.tokenHash === tokenHash) return structuredClone(app);
    return null;
  }

  async recordAuthorizedAppUse(tenantId: string, id: string, at: Date): Promise<boolean> {
    const app = this.#apps.get(id);
    if (!app || app.tenantId !== tenantId) return false;
    const first = app.lastUsedAt === null;
    if (first || at > (app.lastUsedAt as Date)) app.lastUsedAt = new Date(at);
    return first;
  }

  async insertPushRegistration(registration: PushRegistration): Promise<void> {
    this.#push.set(registration.id, structuredClone(registration));
  }

  async listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return newestFirst(
      [...this.#push.values()].filter((p) => p.tenantId === tenantId && p.userId === userId),
    );
  }

  async deletePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
  ): Promise<PushRegistration | null> {
    return deleteOwned(this.#push, tenantId, userId, id);
  }

  async insertApiKey(key: ApiKey): Promise<void> {
    this.#keys.set(key.id, structuredClone(key));
  }

  async listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return newestFirst([...this.#keys.values()].filter((k) => k.tenantId === tenantId));
  }

  async findApiKeyByHash(keyHash: string): Promise<ApiKey | null> {
    for (const k of this.#keys.values()) if (k.keyHash === keyHash) return structuredClone(k);
    return null;
  }

  async findApiKeyById(tenantId: string, id: string): Promise<ApiKey | null> {
    const key = this.#keys.get(id);
    return key && key.tenantId === tenantId ? structuredClone(key) : null;
  }

  async revokeApiKey(tenantId: string, id: string, revokedAt: Date): Promise<ApiKey | null> {
    const key = this.#keys.get(id);
    if (!key || key.tenantId !== tenantId || key.revokedAt !== null) return null;
    key.revokedAt = new Date(revokedAt);
    return structuredClone(key);
  }

  async recordApiKeyUse(
    tenantId: string,
    keyId: string,
    at: Date,
    options: { count?: number } = {},
  ): Promise<boolean> {
    const key = this.#keys.get(keyId);
    if (!key || key.tenantId !== tenantId) return false;
    const first = key.lastUsedAt === null;
    if (first || at > (key.lastUsedAt as Date)) key.lastUsedAt = new Date(at);
    const bucket = `${keyId}\u0000${Math.floor(at.getTime() / HOUR)}`;
    this.#keyBuckets.set(bucket, (this.#keyBuckets.get(bucket) ?? 0) + (options.count ?? 1));
    return first;
  }

  async countApiKeyRequests(
    tenantId: string,
    keyIds: readonly string[],
    since: Date,
  ): Promise<Map<string, number>> {
    const fromHour = Math.floor(since.getTime() / HOUR);
    const counts = new Map<string, number>(keyIds.map((id) => [id, 0]));
    for (const [bucket, n] of this.#keyBuckets) {
      const [keyId = '', hour = '0'] = bucket.split('\u0000');
      const key = this.#keys.get(keyId);
      if (counts.has(keyId) && key?.tenantId === tenantId && Number(hour) >= fromHour) {
        counts.set(keyId, (counts.get(keyId) ?? 0) + n);
      }
    }
    return counts;
  }
}

function newestFirst<T extends { createdAt: Date; id: string }>(items: T[]): T[] {
  return items
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareStrings(b.id, a.id))
    .map((x) => structuredClone(x));
}

function deleteOwned<T extends { tenantId: string; userId: string }>(
  map: Map<string, T>,
  tenantId: string,
  userId: string,
  id: string,
): T | null {
  const found = map.get(id);
  if (!found || found.tenantId !== tenantId || found.userId !== userId) return null;
  map.delete(id);
  return found;
}

import type { Actor } from './audit.js';
import { DAY } from './clock.js';
import type { ApiKey, ApiKeyActivity } from './credentials.js';
import { invalid } from './credentialImport.js';
import { pageList } from './credentialPages.js';
import type { CredentialUsage } from './credentialUsage.js';
import { SessionKitError } from './errors.js';
import type { ListQuery, ServiceDeps } from './serviceTypes.js';
import type { Page } from './store.js';
import { newCredentialToken, newPublicId } from './tokens.js';

/** What a person (or an administrator, for them) gives to create an API key. */
export interface ApiKeyInput {
  /** Shown in the lists: what the key is for. 1–100 characters. */
  name: string;
  /** At least one, each from the kit's declared `apiKeyScopes`. */
  scopes: readonly string[];
  /** Default null: the key works until revoked. Must be in the future. */
  expiresAt?: Date | null;
}

/** A new key: its record as the lists show it, and the secret, which exists nowhere else after this. */
export interface CreatedApiKey {
  key: ApiKeyActivity;
  secret: string;
}

export type ApiKeySort = 'createdAt' | 'lastUsedAt' | 'name' | 'requestsLast24h';

/** The scopes a kit offers when the host declares none. */
export const DEFAULT_API_KEY_SCOPES: readonly string[] = ['read', 'write'];

const MAX_NAME = 100;

/** API keys the kit issues: created with a secret shown once, listed with their use, revoked. */
export class ApiKeys {
  readonly #d: ServiceDeps;
  readonly #usage: CredentialUsage;
  /** The scopes a key may carry, as the host declared them. */
  readonly scopes: readonly string[];

  constructor(deps: ServiceDeps, usage: CredentialUsage, scopes: readonly string[] = DEFAULT_API_KEY_SCOPES) {
    this.#d = deps;
    this.#usage = usage;
    if (
      !Array.isArray(scopes) ||
      scopes.length === 0 ||
      scopes.some((s) => typeof s !== 'string' || !/^[\w:.*-]{1,64}$/.test(s))
    )
      throw new SessionKitError(
        'misconfigured',
        'apiKeyScopes must be a non-empty list of scope names (letters, digits, _ : . * -)',
      );
    this.scopes = [...new Set(scopes)];
  }

  /**
   * Creates a key for `userId` (the signed-in person, or anyone for an administrator). The secret
   * (`skk_…`, 256 random bits) is in the answer only; the store keeps its SHA-256 and a visible prefix.
   */
  async create(tenantId: string, userId: string, input: ApiKeyInput, actor: Actor): Promise<CreatedApiKey> {
    const now = this.#d.clock.now();
    const checked = this.#check(input, now);
    const { token, hash, prefix } = newCredentialToken('api_key');
    const key: ApiKey = {
      id: newPublicId('key'),
      tenantId,
      userId,
      name: checked.name,
      prefix,
      keyHash: hash,
      scopes: checked.scopes,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: checked.expiresAt,
    };
    await this.#d.store.insertApiKey(key);
    await this.#d.audit(tenantId, 'api_key_created', actor, {
      targetUserId: userId,
      details: { key: key.id, name: key.name, prefix, scopes: key.scopes.join(' ') },
    });
    return { key: activityOf(key, 0), secret: token };
  }

  /**
   * Revokes a key: its next request is refused, by every instance (the check reads the store). With `ownerId`,
   * another person's key is "not found", so ids can't be probed; `check` may refuse after the key is found.
   */
  async revoke(
    tenantId: string,
    id: string,
    options: { actor: Actor; ownerId?: string; check?: (key: ApiKey) => Promise<void> },
  ): Promise<ApiKeyActivity> {
    const found = await this.#d.store.findApiKeyById(tenantId, id);
    if (!found || (options.ownerId !== undefined && found.userId !== options.ownerId))
      throw new SessionKitError('not_found', 'no API key with that id');
    await options.check?.(found);
    if (found.revokedAt !== null) throw new SessionKitError('not_found', 'that API key is already revoked');
    const revoked = await this.#d.store.revokeApiKey(tenantId, id, this.#d.clock.now());
    if (!revoked) throw new SessionKitError('not_found', 'that API key is already revoked');
    await this.#d.audit(tenantId, 'api_key_revoked', options.actor, {
      targetUserId: revoked.userId,
      details: { key: revoked.id, name: revoked.name, prefix: revoked.prefix },
    });
    const counts = await this.#counts(tenantId, [revoked]);
    return activityOf(revoked, counts.get(revoked.id) ?? 0);
  }

  /**
   * Keys with their last use and requests in the last 24 hours; with `userId`, only that person's. This
   * instance's counted use is written first, so its own requests show at once; other instances' within the
   * bound of `usageFlushIntervalMs` / `usageFlushEvery`.
   */
  async list(
    tenantId: string,
    query: ListQuery<ApiKeySort> & { userId?: string } = {},
  ): Promise<Page<ApiKeyActivity>> {
    await this.#usage.flush();
    const all = await this.#d.store.listApiKeys(tenantId);
    const keys = query.userId === undefined ? all : all.filter((k) => k.userId === query.userId);
    const counts = await this.#counts(tenantId, keys);
    return pageList(
      keys.map((k) => activityOf(k, counts.get(k.id) ?? 0)),
      query,
    );
  }

  #counts(tenantId: string, keys: readonly ApiKey[]): Promise<Map<string, number>> {
    const since = new Date(this.#d.clock.now().getTime() - DAY);
    return this.#d.store.countApiKeyRequests(
      tenantId,
      keys.map((k) => k.id),
      since,
    );
  }

  #check(input: ApiKeyInput, now: Date): { name: string; scopes: string[]; expiresAt: Date | null } {
    if (typeof input !== 'object' || input === null) throw invalid('body', 'give a name and scopes');
    const name = typeof input.name === 'string' ? input.name.replace(/\s+/g, ' ').trim() : '';
    if (name === '') throw invalid('name', 'name: give the key a name');
    if (name.length > MAX_NAME) throw invalid('name', `name: must be at most ${MAX_NAME} characters`);
    if (!Array.isArray(input.scopes) || input.scopes.length === 0)
      throw invalid('scopes', `scopes: choose at least one of ${this.scopes.join(', ')}`);
    const scopes = [...new Set(input.scopes as unknown[])];
    const unknown = scopes.find((s) => typeof s !== 'string' || !this.scopes.includes(s));
    if (unknown !== undefined)
      throw invalid('scopes', `scopes: ${String(unknown)} is not one of ${this.scopes.join(', ')}`);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null) {
      if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))
        throw invalid('expiresAt', 'expiresAt: must be a date');
      if (expiresAt <= now) throw invalid('expiresAt', 'expiresAt: must be in the future');
    }
    return { name, scopes: scopes as string[], expiresAt: expiresAt && new Date(expiresAt) };
  }
}

function activityOf(key: ApiKey, requestsLast24h: number): ApiKeyActivity {
  const { keyHash: _keyHash, ...rest } = key;
  return { ...rest, requestsLast24h };
}

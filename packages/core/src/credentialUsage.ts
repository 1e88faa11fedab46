import type { Actor } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { HOUR } from './clock.js';
import type { ApiKey, AuthorizedApp } from './credentials.js';
import { SessionKitError } from './errors.js';
import type { ServiceDeps } from './serviceTypes.js';
import { newPublicId } from './tokens.js';

interface KeyCount {
  tenantId: string;
  keyId: string;
  userId: string | null;
  /** Any time in the counted hour: the latest request counted in it. */
  at: Date;
  count: number;
}

interface AppUse {
  tenantId: string;
  appId: string;
  userId: string;
  name: string;
  at: Date;
}

/**
 * Counts API-key requests and app-token use in memory and writes them in batches: a write per request would
 * add a database write to every API call of the host. Counts and last-use times reach the store at most
 * `flushIntervalMs` or `flushEvery` requests after the request, whichever comes first; a process that dies
 * loses at most that much (never a rule: revocation is read from the store on every request).
 */
export class CredentialUsage {
  readonly #d: ServiceDeps;
  readonly #intervalMs: number;
  readonly #every: number;
  // This process's own counters in the store, so that instances flushing at once never race on one.
  readonly #writer = newPublicId('writer');
  #keys = new Map<string, KeyCount>();
  #apps = new Map<string, AppUse>();
  #pending = 0;
  #lastFlush: number;
  // Flushes run one after another: a writer must not race itself on its own counters.
  #chain: Promise<void> = Promise.resolve();

  /** `flushIntervalMs` (default 10 s) and `flushEvery` (default 100 requests): the bound, whichever comes first. */
  constructor(deps: ServiceDeps, flushIntervalMs = 10_000, flushEvery = 100) {
    this.#d = deps;
    this.#intervalMs = positiveWhole(flushIntervalMs, 'usageFlushIntervalMs');
    this.#every = positiveWhole(flushEvery, 'usageFlushEvery');
    this.#lastFlush = deps.clock.now().getTime();
  }

  /** The bound stated in the docs: how stale a count or last-use time may be. */
  get bound(): { intervalMs: number; requests: number } {
    return { intervalMs: this.#intervalMs, requests: this.#every };
  }

  countKey(key: Pick<ApiKey, 'id' | 'tenantId' | 'userId'>, at: Date): void {
    const hour = Math.floor(at.getTime() / HOUR);
    const slot = `${key.id}\u0000${hour}`;
    const counted = this.#keys.get(slot);
    if (counted) {
      counted.count++;
      if (at > counted.at) counted.at = at;
    } else {
      this.#keys.set(slot, { tenantId: key.tenantId, keyId: key.id, userId: key.userId, at, count: 1 });
    }
    this.#counted(at);
  }

  countApp(app: Pick<AuthorizedApp, 'id' | 'tenantId' | 'userId' | 'name'>, at: Date): void {
    const seen = this.#apps.get(app.id);
    if (!seen || at > seen.at)
      this.#apps.set(app.id, {
        tenantId: app.tenantId,
        appId: app.id,
        userId: app.userId,
        name: app.name,
        at,
      });
    this.#counted(at);
  }

  /** Writes everything counted so far; resolves once it (and any write before it) is stored. */
  flush(): Promise<void> {
    const run = this.#chain.then(() => this.#write());
    // A failed write keeps its counts for the next one; the chain itself must go on.
    this.#chain = run.catch(() => undefined);
    return run;
  }

  #counted(at: Date): void {
    this.#pending++;
    if (this.#pending >= this.#every || at.getTime() - this.#lastFlush >= this.#intervalMs) {
      this.flush().catch((error: unknown) => {
        console.warn('sessionkit: writing credential use failed; kept for the next write', messageOf(error));
      });
    }
  }

  async #write(): Promise<void> {
    const keys = this.#keys;
    const apps = this.#apps;
    this.#keys = new Map();
    this.#apps = new Map();
    this.#pending = 0;
    this.#lastFlush = this.#d.clock.now().getTime();
    const store = this.#d.store;
    try {
      for (const [slot, c] of keys) {
        const first = await store.recordApiKeyUse(c.tenantId, c.keyId, c.at, {
          count: c.count,
          writer: this.#writer,
        });
        keys.delete(slot);
        if (first) await this.#audit(c.tenantId, 'api_key_first_used', c.userId, { key: c.keyId });
      }
      for (const [id, use] of apps) {
        const first = await store.recordAuthorizedAppUse(use.tenantId, use.appId, use.at);
        apps.delete(id);
        if (first) await this.#audit(use.tenantId, 'app_first_used', use.userId, { app: use.name });
      }
    } catch (error) {
      // What was not written goes back, to be counted with what came meanwhile.
      for (const [slot, c] of keys) this.#restoreKey(slot, c);
      for (const [id, use] of apps) if (!this.#apps.has(id)) this.#apps.set(id, use);
      throw error;
    }
  }

  #restoreKey(slot: string, c: KeyCount): void {
    const now = this.#keys.get(slot);
    if (!now) this.#keys.set(slot, c);
    else now.count += c.count;
  }

  #audit(
    tenantId: string,
    action: 'api_key_first_used' | 'app_first_used',
    userId: string | null,
    details: Record<string, string>,
  ): Promise<void> {
    const actor: Actor = userId ? { userId } : SYSTEM_ACTOR;
    return this.#d.audit(tenantId, action, actor, { targetUserId: userId, details });
  }
}

function positiveWhole(value: number, option: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new SessionKitError('misconfigured', `${option} must be a whole number of 1 or more`);
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { Clock } from './clock.js';
import { SessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import { upgradeStoredPolicy } from './rolePolicies.js';
import type { SessionStore } from './store.js';

/**
 * Tenants' policies, each reused for `cacheMs` before it is read again. The instance that saves a policy uses
 * it at once; others within the bound. Requests that find it stale together share one read.
 */
export class PolicyCache {
  readonly #store: SessionStore;
  readonly #clock: Clock;
  readonly #cacheMs: number;
  readonly #defaults: () => SessionPolicy;
  readonly #cache = new Map<string, { policy: SessionPolicy; readAt: number }>();
  readonly #reads = new Map<string, Promise<SessionPolicy>>();
  /** Counts this instance's saves, so that a read older than a save is known as such. */
  #saves = 0;

  constructor(store: SessionStore, clock: Clock, cacheMs: number, defaults: () => SessionPolicy) {
    if (!(cacheMs >= 0)) throw new SessionKitError('misconfigured', '`policyCacheMs` must be 0 or more');
    this.#store = store;
    this.#clock = clock;
    this.#cacheMs = cacheMs;
    this.#defaults = defaults;
  }

  get(tenantId: string, options: { fresh?: boolean } = {}): Promise<SessionPolicy> {
    const now = this.#clock.now().getTime();
    const cached = this.#cache.get(tenantId);
    if (!options.fresh && cached && now - cached.readAt < this.#cacheMs)
      return Promise.resolve(cached.policy);
    const pending = options.fresh ? undefined : this.#reads.get(tenantId);
    if (pending) return pending;
    const generation = this.#saves;
    const read = this.#store.getPolicy(tenantId).then((stored) => {
      const policy = stored ? upgradeStoredPolicy(stored) : this.#defaults();
      // A read that began before this instance saved a policy must not put the old one back in the cache.
      if (generation === this.#saves) this.#cache.set(tenantId, { policy, readAt: now });
      return policy;
    });
    if (!options.fresh) {
      this.#reads.set(tenantId, read);
      const forget = () => {
        if (this.#reads.get(tenantId) === read) this.#reads.delete(tenantId);
      };
      read.then(forget, forget);
    }
    return read;
  }

  /** This instance saved `policy`: use it from now on. */
  saved(tenantId: string, policy: SessionPolicy): void {
    this.#saves++;
    this.#reads.delete(tenantId);
    this.#cache.set(tenantId, { policy, readAt: this.#clock.now().getTime() });
  }
}

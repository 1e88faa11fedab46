import type { Clock } from './clock.js';
import { SessionKitError } from './errors.js';
import type { DirectoryUser, UserDirectory } from './userDirectory.js';

const MAX_ENTRIES = 10_000;

/**
 * Users read from the host's directory, each reused for `cacheMs`: a directory backed by a database would
 * otherwise add a read to every request that needs a person's roles or name. A change in the directory (a
 * new role, a new name) reaches requests within the bound. Requests that find a user stale together share one
 * read; a page of people is one `getUsers` call for those not cached.
 */
export class DirectoryCache {
  readonly #directory: UserDirectory | null;
  readonly #clock: Clock;
  readonly #cacheMs: number;
  readonly #users = new Map<string, { user: DirectoryUser | undefined; readAt: number }>();
  readonly #reads = new Map<string, Promise<DirectoryUser | undefined>>();

  constructor(directory: UserDirectory | null, clock: Clock, cacheMs: number) {
    if (!(cacheMs >= 0)) throw new SessionKitError('misconfigured', '`directoryCacheMs` must be 0 or more');
    this.#directory = directory;
    this.#clock = clock;
    this.#cacheMs = cacheMs;
  }

  /** One user, or undefined when the directory doesn't know them (or there is no directory). */
  async get(tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
    return (await this.getMany(tenantId, [userId])).get(userId);
  }

  /** Users by id; ids the directory doesn't know are missing. */
  async getMany(tenantId: string, userIds: readonly string[]): Promise<Map<string, DirectoryUser>> {
    const out = new Map<string, DirectoryUser>();
    if (!this.#directory) return out;
    const now = this.#clock.now().getTime();
    const missing: string[] = [];
    const waits: Promise<void>[] = [];
    for (const id of new Set(userIds)) {
      const key = `${tenantId}\u0000${id}`;
      const cached = this.#users.get(key);
      if (cached && now - cached.readAt < this.#cacheMs) {
        if (cached.user) out.set(id, cached.user);
        continue;
      }
      const pending = this.#reads.get(key);
      if (pending)
        waits.push(
          pending.then((user) => {
            if (user) out.set(id, user);
          }),
        );
      else missing.push(id);
    }
    if (missing.length > 0) {
      const read = this.#directory.getUsers(tenantId, missing);
      for (const id of missing) {
        const key = `${tenantId}\u0000${id}`;
        const one = read.then((users) => users.find((u) => u.id === id));
        this.#reads.set(key, one);
        const settle = () => {
          if (this.#reads.get(key) === one) this.#reads.delete(key);
        };
        one.then((user) => {
          settle();
          this.#remember(key, user, now);
        }, settle);
      }
      for (const user of await read) if (missing.includes(user.id)) out.set(user.id, user);
    }
    await Promise.all(waits);
    return out;
  }

  #remember(key: string, user: DirectoryUser | undefined, readAt: number): void {
    if (this.#cacheMs === 0) return;
    // Bounded: the oldest entry goes first (a Map keeps insertion order).
    if (this.#users.size >= MAX_ENTRIES) this.#users.delete(this.#users.keys().next().value as string);
    this.#users.delete(key);
    this.#users.set(key, { user, readAt });
  }
}

import { SessionKitError } from '@sessionkit/core';

export interface MongoSessionStoreOptions {
  /** Prefix of every collection the kit creates. Default `sessionkit_`. */
  collectionPrefix?: string;
  /**
   * How often a waiting operation checks for an outage (every half of it), and how long the server may answer
   * nothing before it is asked `hello`. A closed connection, a failed probe or a failed heartbeat makes the
   * operation fail with `store_unavailable` (a 503) at the next check; a server that answers nothing at all
   * for three times this long counts as hung. Default 1,000 ms. The driver would otherwise wait out
   * `serverSelectionTimeoutMS` (30 s by default) on every request during an outage. Slow operations on a
   * reachable server are not cut short.
   */
  outageTimeoutMs?: number;
  /**
   * How the team view finds its page. `index` walks the newest-first index until the page is full (MongoDB:
   * a page costs a page); `fold` reads the account's active sessions once and folds them (FerretDB 1.24
   * reads the whole collection for any filter but `{ _id }`, so one read beats three). Default `auto`: `fold`
   * on FerretDB, `index` elsewhere.
   */
  teamView?: 'auto' | 'index' | 'fold';
  /**
   * Where admin views, the limit's per-user lists and the sweeper read. `mirror` keeps every session in
   * process memory as well (loaded once in the background, kept current by this instance's writes and by a
   * change log the other instances write), so that a view costs a page; `database` reads the collections.
   * Default `auto`: `mirror` on FerretDB, whose reads of anything but one `_id` read a whole collection, and
   * `database` on MongoDB, whose indexes answer them. See docs/scaling.md for the memory it takes.
   */
  views?: 'auto' | 'mirror' | 'database';
  /**
   * Into how many collections a new database splits `live_sessions`, `session_ends` and `session_records`
   * by hash (layout 2; a database that already holds sessions keeps its layout). FerretDB reads a collection
   * up to the match even for an `_id` lookup and all of it for an update or delete, so each of those costs
   * the size of the partition it reads. Needs the view mirror, which answers the reads across partitions.
   * Default: 128 with the mirror, else 1.
   */
  livePartitions?: number;
}

/** The options checked, with their defaults. */
export function readOptions(options: MongoSessionStoreOptions) {
  const prefix = options.collectionPrefix ?? 'sessionkit_';
  if (!/^[A-Za-z0-9_]{0,40}$/.test(prefix)) {
    throw new SessionKitError('misconfigured', '`collectionPrefix` may hold letters, digits and _ only');
  }
  const outageTimeoutMs = options.outageTimeoutMs ?? 1_000;
  if (!(outageTimeoutMs > 0)) {
    throw new SessionKitError('misconfigured', '`outageTimeoutMs` must be a positive number of milliseconds');
  }
  const partitions = options.livePartitions;
  if (partitions !== undefined && !(Number.isInteger(partitions) && partitions >= 1 && partitions <= 256)) {
    throw new SessionKitError('misconfigured', '`livePartitions` must be a whole number from 1 to 256');
  }
  return {
    prefix,
    outageTimeoutMs,
    teamView: oneOf('teamView', options.teamView, ['auto', 'index', 'fold'] as const),
    views: oneOf('views', options.views, ['auto', 'mirror', 'database'] as const),
    livePartitions: partitions,
  };
}

function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0] as T;
  if (!allowed.includes(value)) {
    throw new SessionKitError('misconfigured', `\`${name}\` must be one of ${allowed.join(', ')}`);
  }
  return value;
}

/** Only what creating a collection and its indexes needs, so models of any document type fit. */
export interface Preparable {
  createCollection(): Promise<unknown>;
  createIndexes(): Promise<unknown>;
}

export async function prepare(models: readonly Preparable[], indexes = true): Promise<void> {
  for (const model of models) {
    await model.createCollection().catch((error: unknown) => {
      // 48: NamespaceExists, another instance made it first.
      if ((error as { code?: number }).code !== 48) throw error;
    });
    if (indexes) await model.createIndexes();
  }
}

/**
 * A MongoDB-compatible server for tests and the demo's Mongo mode.
 *
 * ```ts
 * import { startMongo, withDatabase } from '@sessionkit/ferretdb-runner';
 * const server = await startMongo({ dbName: 'demo' });   // MONGODB_URI, else FerretDB, else mongodb-memory-server
 * await mongoose.createConnection(server.uri).asPromise();
 * // …
 * await server.stop();                                    // stops FerretDB and deletes its data; no-op for MONGODB_URI
 * ```
 */

/** Where the server came from. */
export type MongoServerKind = 'external' | 'ferretdb' | 'memory-server';

export interface MongoServer {
  /** A connection string ending in the requested database, ready for `mongoose.createConnection`. */
  uri: string;
  kind: MongoServerKind;
  /** Stops a server this call started and removes its data; does nothing for `MONGODB_URI`. */
  stop(): Promise<void>;
}

export interface StartMongoOptions {
  /** The database the URI points at. Default `sessionkit`. */
  dbName?: string;
  /** Ignore `MONGODB_URI` and fail rather than fall back to mongodb-memory-server: a server of one's own to stop. */
  ferretdbOnly?: boolean;
  /** Progress lines (the one-time FerretDB build). Default: stderr. */
  log?: (line: string) => void;
}

/** The FerretDB release the kit is tested on. */
export declare const FERRETDB_VERSION: 'v1.24.2';

/**
 * Starts (or finds) a server: `MONGODB_URI` when set; otherwise FerretDB v1.24.2 with its SQLite backend in a
 * temporary folder on a free loopback port, built once with `go install` into
 * `${SESSIONKIT_CACHE:-~/.cache/sessionkit}/ferretdb/bin`; where Go is missing too, mongodb-memory-server.
 * Throws an error that says how to get a server when none of them works.
 */
export declare function startMongo(options?: StartMongoOptions): Promise<MongoServer>;

/** The same server URI pointing at another database (multi-host and `mongodb+srv` URIs included). */
export declare function withDatabase(uri: string, dbName: string): string;

/** A database name of its own for one test file, e.g. `uniqueDatabaseName(import.meta.url)`. */
export declare function uniqueDatabaseName(label: string): string;

/** The cache folder: `$SESSIONKIT_CACHE` or `~/.cache/sessionkit`. */
export declare function cacheDir(): string;

/** Where the FerretDB binary lives in the cache. */
export declare function ferretdbBinary(): string;

/** The FerretDB binary, built with Go into the cache when missing; null when Go is missing too. */
export declare function ensureFerretdb(log?: (line: string) => void): Promise<string | null>;

/** Starts FerretDB from a binary on a free loopback port with a fresh temporary data folder. */
export declare function startFerretdb(binary: string, dbName?: string): Promise<MongoServer>;

/** A TCP port free on 127.0.0.1 right now. */
export declare function freePort(): Promise<number>;

import { FERRETDB_VERSION, startMongo, withDatabase } from '@sessionkit/ferretdb-runner';
import type { MongoServerKind } from '@sessionkit/ferretdb-runner';

/** The one database server every contestant of a run uses, each in a database of its own. */
export interface Database {
  kind: MongoServerKind;
  /** What the report calls it. */
  name: string;
  uriFor(dbName: string): string;
  stop(): Promise<void>;
}

/** `MONGODB_URI` when set, else FerretDB started by the project's runner (built once into the cache). */
export async function startDatabase(log: (line: string) => void): Promise<Database> {
  const server = await startMongo({ dbName: 'sessionkit_bench', log });
  const names: Record<MongoServerKind, string> = {
    ferretdb: `FerretDB ${FERRETDB_VERSION} (SQLite backend), started by @sessionkit/ferretdb-runner`,
    external: 'the MongoDB server at MONGODB_URI',
    'memory-server': 'MongoDB from mongodb-memory-server',
  };
  return {
    kind: server.kind,
    name: names[server.kind],
    uriFor: (dbName) => withDatabase(server.uri, dbName),
    stop: () => server.stop(),
  };
}

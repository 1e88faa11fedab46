import { startMongo, withDatabase } from '@sessionkit/ferretdb-runner';
import type { MongoServer } from '@sessionkit/ferretdb-runner';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';

/** The demo's own database: it is emptied and re-seeded at every start, so it never shares one with real data. */
export const DEMO_DATABASE = 'sessionkit_demo';

export interface DemoMongo {
  connection: Connection;
  label: string;
  close(): Promise<void>;
}

/**
 * `MONGODB_URI` (its server, database `sessionkit_demo`), or with `ferretdb` a FerretDB server started here,
 * the same one the tests use.
 */
export async function openMongo(options: { ferretdb: boolean }): Promise<DemoMongo> {
  let server: MongoServer | null = null;
  let uri: string;
  if (options.ferretdb) {
    server = await startMongo({
      dbName: DEMO_DATABASE,
      ferretdbOnly: true,
      log: (line) => console.log(`demo: ${line}`),
    });
    uri = server.uri;
  } else {
    uri = withDatabase(process.env.MONGODB_URI ?? '', DEMO_DATABASE);
  }
  const connection = await mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  await connection.dropDatabase();
  const label = server
    ? `FerretDB (${server.kind === 'ferretdb' ? 'started by the demo' : server.kind})`
    : `MongoDB (${hostsOf(uri)}/${DEMO_DATABASE})`;
  return {
    connection,
    label,
    async close() {
      await connection.close();
      await server?.stop();
    },
  };
}

/** The host list of a connection string, without credentials (multi-host and SRV strings aren't URLs). */
function hostsOf(uri: string): string {
  return (
    uri
      .replace(/^mongodb(\+srv)?:\/\//, '')
      .replace(/^[^@/]*@/, '')
      .split('/')[0] ?? ''
  );
}

import { runStoreContract } from '@sessionkit/core/testing';
import type { MongoSessionStoreOptions } from '../src/index.js';
import { MongoSessionStore } from '../src/index.js';
import { openDatabase } from './support.js';

// The same file every store runs, here on a real server: FerretDB, or MongoDB through MONGODB_URI. Twice:
// views read from the store's in-memory mirror (FerretDB's default), and straight from the collections.
// The matrix run (vitest.matrix.config.ts) picks one with SESSIONKIT_CONTRACT_VIEWS to stay short.
const ALL_VIEWS = ['mirror', 'database'] as const satisfies readonly MongoSessionStoreOptions['views'][];
const only = process.env.SESSIONKIT_CONTRACT_VIEWS;
if (only !== undefined && !ALL_VIEWS.some((v) => v === only))
  throw new Error(`SESSIONKIT_CONTRACT_VIEWS must be one of ${ALL_VIEWS.join(', ')}`);
for (const views of ALL_VIEWS.filter((v) => only === undefined || v === only)) {
  let database: Awaited<ReturnType<typeof openDatabase>> | null = null;
  runStoreContract(`mongo (views: ${views})`, {
    // A fresh store for each test, on emptied collections (the partitions too; the layout and the change log's
    // head stay): its mirror loads what they hold, which is nothing.
    makeStore: async () => {
      database ??= await openDatabase(`mongoStore.contract.${views}`);
      const first = new MongoSessionStore(database.connection, { views });
      await first.ready();
      const db = database.connection.db;
      const names = (await db?.listCollections({}, { nameOnly: true }).toArray())?.map((c) => c.name) ?? [];
      for (const name of names) if (name !== 'sessionkit_meta') await db?.collection(name).deleteMany({});
      const store = new MongoSessionStore(database.connection, { views });
      await store.viewsLoaded();
      return store;
    },
    teardown: async () => {
      await database?.drop();
      database = null;
    },
  });
}

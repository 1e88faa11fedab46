import { runStoreContract } from '@sessionkit/core/testing';
import { afterAll, beforeAll } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import { mongoStore, openDatabase } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;

beforeAll(async () => {
  database = await openDatabase('mongoStore.contract');
  store = await mongoStore(database.connection);
});

// The same file every store runs, here on a real server: FerretDB, or MongoDB through MONGODB_URI.
runStoreContract('mongo', {
  makeStore: async () => {
    await Promise.all(Object.values(store.models).map((model) => model.deleteMany({})));
    return store;
  },
  teardown: () => database.drop(),
});

afterAll(() => undefined);

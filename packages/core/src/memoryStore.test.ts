import { MemorySessionStore } from './memoryStore.js';
import { runStoreContract } from './testing/storeContract.js';

runStoreContract('memory', { makeStore: () => new MemorySessionStore() });

import type { TestProject } from 'vitest/node';
import { startMongo } from '@sessionkit/ferretdb-runner';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

/**
 * One server for the run (MONGODB_URI, else FerretDB, else mongodb-memory-server); each test file opens its
 * own database on it. No server is a failure with instructions, never a skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startMongo({ dbName: 'sessionkit_tests' });
  project.provide('mongoUri', server.uri);
  project.provide('mongoKind', server.kind);
  return () => server.stop();
}

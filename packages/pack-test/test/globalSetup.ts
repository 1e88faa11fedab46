import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMongo } from '@sessionkit/ferretdb-runner';
import type { TestProject } from 'vitest/node';
import type { Tarballs } from '../src/publishedPackages.js';
import { packPublished } from '../src/publishedPackages.js';

declare module 'vitest' {
  export interface ProvidedContext {
    tarballs: Tarballs;
    workRoot: string;
    mongoUri: string;
  }
}

/** The tarballs, packed once for every file, and the database server the examples use. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workRoot = mkdtempSync(join(tmpdir(), 'sessionkit-pack-'));
  const [tarballs, server] = await Promise.all([
    packPublished(join(workRoot)),
    startMongo({ dbName: 'sessionkit_examples' }),
  ]);
  project.provide('tarballs', tarballs);
  project.provide('workRoot', workRoot);
  project.provide('mongoUri', server.uri);
  return async () => {
    await server.stop();
    rmSync(workRoot, { recursive: true, force: true });
  };
}

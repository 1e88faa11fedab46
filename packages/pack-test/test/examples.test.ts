import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  EXAMPLES_DIR,
  PEER_SETS,
  dropDatabase,
  exampleNames,
  installApps,
  runExample,
} from '../src/exampleRun.js';

/**
 * Every example in examples/ as a new user would run it: its folder, the three packages from their tarballs,
 * everything else from the registry with npm, on the oldest and the newest supported Express and mongoose,
 * against the test database. The example's own check.mjs says whether it works (examples/README.md).
 */
describe.each(PEER_SETS)('examples/ from the packed tarballs on $label', (peers) => {
  const names = exampleNames();
  let folders: Record<string, string> = {};

  beforeAll(async () => {
    const root = join(inject('workRoot'), `examples-${peers.versions.express}`);
    mkdirSync(root, { recursive: true });
    folders = await installApps(
      names.map((name) => join(EXAMPLES_DIR, name)),
      root,
      inject('tarballs'),
      peers,
    );
  }, 600_000);

  it.each(names)('examples/%s installs with npm and passes its check', async (name) => {
    const mongoUri = withDatabase(inject('mongoUri'), uniqueDatabaseName(`example-${name}`));
    try {
      const outcome = await runExample(folders[name]!, {
        PORT: String(await freePort()),
        MONGODB_URI: mongoUri,
      });
      expect(outcome.code, outcome.output).toBe(0);
      expect(outcome.output).toMatch(/^ok: \d+ checks$/m);
      expect(outcome.appAlive, outcome.output).toBe(true);
    } finally {
      await dropDatabase(mongoUri);
    }
  });
});

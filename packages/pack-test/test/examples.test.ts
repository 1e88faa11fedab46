import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import { describe, expect, inject, it } from 'vitest';
import {
  EXAMPLES_DIR,
  PEER_SETS,
  dropDatabase,
  exampleNames,
  installExample,
  runExample,
} from '../src/exampleRun.js';

/**
 * Every example in examples/ as a new user would run it: its folder alone, the three packages from their
 * tarballs, everything else from the registry with npm, on the oldest and the newest supported Express and
 * mongoose, against the test database. The example's own check.mjs says whether it works (examples/README.md).
 */
describe.each(exampleNames())('examples/%s from the packed tarballs', (name) => {
  it.each(PEER_SETS)('installs with npm and passes its check on $label', async (peers) => {
    const workDir = join(inject('workRoot'), `${name}-${peers.express.replace(/\W/g, '')}`);
    mkdirSync(workDir, { recursive: true });
    await installExample(join(EXAMPLES_DIR, name), workDir, inject('tarballs'), peers);
    const mongoUri = withDatabase(inject('mongoUri'), uniqueDatabaseName(`example-${name}`));
    try {
      const outcome = await runExample(workDir, { PORT: String(await freePort()), MONGODB_URI: mongoUri });
      expect(outcome.code, outcome.output).toBe(0);
      expect(outcome.appAlive, outcome.output).toBe(true);
    } finally {
      await dropDatabase(mongoUri);
    }
  });
});

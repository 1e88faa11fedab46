import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import { describe, expect, inject, it } from 'vitest';
import { PEER_SETS, dropDatabase, installApps, runExample } from '../src/exampleRun.js';
import { REPOSITORY } from '../src/publishedPackages.js';

const run = promisify(execFile);

/** The first JavaScript block under a heading of docs/integration.md. */
function snippetUnder(heading: string): string {
  const guide = readFileSync(join(REPOSITORY, 'docs', 'integration.md'), 'utf8');
  const section = guide.slice(guide.indexOf(`\n${heading}\n`));
  const match = /```js\n([\s\S]*?)\n```/.exec(section);
  if (!match?.[1]) throw new Error(`no js block under ${heading}`);
  return match[1];
}

// Whether the mounted routes answer: the kit's router and the guard on the host's own /api routes.
const CHECK = `import assert from 'node:assert/strict';
for (const path of ['/api/sessions/me/sessions', '/api/orders']) {
  const res = await fetch(process.env.BASE_URL + path);
  assert.deepEqual([res.status, (await res.json()).error], [401, 'unauthenticated'], path);
}
console.log('ok: 2 checks');
`;

describe('the integration guide’s first snippet, pasted into server.mjs', () => {
  const peers = PEER_SETS[PEER_SETS.length - 1]!;
  let workDir = '';

  it(`installs beside the packed packages and mounts the kit (${peers.label})`, async () => {
    const source = join(inject('workRoot'), 'guide-snippet');
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'app.mjs'), snippetUnder('## 1. Server: mount the kit'));
    writeFileSync(join(source, 'check.mjs'), CHECK);
    const dependencies = {
      '@sessionkit/core': '*',
      '@sessionkit/server-plugin': '*',
      express: '*',
      mongoose: '*',
    };
    writeFileSync(
      join(source, 'package.json'),
      JSON.stringify({ type: 'module', private: true, dependencies }),
    );
    const root = join(inject('workRoot'), 'guide-installed');
    mkdirSync(root, { recursive: true });
    workDir = (await installApps([source], root, inject('tarballs'), peers))['guide-snippet']!;

    const mongoUri = withDatabase(inject('mongoUri'), uniqueDatabaseName('guide-snippet'));
    try {
      const outcome = await runExample(workDir, {
        PORT: String(await freePort()),
        MONGODB_URI: mongoUri,
        SESSIONKIT_CSRF_SECRET: 'a-csrf-secret-of-32-or-more-characters-0123',
      });
      expect(outcome.code, outcome.output).toBe(0);
      expect(outcome.appAlive, outcome.output).toBe(true);
    } finally {
      await dropDatabase(mongoUri);
    }
  });

  it('stops at start-up naming csrfSecret when SESSIONKIT_CSRF_SECRET is not set', async () => {
    expect(workDir, 'the install above').not.toBe('');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MONGODB_URI: inject('mongoUri'),
      PORT: String(await freePort()),
    };
    delete env.SESSIONKIT_CSRF_SECRET;
    const failure = await run(process.execPath, ['app.mjs'], { cwd: workDir, env }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain('csrfSecret');
  });
});

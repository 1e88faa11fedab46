import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
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
import type { GuideApp } from '../src/guideSnippets.js';
import {
  allGuideSnippets,
  credentialsApp,
  directoryApp,
  importApp,
  loginApp,
  passportLoginApp,
} from '../src/guideSnippets.js';
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

const peers = PEER_SETS[PEER_SETS.length - 1]!;
const guideApps: GuideApp[] = [directoryApp(), loginApp(), importApp(), passportLoginApp(), credentialsApp()];
let folders: Record<string, string> = {};

// One npm install for every app made from the guide: section 1's server and each section's fragments.
beforeAll(async () => {
  const sources: string[] = [];
  const first = join(inject('workRoot'), 'guide-snippet');
  mkdirSync(first, { recursive: true });
  writeFileSync(join(first, 'app.mjs'), snippetUnder('## 1. Server: mount the kit'));
  writeFileSync(join(first, 'check.mjs'), CHECK);
  const dependencies = {
    '@sessionkit/core': '*',
    '@sessionkit/server-plugin': '*',
    express: '*',
    mongoose: '*',
  };
  writeFileSync(join(first, 'package.json'), JSON.stringify({ type: 'module', private: true, dependencies }));
  sources.push(first);
  for (const app of guideApps) {
    const folder = join(inject('workRoot'), app.name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'app.mjs'), app.app);
    writeFileSync(join(folder, 'check.mjs'), app.check);
    writeFileSync(
      join(folder, 'package.json'),
      JSON.stringify({ type: 'module', private: true, dependencies: app.dependencies }),
    );
    sources.push(folder);
  }
  const root = join(inject('workRoot'), 'guide-installed');
  mkdirSync(root, { recursive: true });
  folders = await installApps(sources, root, inject('tarballs'), peers);
}, 600_000);

describe('the integration guide’s first snippet, pasted into server.mjs', () => {
  let workDir = '';

  it(`installs beside the packed packages and mounts the kit (${peers.label})`, async () => {
    workDir = folders['guide-snippet']!;

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

describe.each(guideApps)('the guide’s $name fragments, pasted into a host', (app) => {
  it(`run as pasted and do what the guide says (${peers.label})`, async () => {
    const mongoUri = withDatabase(inject('mongoUri'), uniqueDatabaseName(app.name));
    try {
      const outcome = await runExample(folders[app.name]!, {
        PORT: String(await freePort()),
        ...(app.database ? { MONGODB_URI: mongoUri } : {}),
      });
      expect(outcome.code, outcome.output).toBe(0);
      expect(outcome.output).toMatch(/^ok: \d+ checks$/m);
      expect(outcome.appAlive, outcome.output).toBe(true);
    } finally {
      if (app.database) await dropDatabase(mongoUri);
    }
  });
});

describe('docs/integration.md', () => {
  it('has no JavaScript block that no test runs', () => {
    const covered = new Set([
      snippetUnder('## 1. Server: mount the kit'),
      ...guideApps.flatMap((app) => app.snippets),
      // The examples' apps, which server-plugin's examples test finds in the guide verbatim.
      ...exampleNames().map((name) => readFileSync(join(EXAMPLES_DIR, name, 'app.mjs'), 'utf8').trimEnd()),
    ]);
    const unrun = allGuideSnippets().filter((snippet) => !covered.has(snippet));
    expect(unrun.map((snippet) => snippet.split('\n')[0])).toEqual([]);
  });
});

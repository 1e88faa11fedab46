import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import mongoose from 'mongoose';
import type { PublishedName, Tarballs } from './publishedPackages.js';
import { PUBLISHED, REPOSITORY } from './publishedPackages.js';

const run = promisify(execFile);

export const EXAMPLES_DIR = join(REPOSITORY, 'examples');

/**
 * The versions an example is installed with, set on every dependency of that name the folder lists: the
 * oldest majors the peer ranges promise and the newest, each at the exact version the repository's own
 * suites run (packages/server-plugin's matrix), with the MongoDB driver that mongoose version carries (a
 * host that hands mongoose's client to connect-mongo must not load a second driver). All support Node 20.
 */
export interface PeerSet {
  label: string;
  versions: Record<string, string>;
}

export const PEER_SETS: PeerSet[] = [
  {
    label: 'Express 4, mongoose 8',
    versions: { express: '4.21.2', mongoose: '8.24.10', mongodb: '6.20.0' },
  },
  {
    label: 'Express 5, mongoose 9',
    versions: { express: '5.3.0', mongoose: '9.12.1', mongodb: '7.8.0' },
  },
];

/** Every folder of examples/, or those `EXAMPLES` names. */
export function exampleNames(only = process.env.EXAMPLES): string[] {
  const all = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
  if (!only) return all;
  const wanted = only.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`EXAMPLES names no example folder: ${unknown.join(', ')}`);
  return wanted;
}

type Manifest = { dependencies?: Record<string, string>; overrides?: Record<string, string> };

/**
 * The folder's dependencies as a registry user has them: `@sessionkit/*` at the packed tarballs (whether the
 * folder says `*` or `workspace:*`), the peer set's versions where the folder lists those packages, the rest
 * as written.
 */
function userDependencies(name: string, manifest: Manifest, tarballs: Tarballs, peers: PeerSet) {
  const dependencies = { ...manifest.dependencies };
  for (const dependency of Object.keys(dependencies)) {
    if (dependency in PUBLISHED) dependencies[dependency] = `file:${tarballs[dependency as PublishedName]}`;
    else if (dependency.startsWith('@sessionkit/'))
      throw new Error(`${name} depends on ${dependency}, which is not published`);
    else if (dependency in peers.versions) dependencies[dependency] = peers.versions[dependency]!;
    else if (dependencies[dependency]!.startsWith('workspace:'))
      throw new Error(`${name} lists ${dependency} as ${dependencies[dependency]}, which npm can't install`);
  }
  return dependencies;
}

/** The packages a module imports by name (`express`, `@scope/pkg`), without Node's own. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\s./][^'"\s]*)['"]/g)) {
    const specifier = match[1]!;
    if (specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return [...names];
}

/**
 * Installs apps as a user would (each folder's own files, npm, the tarballs, the registry), with one `npm
 * install` for all of them: each folder is copied into `root/<name>`, and `root/package.json` lists what
 * they list together, so Node finds the packages in `root/node_modules`. One install a peer set keeps the
 * run short; what makes it the same as installing each folder alone is checked here: the folders agree on
 * every version, and every package a folder's modules import is one its own package.json lists.
 */
export async function installApps(
  sources: string[],
  root: string,
  tarballs: Tarballs,
  peers: PeerSet,
): Promise<Record<string, string>> {
  const all: Record<string, string> = {};
  const from: Record<string, string> = {};
  const folders: Record<string, string> = {};
  for (const source of sources) {
    const name = basename(source);
    // A folder of examples/ follows examples/README.md; the tests' own folders need only their package.json.
    const required = source.startsWith(EXAMPLES_DIR)
      ? ['package.json', 'app.mjs', 'check.mjs']
      : ['package.json'];
    for (const file of required) {
      if (!existsSync(join(source, file))) throw new Error(`${name} has no ${file} (see examples/README.md)`);
    }
    const folder = join(root, name);
    cpSync(source, folder, { recursive: true, filter: (path) => !path.includes('node_modules') });
    const manifestPath = join(folder, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    const dependencies = userDependencies(name, manifest, tarballs, peers);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, dependencies }, null, 2));
    for (const file of readdirSync(folder).filter((file) => /\.[cm]?js$/.test(file))) {
      const missing = importedPackages(readFileSync(join(folder, file), 'utf8')).filter(
        (imported) => !(imported in dependencies),
      );
      if (missing.length > 0)
        throw new Error(`${name}/${file} imports ${missing.join(', ')}, which its package.json doesn't list`);
    }
    for (const [dependency, spec] of Object.entries(dependencies)) {
      if (dependency in all && all[dependency] !== spec)
        throw new Error(
          `${name} wants ${dependency}@${spec} and ${from[dependency]} ${all[dependency]}: make them agree`,
        );
      all[dependency] = spec;
      from[dependency] = name;
    }
    folders[name] = folder;
  }
  // The server plugin's own dependency on core names a version the registry doesn't have yet: the tarball.
  const overrides = { '@sessionkit/core': `file:${tarballs['@sessionkit/core']}` };
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ private: true, type: 'module', dependencies: all, overrides }, null, 2),
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return folders;
}

export interface ExampleOutcome {
  /** The self-check's exit code: 0 when every check passed. */
  code: number;
  /** What check.mjs and app.mjs printed, for the failure message. */
  output: string;
  /** Whether the app was still running after the check (an unhandled rejection ends it). */
  appAlive: boolean;
}

/** Starts app.mjs on a free port, runs check.mjs against it, stops the app (examples/README.md). */
export async function runExample(workDir: string, env: Record<string, string>): Promise<ExampleOutcome> {
  const port = Number(env.PORT);
  const app = spawn(process.execPath, ['app.mjs'], {
    cwd: workDir,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let appOutput = '';
  app.stdout?.on('data', (chunk) => (appOutput += String(chunk)));
  app.stderr?.on('data', (chunk) => (appOutput += String(chunk)));
  try {
    await listening(app, port);
    const check = await run(process.execPath, ['check.mjs'], {
      cwd: workDir,
      env: { ...process.env, ...env, BASE_URL: `http://127.0.0.1:${port}` },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, text: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: typeof error.code === 'number' ? error.code : 1,
        text: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    const appAlive = app.exitCode === null && app.signalCode === null;
    return { code: check.code, output: `check.mjs:\n${check.text}\napp.mjs:\n${appOutput}`, appAlive };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\napp.mjs:\n${appOutput}`);
  } finally {
    await stop(app);
  }
}

/** Resolves once the app accepts connections on its port; rejects if it exits first. */
async function listening(app: ChildProcess, port: number): Promise<void> {
  const exited = new Promise<never>((_resolve, reject) =>
    app.once('exit', (code) => reject(new Error(`app.mjs exited with ${code} before listening`))),
  );
  // Once it listens, a later exit is for the check to notice, not a rejection nobody awaits.
  exited.catch(() => undefined);
  // Installing from a cold cache and connecting to the database take a while: up to a minute, asked every 100 ms.
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await Promise.race([accepts(port), exited])) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  throw new Error(`app.mjs did not listen on port ${port}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stop(app: ChildProcess): Promise<void> {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise((resolve) => app.once('exit', resolve));
  app.kill();
  await exited;
}

/** Drops a database an example wrote to, so a shared `MONGODB_URI` server keeps nothing from the run. */
export async function dropDatabase(uri: string): Promise<void> {
  const connection = await mongoose.createConnection(uri).asPromise();
  try {
    await connection.dropDatabase();
  } finally {
    await connection.close();
  }
}

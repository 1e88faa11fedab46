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

/** The peer versions an example is installed with: the oldest majors the ranges promise, and the newest. */
export interface PeerSet {
  label: string;
  express: string;
  mongoose: string;
  /** Other dependencies set to a range, where the folder lists them (React, for the components). */
  others?: Record<string, string>;
}

export const PEER_SETS: PeerSet[] = [
  { label: 'Express 4, mongoose 8', express: '^4.21.0', mongoose: '^8.0.0' },
  { label: 'Express 5, mongoose 9', express: '^5.0.0', mongoose: '^9.0.0' },
];

/**
 * The mode examples that start their own server from check.mjs: server-plugin's test/examples.test.ts runs
 * them in the repository until they follow this package's convention (examples/README.md).
 */
const RUN_IN_REPOSITORY = ['express-session', 'jwt'];

/** Every folder of examples/ but those run in the repository, or those `EXAMPLES` names. */
export function exampleNames(only = process.env.EXAMPLES): string[] {
  const all = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .filter((name) => !RUN_IN_REPOSITORY.includes(name))
    .sort();
  if (!only) return all;
  const wanted = only.split(',').map((name) => name.trim());
  const unknown = wanted.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`EXAMPLES names no example folder: ${unknown.join(', ')}`);
  return wanted;
}

/**
 * An example folder (`source`) copied into `workDir` as a user would have it, its `@sessionkit/*` dependencies
 * pointing at the packed tarballs and Express and mongoose at the peer set, then installed with npm.
 */
export async function installExample(
  source: string,
  workDir: string,
  tarballs: Tarballs,
  peers: PeerSet,
): Promise<void> {
  const name = basename(source);
  // A folder of examples/ follows examples/README.md; the tests' own folders need only their package.json.
  const required = source.startsWith(EXAMPLES_DIR)
    ? ['package.json', 'app.mjs', 'check.mjs']
    : ['package.json'];
  for (const file of required) {
    if (!existsSync(join(source, file))) throw new Error(`${name} has no ${file} (see examples/README.md)`);
  }
  cpSync(source, workDir, { recursive: true, filter: (path) => !path.includes('node_modules') });
  const manifestPath = join(workDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    dependencies?: Record<string, string>;
    overrides?: Record<string, string>;
  };
  const dependencies = { ...manifest.dependencies };
  for (const dependency of Object.keys(dependencies)) {
    if (dependency in PUBLISHED) dependencies[dependency] = `file:${tarballs[dependency as PublishedName]}`;
    else if (dependency.startsWith('@sessionkit/'))
      throw new Error(`examples/${name} depends on ${dependency}, which is not published`);
  }
  if ('express' in dependencies) dependencies.express = peers.express;
  if ('mongoose' in dependencies) dependencies.mongoose = peers.mongoose;
  for (const [dependency, range] of Object.entries(peers.others ?? {})) {
    if (dependency in dependencies) dependencies[dependency] = range;
  }
  // The server plugin's own dependency on core names a version the registry doesn't have yet: the tarball.
  const overrides = { ...manifest.overrides, '@sessionkit/core': `file:${tarballs['@sessionkit/core']}` };
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, dependencies, overrides }, null, 2));
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], {
    cwd: workDir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface ExampleOutcome {
  /** The self-check's exit code: 0 when every check passed. */
  code: number;
  /** What check.mjs and app.mjs printed, for the failure message. */
  output: string;
  /** Whether the app was still running after the check (an unhandled rejection ends it). */
  appAlive: boolean;
}

/** Starts app.mjs on a free port, runs check.mjs against it, stops the app. */
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

import type { ChildProcess } from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import mongoose from 'mongoose';
import { describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
const examples = new URL('../../../examples/', import.meta.url);
const guide = readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');
const names = readdirSync(examples, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Resolves once something accepts connections on the port; rejects if the app exits first. */
async function listening(app: ChildProcess, port: number): Promise<void> {
  const exited = new Promise<never>((_resolve, reject) =>
    app.once('exit', (code) => reject(new Error(`app.mjs exited with ${code} before listening`))),
  );
  exited.catch(() => undefined);
  const accepts = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => resolve(socket.destroy() !== undefined));
      socket.once('error', () => resolve(false));
    });
  for (let attempt = 0; attempt < 600; attempt++) {
    if (await Promise.race([accepts(), exited])) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 100)), exited]);
  }
  throw new Error(`app.mjs did not listen on port ${port}`);
}

/**
 * An example run as examples/README.md says (packages/pack-test runs it the same way from the tarballs):
 * app.mjs on a free port with a database of its own, then check.mjs against it.
 */
async function runExample(name: string) {
  const cwd = fileURLToPath(new URL(`${name}/`, examples));
  const uri = withDatabase(inject('mongoUri'), uniqueDatabaseName(`example_${name.replace('-', '_')}`));
  const port = await freePort();
  const env = { ...process.env, NODE_ENV: 'development', PORT: String(port), MONGODB_URI: uri };
  const app = spawn(process.execPath, ['app.mjs'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  app.stdout.on('data', (chunk) => (output += String(chunk)));
  app.stderr.on('data', (chunk) => (output += String(chunk)));
  try {
    await listening(app, port);
    const check = await run(process.execPath, ['check.mjs'], {
      cwd,
      env: { ...env, BASE_URL: `http://127.0.0.1:${port}` },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, text: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? 1,
        text: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
    const appAlive = app.exitCode === null && app.signalCode === null;
    return { ...check, appAlive, output: `check.mjs:\n${check.text}\napp.mjs:\n${output}` };
  } finally {
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill();
      await exited;
    }
    const connection = await mongoose.createConnection(uri).asPromise();
    await connection.dropDatabase();
    await connection.close();
  }
}

describe.each(names)('examples/%s', (name) => {
  it('is the app the integration guide shows, verbatim', () => {
    const code = readFileSync(new URL(`${name}/app.mjs`, examples), 'utf8');
    expect(guide).toContain('```js\n' + code.trimEnd() + '\n```');
  });

  it('passes its check against the test database, on the workspace’s Express 5 and mongoose 9', async () => {
    // The examples import the packages by name, as a host would: that is the built package.
    expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'run `pnpm build` first').toBe(true);
    const outcome = await runExample(name);
    expect(outcome.code, outcome.output).toBe(0);
    expect(outcome.text).toMatch(/^ok: \d+ checks$/m);
    expect(outcome.appAlive, outcome.output).toBe(true);
  });
});

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { uniqueDatabaseName, withDatabase } from '@sessionkit/ferretdb-runner';
import mongoose from 'mongoose';
import { describe, expect, inject, it } from 'vitest';

const examples = new URL('../../../examples/', import.meta.url);
const guide = readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');

/** Runs an example's check.mjs against a database of its own: its exit code and what it printed. */
async function runCheck(mode: string): Promise<{ code: number | null; output: string }> {
  const uri = withDatabase(inject('mongoUri'), uniqueDatabaseName(`example_${mode.replace('-', '_')}`));
  const child = spawn(process.execPath, [fileURLToPath(new URL(`${mode}/check.mjs`, examples))], {
    env: { ...process.env, MONGODB_URI: uri, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  child.stderr.on('data', (chunk) => (output += String(chunk)));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const connection = await mongoose.createConnection(uri).asPromise();
  await connection.dropDatabase();
  await connection.close();
  return { code, output };
}

describe('the native mode section', () => {
  it('shows the README quickstart (examples/native, which pack-test runs from the tarballs), verbatim', () => {
    const code = readFileSync(new URL('native/app.mjs', examples), 'utf8');
    expect(guide).toContain('## 8. Native mode');
    expect(guide).toContain('```js\n' + code.trimEnd() + '\n```');
  });
});

describe.each(['express-session', 'jwt'])('the %s example', (mode) => {
  it('is the code the integration guide shows, verbatim', () => {
    const code = readFileSync(new URL(`${mode}/server.mjs`, examples), 'utf8');
    expect(guide).toContain('```js\n' + code.trimEnd() + '\n```');
  });

  it('runs against the test database: sign in, list, sign out from the list, refused with the reason, log out', async () => {
    // The examples import the packages by name, as a host would: that is the built package.
    expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'run `pnpm build` first').toBe(true);
    const { code, output } = await runCheck(mode);
    expect(code, output).toBe(0);
    expect(output).toContain(`${mode} example: ok`);
  });
});

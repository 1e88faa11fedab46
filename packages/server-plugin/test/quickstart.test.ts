import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@sessionkit/ferretdb-runner';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from './support.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const example = fileURLToPath(new URL('../examples/quickstart.mjs', import.meta.url));
const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));

let stop: (() => void) | null = null;
afterAll(() => stop?.());

describe('the README quickstart', () => {
  it('appears in the README verbatim and under 30 lines', () => {
    const code = readFileSync(example, 'utf8');
    expect(code.trimEnd().split('\n').length).toBeLessThan(30);
    expect(readFileSync(readme, 'utf8')).toContain('```js\n' + code.trimEnd() + '\n```');
  });

  it('runs: a login sets the cookies, the host route and the kit’s routes answer, logout ends it', async () => {
    // The example imports the package by name, as a host would: that is the built package.
    expect(existsSync(new URL('../dist/index.js', import.meta.url)), 'run `pnpm build` first').toBe(true);
    const port = await freePort();
    const child = spawn(process.execPath, [example], {
      cwd: packageDir,
      env: { ...process.env, PORT: String(port), NODE_ENV: 'development' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    stop = () => child.kill();
    const client = new Client(`http://127.0.0.1:${port}`);

    let login = null;
    for (let attempt = 0; attempt < 100 && !login; attempt++) {
      login = await client
        .request('POST', '/auth/login', { body: { username: 'ada', password: 'demo' } })
        .catch(() => new Promise<null>((resolve) => setTimeout(() => resolve(null), 100)));
    }
    expect(login?.status, stderr).toBe(200);
    expect(client.cookies.has('sk_session')).toBe(true);
    expect(client.cookies.has('sk_csrf')).toBe(true);

    expect((await client.get('/api/whoami')).body).toEqual({ name: 'Ada Lovelace' });
    const sessions = await client.get('/api/sessions/me/sessions');
    expect(sessions.body).toHaveLength(1);
    expect(sessions.body[0]).toMatchObject({ id: login?.body.sessionId, current: true, userId: 'ada' });
    expect((await client.get('/api/sessions/admin/summary')).body).toEqual({
      activeUsers: 1,
      activeSessions: 1,
      superUsers: 0,
    });
    expect((await client.post('/auth/logout')).body).toEqual({ ended: true });
    expect((await client.get('/api/whoami')).status).toBe(401);
  });
});

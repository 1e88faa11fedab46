// Starts server.mjs (needs MONGODB_URI), drives it over HTTP as two devices, exits 0 when every step holds.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const server = spawn(process.execPath, [fileURLToPath(new URL('server.mjs', import.meta.url))], {
  env: { ...process.env, PORT: String(port) },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function call(method, path, token, body) {
  const headers = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers,
    body: body && JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

function expect(step, actual, wanted) {
  if (JSON.stringify(actual) !== JSON.stringify(wanted))
    throw new Error(`${step}: got ${JSON.stringify(actual)}, wanted ${JSON.stringify(wanted)}`);
}

try {
  const credentials = { username: 'ada', password: 'demo' };
  let login = null;
  for (let attempt = 0; attempt < 150 && !login; attempt++) {
    login = await call('POST', '/auth/login', null, credentials).catch(
      () => new Promise((resolve) => setTimeout(() => resolve(null), 100)),
    );
  }
  expect('laptop login', login?.status, 200);
  const laptop = login.body.token;
  expect('laptop whoami', (await call('GET', '/api/whoami', laptop)).body, { name: 'Ada Lovelace' });
  const phone = (await call('POST', '/auth/login', null, credentials)).body.token;
  const [phoneSession] = (await call('GET', '/api/sessions/me/sessions', phone)).body;
  expect('both listed', (await call('GET', '/api/sessions/me/sessions', laptop)).body.length, 2);
  const signOut = await call('DELETE', `/api/sessions/me/sessions/${phoneSession.id}`, laptop);
  expect('signed out from the list', signOut.status, 200);
  const refused = await call('GET', '/api/whoami', phone);
  expect('phone token refused', [refused.status, refused.body.reason], [401, 'revoked']);
  expect('laptop logout', (await call('POST', '/api/logout', laptop)).body, { ended: true });
  expect('laptop token refused', (await call('GET', '/api/whoami', laptop)).body.reason, 'logout');
  console.log('jwt example: ok');
} catch (error) {
  console.error(`jwt example: ${error.message}`);
  process.exitCode = 1;
} finally {
  server.kill();
}

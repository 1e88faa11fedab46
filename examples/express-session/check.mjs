// Starts server.mjs (needs MONGODB_URI), drives it over HTTP as two browsers, exits 0 when every step holds.
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

/** A browser: keeps the cookies it is given, sends them back. */
function browser() {
  const cookies = new Map();
  return async (method, path, body) => {
    const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' };
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['content-type'] = 'application/json';
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers,
      body: body && JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

function expect(step, actual, wanted) {
  if (JSON.stringify(actual) !== JSON.stringify(wanted))
    throw new Error(`${step}: got ${JSON.stringify(actual)}, wanted ${JSON.stringify(wanted)}`);
}

try {
  const laptop = browser();
  const phone = browser();
  let login = null;
  for (let attempt = 0; attempt < 150 && !login; attempt++) {
    login = await laptop('POST', '/login', { username: 'ada', password: 'demo' }).catch(
      () => new Promise((resolve) => setTimeout(() => resolve(null), 100)),
    );
  }
  expect('laptop login', login?.status, 200);
  expect('laptop whoami', (await laptop('GET', '/api/whoami')).body, { name: 'Ada Lovelace' });
  expect('phone login', (await phone('POST', '/login', { username: 'ada', password: 'demo' })).status, 200);
  const [phoneSession] = (await phone('GET', '/api/sessions/me/sessions')).body;
  const listed = (await laptop('GET', '/api/sessions/me/sessions')).body;
  expect('both listed', listed.length, 2);
  expect(
    'signed out from the list',
    (await laptop('DELETE', `/api/sessions/me/sessions/${phoneSession.id}`)).status,
    200,
  );
  const refused = await phone('GET', '/api/whoami');
  expect('phone refused', [refused.status, refused.body.reason], [401, 'revoked']);
  expect('phone signed out for good', (await phone('GET', '/api/whoami')).status, 401);
  expect('laptop logout', (await laptop('POST', '/logout')).status, 200);
  expect('laptop signed out', (await laptop('GET', '/api/whoami')).status, 401);
  console.log('express-session example: ok');
} catch (error) {
  console.error(`express-session example: ${error.message}`);
  process.exitCode = 1;
} finally {
  server.kill();
}

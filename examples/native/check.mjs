// Talks to the running quick start (app.mjs) at BASE_URL as a browser would, and exits non-zero at the first
// answer that is not what the README promises. examples/README.md says how the pack test runs it.
import assert from 'node:assert/strict';
import process from 'node:process';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const cookies = new Map();

async function call(method, path, body) {
  const headers = { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  if (cookies.has('sk_csrf') && method !== 'GET') headers['x-csrf-token'] = cookies.get('sk_csrf');
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
    else cookies.set(name, value);
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const steps = [
  [
    'a wrong password is refused',
    async () => {
      assert.equal((await call('POST', '/auth/login', { username: 'ada', password: 'nope' })).status, 401);
    },
  ],
  [
    'a login sets the session and CSRF cookies',
    async () => {
      const login = await call('POST', '/auth/login', { username: 'ada', password: 'demo' });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      assert.ok(cookies.has('sk_session') && cookies.has('sk_csrf'), [...cookies.keys()].join());
    },
  ],
  [
    'the host route sees the user',
    async () => {
      assert.deepEqual((await call('GET', '/api/whoami')).body, { name: 'Ada Lovelace' });
    },
  ],
  [
    'the kit lists the session as the current one',
    async () => {
      const list = await call('GET', '/api/sessions/me/sessions');
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 1);
      assert.equal(list.body[0].current, true);
      assert.equal(list.body[0].userId, 'ada');
    },
  ],
  [
    'an unknown session id is a 404, not a crash',
    async () => {
      const reply = await call('GET', '/api/sessions/me/sessions/ses_nobody000000000000000000');
      assert.deepEqual([reply.status, reply.body.error], [404, 'not_found']);
    },
  ],
  [
    'bad input is a 400 naming the field',
    async () => {
      const reply = await call('GET', '/api/sessions/me/sessions?_start=soon');
      assert.deepEqual([reply.status, reply.body.field], [400, '_start']);
    },
  ],
  [
    'the admin summary counts the one session',
    async () => {
      const summary = await call('GET', '/api/sessions/admin/summary');
      assert.deepEqual(summary.body, { activeUsers: 1, activeSessions: 1, superUsers: 0 });
    },
  ],
  [
    'logout ends the session',
    async () => {
      assert.deepEqual((await call('POST', '/auth/logout')).body, { ended: true });
      assert.equal((await call('GET', '/api/whoami')).status, 401);
    },
  ],
];

for (const [name, step] of steps) {
  try {
    await step();
  } catch (error) {
    console.error(`not ok: ${name}\n${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
console.log(`ok: ${steps.length} checks`);

// Talks to the running app (app.mjs) at BASE_URL as two devices of one person holding the app's own JWTs,
// and exits non-zero at the first answer that is not what docs/integration.md promises. examples/README.md
// says how the tests run it.
import assert from 'node:assert/strict';
import process from 'node:process';
import jwt from 'jsonwebtoken';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const LAPTOP = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const PHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

async function call(method, path, { token, userAgent = LAPTOP, body } = {}) {
  const headers = { 'user-agent': userAgent };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const credentials = { username: 'ada', password: 'demo' };
let laptop = '';
let phone = '';
let phoneSessionId = '';

const steps = [
  [
    'a wrong password is refused',
    async () => {
      const reply = await call('POST', '/auth/login', { body: { username: 'ada', password: 'nope' } });
      assert.equal(reply.status, 401);
    },
  ],
  [
    'a login answers the app’s own JWT, carrying the kit’s sid',
    async () => {
      const login = await call('POST', '/auth/login', { body: credentials });
      assert.equal(login.status, 200, JSON.stringify(login.body));
      laptop = login.body.token;
      assert.deepEqual(Object.keys(jwt.decode(laptop)).sort(), ['exp', 'iat', 'sid', 'sub']);
      assert.deepEqual((await call('GET', '/api/whoami', { token: laptop })).body, { name: 'Ada Lovelace' });
    },
  ],
  [
    'a token signed with another key is refused',
    async () => {
      const forged = jwt.sign(jwt.decode(laptop), 'not-the-app-signing-key');
      assert.equal((await call('GET', '/api/whoami', { token: forged })).status, 401);
    },
  ],
  [
    'the kit lists both devices',
    async () => {
      phone = (await call('POST', '/auth/login', { userAgent: PHONE, body: credentials })).body.token;
      const mine = await call('GET', '/api/sessions/me/sessions', { token: phone, userAgent: PHONE });
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      phoneSessionId = mine.body.find((session) => session.current).id;
      const listed = (await call('GET', '/api/sessions/me/sessions', { token: laptop })).body;
      assert.deepEqual(listed.map((session) => session.device.label).sort(), [
        'Firefox on Linux',
        'Safari on iPhone',
      ]);
    },
  ],
  [
    'signing the phone out from the laptop’s list refuses its unexpired token at once',
    async () => {
      const signOut = await call('DELETE', `/api/sessions/me/sessions/${phoneSessionId}`, { token: laptop });
      assert.equal(signOut.status, 200);
      const refused = await call('GET', '/api/whoami', { token: phone, userAgent: PHONE });
      assert.deepEqual([refused.status, refused.body.reason], [401, 'revoked']);
    },
  ],
  [
    'logout ends the laptop token’s session',
    async () => {
      assert.deepEqual((await call('POST', '/api/logout', { token: laptop })).body, { ended: true });
      const refused = await call('GET', '/api/whoami', { token: laptop });
      assert.deepEqual([refused.status, refused.body.reason], [401, 'logout']);
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

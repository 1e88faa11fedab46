// Talks to the running app (app.mjs) at BASE_URL as two browsers of one person, and exits non-zero at the
// first answer that is not what docs/integration.md promises. examples/README.md says how the tests run it.
import assert from 'node:assert/strict';
import process from 'node:process';
import { MongoClient } from 'mongodb';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

/** A browser: keeps the cookies it is given and sends them back. */
function browser(userAgent) {
  const cookies = new Map();
  return async (method, path, body) => {
    const headers = { 'user-agent': userAgent };
    if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text,
    };
  };
}

const laptop = browser('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0');
const phone = browser(
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
);
let phoneSessionId = '';

/** The host's own session documents: connect-mongo keeps them in `sessions`, beside the kit's collections. */
async function hostSessionCount() {
  const client = await MongoClient.connect(process.env.MONGODB_URI);
  try {
    return await client.db().collection('sessions').countDocuments();
  } finally {
    await client.close();
  }
}

const steps = [
  [
    'a wrong password is refused by Passport',
    async () => {
      assert.equal((await laptop('POST', '/login', { username: 'ada', password: 'nope' })).status, 401);
    },
  ],
  [
    'the laptop signs in through Passport and the host route sees the user',
    async () => {
      assert.equal((await laptop('POST', '/login', { username: 'ada', password: 'demo' })).status, 200);
      assert.deepEqual((await laptop('GET', '/api/whoami')).body, { name: 'Ada Lovelace' });
    },
  ],
  [
    'the kit lists both browsers, each on its own device',
    async () => {
      assert.equal((await phone('POST', '/login', { username: 'ada', password: 'demo' })).status, 200);
      const mine = await phone('GET', '/api/sessions/me/sessions');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      phoneSessionId = mine.body.find((session) => session.current).id;
      const listed = (await laptop('GET', '/api/sessions/me/sessions')).body;
      assert.equal(listed.length, 2);
      assert.deepEqual(
        listed.map((session) => session.userId),
        ['ada', 'ada'],
      );
      assert.deepEqual(listed.map((session) => session.device.label).sort(), [
        'Firefox on Linux',
        'Safari on iPhone',
      ]);
    },
  ],
  [
    'an unknown session id is a 404, not a crash',
    async () => {
      const reply = await laptop('DELETE', '/api/sessions/me/sessions/ses_nobody000000000000000000');
      assert.deepEqual([reply.status, reply.body.error], [404, 'not_found']);
    },
  ],
  [
    'signing the phone out from the laptop’s list ends its Passport login on its next request',
    async () => {
      assert.equal((await laptop('DELETE', `/api/sessions/me/sessions/${phoneSessionId}`)).status, 200);
      const refused = await phone('GET', '/api/whoami');
      assert.deepEqual([refused.status, refused.body.reason], [401, 'revoked']);
      assert.equal((await phone('GET', '/api/whoami')).status, 401);
    },
  ],
  [
    'the phone’s session document is gone from the host’s connect-mongo store',
    async () => {
      assert.equal(await hostSessionCount(), 1);
    },
  ],
  [
    'logout ends the laptop’s session in the kit and in Passport',
    async () => {
      assert.deepEqual((await laptop('POST', '/logout')).body, { ok: true });
      assert.equal((await laptop('GET', '/api/whoami')).status, 401);
      assert.equal((await phone('GET', '/api/sessions/me/sessions')).status, 401);
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

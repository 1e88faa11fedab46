import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY } from './publishedPackages.js';

/** Every ```js block of a section of docs/integration.md (from its heading to the next `## `), in order. */
export function snippetsUnder(heading: string): string[] {
  const guide = readFileSync(join(REPOSITORY, 'docs', 'integration.md'), 'utf8');
  const start = guide.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/integration.md has no heading ${heading}`);
  const end = guide.indexOf('\n## ', start + heading.length + 1);
  const section = guide.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```js\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
}

/** Every ```js block of the whole guide, to tell which of them no test runs. */
export function allGuideSnippets(): string[] {
  const guide = readFileSync(join(REPOSITORY, 'docs', 'integration.md'), 'utf8');
  return [...guide.matchAll(/```js\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
}

// The host's own parts that the guide's fragments take as given: its people and password check, the options of
// section 1, the Express app. Memory store: the fragments are about the calls, not the database.
const HOST = `import process from 'node:process';
import express from 'express';
import { MemorySessionStore, SessionSuspendedError, StaticUserDirectory } from '@sessionkit/core';
import { createLoginThrottle, createSessionKit, limitReachedBody } from '@sessionkit/server-plugin';

const people = [
  { id: 'ada', tenantId: 'acme', name: 'Ada Lovelace', role: 'admin', password: 'demo' },
  { id: 'bob', tenantId: 'acme', name: 'Bob Byte', role: 'member', password: 'demo' },
];
const checkPassword = async (username, password) =>
  people.find((p) => p.id === username && p.password === password) ?? null;
const options = {
  store: new MemorySessionStore(),
  directory: new StaticUserDirectory(people),
  csrfSecret: 'a-csrf-secret-of-32-or-more-characters-0123',
  cookie: { secure: false },
  defaultTenantId: 'acme',
  policyDefaults: { concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } },
};
const app = express();
`;

const SERVE = `
app.get('/api/whoami', kit.authenticate, (req, res) =>
  res.json({ name: req.sessionKit.user?.name, credential: req.sessionKit.credential }),
);
app.use('/api/sessions', kit.router);
app.listen(Number(process.env.PORT));
`;

/** Wraps a fragment between the host's parts above it and the routes and listen below it. */
const pasted = (snippet: string) => `\n// ---- docs/integration.md, verbatim ----\n${snippet}\n// ----\n`;

/** The checks' client: keeps cookies, sends the CSRF header and a bearer token when given. */
const CLIENT = `import assert from 'node:assert/strict';
import process from 'node:process';

function client() {
  const cookies = new Map();
  return async (method, path, { body, bearer } = {}) => {
    const headers = {};
    if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => k + '=' + v).join('; ');
    if (cookies.has('sk_csrf') && method !== 'GET') headers['x-csrf-token'] = cookies.get('sk_csrf');
    if (bearer) headers.authorization = 'Bearer ' + bearer;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(process.env.BASE_URL + path, { method, headers, body: body && JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    const text = await res.text();
    let parsed = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: res.status, body: parsed };
  };
}

let passed = 0;
async function step(name, run) {
  try {
    await run();
    passed++;
  } catch (error) {
    console.error('not ok: ' + name + '\\n' + (error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
`;

const DONE = `console.log('ok: ' + passed + ' checks');\n`;

export interface GuideApp {
  /** The folder's name, and what the test calls it. */
  name: string;
  /** The guide's blocks it runs, for the test that every block is run somewhere. */
  snippets: string[];
  app: string;
  check: string;
  dependencies: Record<string, string>;
  /** Runs with a database of its own at MONGODB_URI. */
  database?: boolean;
}

const SESSIONKIT = { '@sessionkit/core': '*', '@sessionkit/server-plugin': '*', express: '*' };

/** Section 3: the login with both throttles, `deny_new` answered with the sessions to choose from, logout. */
export function loginApp(): GuideApp {
  const [login] = snippetsUnder('## 3. Your login, logout and account flows call the kit');
  return {
    name: 'guide-login',
    snippets: [login!],
    dependencies: SESSIONKIT,
    app: `${HOST}const kit = createSessionKit(options);\n${pasted(login!)}${SERVE}`,
    check: `${CLIENT}
const laptop = client();
const phone = client();
const ada = { username: 'ada', password: 'demo' };
let laptopSession = '';
await step('a wrong password is 401', async () => {
  const reply = await laptop('POST', '/auth/login', { body: { username: 'ada', password: 'nope' } });
  assert.deepEqual([reply.status, reply.body.error], [401, 'invalid_credentials']);
});
await step('a login answers the session and the host route sees the person', async () => {
  const reply = await laptop('POST', '/auth/login', { body: ada });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  laptopSession = reply.body.sessionId;
  assert.equal((await laptop('GET', '/api/whoami')).body.name, 'Ada Lovelace');
});
await step('under deny_new a second login is 409 with the sessions to choose from', async () => {
  const reply = await phone('POST', '/auth/login', { body: ada });
  assert.equal(reply.status, 409);
  assert.deepEqual(reply.body.sessions.map((s) => s.id), [laptopSession]);
});
await step('choosing one to end signs in here and ends it there', async () => {
  const reply = await phone('POST', '/auth/login', { body: { ...ada, replaceSessionId: laptopSession } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal((await laptop('GET', '/api/whoami')).body.error, 'session_ended');
});
await step('logout ends the session', async () => {
  assert.deepEqual((await phone('POST', '/auth/logout')).body, { ended: true });
  assert.equal((await phone('GET', '/api/whoami')).status, 401);
});
await step('a suspended person is refused at sign-in with the reason', async () => {
  assert.equal((await phone('POST', '/auth/login', { body: ada })).status, 200);
  const until = new Date(Date.now() + 3_600_000).toISOString();
  const paused = await phone('POST', '/api/sessions/admin/users/bob/suspension', {
    body: { until, reason: 'Under review' },
  });
  assert.equal(paused.status, 200, JSON.stringify(paused.body));
  const reply = await client()('POST', '/auth/login', { body: { username: 'bob', password: 'demo' } });
  assert.deepEqual([reply.status, reply.body.error, reply.body.reason], [401, 'session_suspended', 'Under review']);
});
${DONE}`,
  };
}

/** Section 6: sessions and credentials from an old system, signed in as they were. */
export function importApp(): GuideApp {
  const [sessions, credentials] = snippetsUnder('## 6. Importing sessions and credentials');
  const old = `
// The old system's records, as the snippets read them.
const hourAgo = new Date(Date.now() - 3_600_000);
const oldSessions = [
  { userId: 'ada', tenantId: 'acme', ip: '81.2.69.142', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    token: 'old-session-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0', createdAt: hourAgo, lastSeenAt: hourAgo, persistent: false },
  { userId: 'bob', tenantId: 'acme', ip: '81.2.69.143', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    token: 'old-session-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9', createdAt: hourAgo, lastSeenAt: hourAgo, persistent: true },
];
const oldApps = [
  { userId: 'ada', name: 'Old CRM', device: null, scopes: ['crm:read'], token: 'crm-token-5e4d3c2b1a09',
    createdAt: hourAgo, lastUsedAt: null },
];
const oldDevices = [{ userId: 'ada', app: 'Acme', name: "Ada's Pixel", platform: 'android', createdAt: hourAgo }];
const oldKeys = [
  { ownerId: 'ada', name: 'Reports', secret: 'oldkey_7c6b5a4938271605f4e3d2c1b0a99887', scopes: ['read'],
    createdAt: hourAgo, revokedAt: null, requestsOfTheLastDay: [hourAgo] },
];
`;
  return {
    name: 'guide-import',
    snippets: [sessions!, credentials!],
    dependencies: SESSIONKIT,
    app: `${HOST}const kit = createSessionKit(options);\n${old}${pasted(sessions!)}${pasted(credentials!)}
app.get('/imported', (req, res) =>
  res.json({ sessions: sessions.length, ended, ids: Object.values(ids).map((list) => list.length) }),
);${SERVE}`,
    check: `${CLIENT}
const call = client();
await step('both sessions and one of each credential came in, nothing ended', async () => {
  assert.deepEqual((await call('GET', '/imported')).body, { sessions: 2, ended: 0, ids: [1, 1, 1] });
});
await step('the token the client already holds is a session at once', async () => {
  const reply = await call('GET', '/api/whoami', { bearer: 'old-session-token-9f8e7d6c5b4a39281706f5e4d3c2b1a0' });
  assert.deepEqual(reply.body, { name: 'Ada Lovelace', credential: 'session' });
});
await step('the imported API key works as it did', async () => {
  const reply = await call('GET', '/api/whoami', { bearer: 'oldkey_7c6b5a4938271605f4e3d2c1b0a99887' });
  assert.deepEqual(reply.body, { name: 'Ada Lovelace', credential: 'api_key' });
});
${DONE}`,
  };
}

/** Section 9's second block: the Passport login that opens the kit session at once. */
export function passportLoginApp(): GuideApp {
  const [, login] = snippetsUnder('## 9. express-session + Passport mode');
  return {
    name: 'guide-passport-login',
    snippets: [login!],
    dependencies: {
      ...SESSIONKIT,
      'express-session': '1.19.0',
      passport: '0.7.0',
      'passport-local': '1.0.0',
    },
    app: `${HOST}import session from 'express-session';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';

passport.use(new LocalStrategy((username, password, done) => checkPassword(username, password).then((p) => done(null, p ?? false))));
passport.serializeUser((person, done) => done(null, person.id));
passport.deserializeUser((id, done) => done(null, people.find((p) => p.id === id) ?? false));
const kit = createSessionKit(options);
app.use(express.json());
app.use(session({ secret: 'the host-s own session secret', resave: false, saveUninitialized: false }));
app.use(passport.session());
app.use(kit.expressSession());
${pasted(login!)}
app.get('/whoami', (req, res) => (req.user ? res.json({ name: req.user.name }) : res.status(401).json({})));${SERVE}`,
    check: `${CLIENT}
const laptop = client();
const phone = client();
const ada = { username: 'ada', password: 'demo' };
let laptopSession = '';
await step('the login opens the kit session at once', async () => {
  assert.deepEqual((await laptop('POST', '/login', { body: ada })).body, { name: 'Ada Lovelace' });
  const listed = (await laptop('GET', '/api/sessions/me/sessions')).body;
  assert.equal(listed.length, 1, JSON.stringify(listed));
  laptopSession = listed[0].id;
});
await step('under deny_new a second login is 409 and leaves Passport signed out', async () => {
  const reply = await phone('POST', '/login', { body: ada });
  assert.deepEqual([reply.status, reply.body.sessions.map((s) => s.id)], [409, [laptopSession]]);
  assert.equal((await phone('GET', '/whoami')).status, 401);
});
await step('choosing the laptop to end signs the phone in and the laptop out', async () => {
  const reply = await phone('POST', '/login', { body: { ...ada, replaceSessionId: laptopSession } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal((await laptop('GET', '/whoami')).status, 401);
  assert.equal((await phone('GET', '/whoami')).body.name, 'Ada Lovelace');
});
${DONE}`,
  };
}

/** Section 11: scopes on the host's own API, an authorized app's token, and where to push. */
export function credentialsApp(): GuideApp {
  const [scopes, mobile, push] = snippetsUnder(
    '## 11. Credentials: API keys, authorized apps, push registrations',
  );
  return {
    name: 'guide-credentials',
    snippets: [scopes!, mobile!, push!],
    dependencies: SESSIONKIT,
    app: `${HOST}const reportsFor = (userId) => [{ id: 'r1', owner: userId }];
${pasted(scopes!)}${pasted(mobile!)}
// The sender's side: what the push loop would send to, answered instead of sent.
app.get('/push/:userId', async (req, res) => {
  const { userId } = req.params;
  const sent = [];
  const send = (platform, pushToken) => sent.push([platform, pushToken]);
${pasted(push!)}
  res.json(sent);
});
app.post('/auth/login', express.json(), async (req, res) => {
  const user = await checkPassword(req.body.username, req.body.password);
  res.json(await kit.issueSession(req, res, { userId: user.id }).then((r) => r.status));
});${SERVE}`,
    check: `${CLIENT}
const browser = client();
const call = client();
let appToken = '';
await step('a key with reports:read reads the reports; one without is 403', async () => {
  await browser('POST', '/auth/login', { body: { username: 'ada', password: 'demo' } });
  const reader = await browser('POST', '/api/sessions/me/api-keys', { body: { name: 'Reader', scopes: ['reports:read'] } });
  assert.equal(reader.status, 201, JSON.stringify(reader.body));
  assert.deepEqual((await call('GET', '/api/reports', { bearer: reader.body.secret })).body, [{ id: 'r1', owner: 'ada' }]);
  const writer = await browser('POST', '/api/sessions/me/api-keys', { body: { name: 'Writer', scopes: ['reports:write'] } });
  assert.equal((await call('GET', '/api/reports', { bearer: writer.body.secret })).status, 403);
});
await step('the mobile login answers an app token that authenticates', async () => {
  const reply = await call('POST', '/auth/mobile', { body: { username: 'ada', password: 'demo', deviceName: "Ada's Pixel 8" } });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  appToken = reply.body.token;
  assert.deepEqual((await call('GET', '/api/whoami', { bearer: appToken })).body, { name: 'Ada Lovelace', credential: 'app' });
});
await step('the app registers for push and the sender finds it', async () => {
  const registered = await call('POST', '/api/sessions/me/push-registrations', {
    bearer: appToken,
    body: { platform: 'android', pushToken: 'fcm-token-1' },
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  assert.deepEqual((await call('GET', '/push/ada')).body, [['android', 'fcm-token-1']]);
});
${DONE}`,
  };
}

/** Section 2: a directory over the host's own Mongoose model of people, on the test database. */
export function directoryApp(): GuideApp {
  const [directory] = snippetsUnder('## 2. Tell the kit about your users');
  return {
    name: 'guide-directory',
    snippets: [directory!],
    dependencies: { ...SESSIONKIT, mongoose: '*' },
    database: true,
    app: `${HOST}import mongoose from 'mongoose';

const connection = await mongoose.createConnection(process.env.MONGODB_URI).asPromise();
const User = connection.model(
  'User',
  new mongoose.Schema({
    tenantId: String,
    displayName: String,
    email: String,
    role: String,
    department: String,
    isSuperUser: Boolean,
    disabled: Boolean,
    permissions: [String],
  }),
);
const [grace, linus, root] = await User.create([
  { tenantId: 'acme', displayName: 'Grace Hopper', email: 'grace@acme.test', role: 'admin', department: 'Navy', isSuperUser: false },
  { tenantId: 'acme', displayName: 'Linus (Ops)', email: 'linus@acme.test', role: 'member', disabled: true },
  { tenantId: 'acme', displayName: 'Root', email: 'root@acme.test', role: 'owner', isSuperUser: true, permissions: ['sessions:admin'] },
]);
${pasted(directory!)}
const kit = createSessionKit({ ...options, directory });
app.get('/directory', async (req, res) =>
  res.json({
    users: await directory.getUsers('acme', [String(grace._id), String(linus._id)]),
    search: await directory.searchUserIds('acme', req.query.q),
    superUsers: await directory.listSuperUserIds('acme'),
    ids: { grace: String(grace._id), linus: String(linus._id), root: String(root._id) },
  }),
);
app.post('/auth/login', async (req, res) =>
  res.json((await kit.issueSession(req, res, { userId: String(grace._id) })).status),
);${SERVE}`,
    check: `${CLIENT}
const call = client();
let ids = {};
await step('getUsers answers the people asked for, from the host’s collection', async () => {
  const answer = (await call('GET', '/directory?q=' + encodeURIComponent('(OPS)'))).body;
  ids = answer.ids;
  assert.deepEqual(
    answer.users.map((u) => [u.id, u.name, u.role, u.superUser, u.active]).sort(),
    [[ids.grace, 'Grace Hopper', 'admin', false, true], [ids.linus, 'Linus (Ops)', 'member', undefined, false]].sort(),
  );
});
await step('searchUserIds matches without case and escapes what people type', async () => {
  assert.deepEqual((await call('GET', '/directory?q=' + encodeURIComponent('(OPS)'))).body.search, [ids.linus]);
  assert.deepEqual((await call('GET', '/directory?q=' + encodeURIComponent('.*'))).body.search, []);
  assert.deepEqual((await call('GET', '/directory?q=HOPPER')).body.search, [ids.grace]);
});
await step('listSuperUserIds names the super users', async () => {
  assert.deepEqual((await call('GET', '/directory?q=x')).body.superUsers, [ids.root]);
});
await step('the kit shows the person by the directory', async () => {
  assert.equal((await call('POST', '/auth/login')).body, 'issued');
  assert.equal((await call('GET', '/api/whoami')).body.name, 'Grace Hopper');
});
${DONE}`,
  };
}

import { ManualClock, MemorySessionStore, systemClock } from '@sessionkit/core';
import type { Clock } from '@sessionkit/core';
import { MongoSessionStore } from '@sessionkit/server-plugin';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoApp } from './app.js';
import { parseDemoAuth } from './authModes.js';
import { DEMO_POLICY } from './demoPolicy.js';
import { DEMO_ACCOUNTS, DemoDirectory } from './directory.js';
import { createDemoGeo } from './geo.js';
import { openMongo } from './mongo.js';
import { seedDemo } from './seed.js';
import { seedAlerts } from './seedAlerts.js';
import { alertPage } from './outbox.js';

const USAGE = `Usage: pnpm demo [--ferretdb]

  (default)    embedded in-memory store; MongoDB when MONGODB_URI is set
  --ferretdb   start FerretDB (a MongoDB-compatible server) and use the Mongo store

Environment: PORT (default 3000), HOST (default 127.0.0.1), MONGODB_URI,
  DEMO_AUTH=native|express-session|jwt (default native): how the login works — the kit's own cookie,
  the host's express-session (tracked by the kit), or the host's own JWT (checked by the kit).`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const unknown = args.filter((a) => a !== '--ferretdb');
  if (unknown.length) throw new Error(`unknown option ${unknown.join(' ')}\n\n${USAGE}`);

  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  const host = process.env.HOST ?? '127.0.0.1';
  const auth = parseDemoAuth(process.env.DEMO_AUTH);
  const testHooks = process.env.SESSIONKIT_DEMO_TEST_HOOKS === '1';
  // The end-to-end tests move time by hand; everyone else gets the real clock.
  const clock: Clock = testHooks ? new ManualClock(Date.now()) : systemClock;

  const directory = await DemoDirectory.create();
  const geo = await createDemoGeo();
  const mongo =
    args.includes('--ferretdb') || process.env.MONGODB_URI
      ? await openMongo({ ferretdb: args.includes('--ferretdb') })
      : null;
  // The store is the host's: the kit works on it, and the seed writes the demo account's history into it.
  const store = mongo ? new MongoSessionStore(mongo.connection) : new MemorySessionStore();

  const publicUrl = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;
  const { app, kit, outbox } = createDemoApp({
    directory,
    geo: geo.resolver,
    usesDbIp: geo.usesDbIp,
    clock,
    store,
    // A fresh secret each start: the demo forgets its sessions on restart anyway (it re-seeds).
    csrfSecret: process.env.SESSIONKIT_CSRF_SECRET ?? randomBytes(32).toString('base64url'),
    auth,
    ...(mongo ? { hostSessionConnection: mongo.connection } : {}),
    webRoot: join(dirname(fileURLToPath(import.meta.url)), '..', 'web'),
    testHooks,
    publicUrl,
  });

  const seeded = await seedDemo({
    store,
    directory,
    geo: geo.resolver,
    policyDefaults: DEMO_POLICY,
    now: clock.now(),
  });
  await seedAlerts({
    store,
    directory,
    geo: geo.resolver,
    policyDefaults: DEMO_POLICY,
    now: clock.now(),
    outbox,
    alertLinkUrl: alertPage(publicUrl),
  });

  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${address.port}`;

  const storeLabel = mongo ? `Mongo store on ${mongo.label}` : 'embedded in-memory store';
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.username.length)) + 2;
  console.log(
    [
      '',
      `SessionKit demo is running at ${url}`,
      `  Login: ${auth} (DEMO_AUTH)`,
      `  ${storeLabel}; ${seeded.activeSessions} active sessions seeded${geo.usesDbIp ? '; places by DB-IP Lite' : ''}`,
      '',
      '  Demo accounts (username / password):',
      ...DEMO_ACCOUNTS.map(
        (a) =>
          `    ${a.username.padEnd(width)}${a.password.padEnd(width + 6)}${a.user.name} — ${a.user.role}, ${a.user.department}` +
          `${a.user.superUser ? ' (super user)' : ''}${a.user.permissions?.includes('sessions:admin') ? ' (admin)' : ''}${a.user.active === false ? ' (deactivated: cannot sign in)' : ''}`,
      ),
      '',
      '  Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await kit.close();
    await mongo?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

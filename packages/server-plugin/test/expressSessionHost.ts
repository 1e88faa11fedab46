import { ManualClock } from '@sessionkit/core';
import MongoStore from 'connect-mongo';
import express from 'express';
import session from 'express-session';
import type { Connection } from 'mongoose';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { ExpressSessionOptions, MongoSessionStore, SessionKit } from '../src/index.js';
import { createSessionKit } from '../src/index.js';
import { CHROME_UA, serve, storeOfItsOwn } from './modeHost.js';
import { CSRF_SECRET, Client, TENANT, USERS, directory } from './support.js';

export const HOST_SESSIONS = 'host_sessions';

/** A browser that always sends a Chrome user agent: the device the kit records is the one the test lists. */
export class Browser extends Client {
  override request(method: string, path: string, options: Parameters<Client['request']>[2] = {}) {
    return super.request(method, path, {
      ...options,
      headers: { 'user-agent': CHROME_UA, ...options.headers },
    });
  }
}

export interface PassportHost {
  kit: SessionKit;
  store: MongoSessionStore;
  url: string;
  clock: ManualClock;
  /** Installs the kit's middleware: before this the host runs as it did without the kit. */
  mount(): void;
  /** Signs in through the host's own Passport login, as a browser with a Chrome user agent. */
  login(userId: string): Promise<Client>;
  /** The host's session documents in the connect-mongo store. */
  hostSessionCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A host that had express-session (connect-mongo) and Passport before the kit: its own login, logout and
 * routes, and the kit's middleware installed when the test says so.
 */
export async function startPassportHost(
  connection: Connection,
  uri: string,
  options: ExpressSessionOptions = {},
): Promise<PassportHost> {
  const clock = new ManualClock('2026-01-15T09:00:00.000Z');
  const store = await storeOfItsOwn(connection);
  const kit = createSessionKit({
    store,
    directory,
    csrfSecret: CSRF_SECRET,
    cookie: { secure: false },
    sweepIntervalMs: 0,
    defaultTenantId: TENANT,
    clock,
  });
  const hostStore = MongoStore.create({
    mongoUrl: uri,
    collectionName: HOST_SESSIONS,
    autoRemove: 'disabled',
  });
  const auth = new passport.Passport();
  auth.use(
    new LocalStrategy((username, password, done) => {
      const user = USERS.find((u) => u.id === username);
      done(null, user && password === 'pw' ? user : false);
    }),
  );
  auth.serializeUser((user, done) => done(null, (user as { id: string }).id));
  auth.deserializeUser((id: string, done) => done(null, USERS.find((u) => u.id === id) ?? false));

  let mounted = false;
  const tracking = kit.expressSession(options);
  const app = express();
  app.set('trust proxy', true);
  app.use(express.json());
  app.use(
    session({
      secret: 'the host-s own cookie secret',
      resave: false,
      saveUninitialized: false,
      store: hostStore,
    }),
  );
  app.use(auth.initialize());
  app.use(auth.session());
  app.use((req, res, next) => (mounted ? tracking(req, res, next) : next()));
  app.post('/login', auth.authenticate('local'), (req, res) => {
    res.json({ user: (req.user as { id: string }).id });
  });
  // A login that opens the kit session at once (remember me, the limit answered here) instead of on the next request.
  app.post('/login-at-once', auth.authenticate('local'), async (req, res) => {
    const body = req.body as { hostSessionId?: string };
    const result = await kit.issueSession(req, res, {
      userId: (req.user as { id: string }).id,
      rememberMe: true,
      hostSessionId: body.hostSessionId ?? req.sessionID,
    });
    res.json({ status: result.status, id: result.status === 'issued' ? result.session.id : null });
  });
  app.post('/logout', async (req, res, next) => {
    await kit.endSession(req, res);
    req.logout((error) => (error ? next(error) : res.json({ ok: true })));
  });
  app.get('/whoami', (req, res) => {
    res.json({
      user: (req.user as { id?: string } | undefined)?.id ?? null,
      session: req.sessionKit?.credential === 'session' ? req.sessionKit.session.id : undefined,
    });
  });
  app.post('/host/action', (req, res) => {
    res.json({ ok: true, user: (req.user as { id?: string } | undefined)?.id ?? null });
  });
  app.use('/api/sessions', kit.router);
  const { url, stop } = await serve(app);
  return {
    kit,
    store,
    url,
    clock,
    mount: () => {
      mounted = true;
    },
    async login(userId) {
      const client = new Browser(url);
      const reply = await client.post('/login', { username: userId, password: 'pw' });
      if (reply.status !== 200)
        throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return client;
    },
    hostSessionCount: () => connection.collection(HOST_SESSIONS).countDocuments(),
    async close() {
      await kit.close();
      await stop();
      await hostStore.close();
    },
  };
}

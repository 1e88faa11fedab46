import type { Clock, DirectoryUser, GeoResolver, LimitReachedBody, SessionStore } from '@sessionkit/core';
import { ManualClock, SessionSuspendedError, isSessionKitError } from '@sessionkit/core';
import type { SessionKit } from '@sessionkit/server-plugin';
import {
  STATUS_BY_CODE,
  createLoginThrottle,
  createSessionKit,
  limitReachedBody,
  unreadableRequest,
} from '@sessionkit/server-plugin';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import type { Connection } from 'mongoose';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TENANT_ID } from './directory.js';
import { credentialRoutes } from './credentialRoutes.js';
import { DEMO_POLICY } from './demoPolicy.js';
import type { DemoDirectory } from './directory.js';
import type { Identity, LoginAnswer, LoginOptions, LoginUser } from '../shared/authJson.js';
import type { DemoAuth } from './authModes.js';
import { createAuthMode } from './authModes.js';
import { badInput } from './badInput.js';
import { peopleRoutes, personJson } from './peopleRoutes.js';
import { DemoOutbox, alertPage } from './outbox.js';

export interface DemoAppOptions {
  directory: DemoDirectory;
  geo: GeoResolver;
  /** Where places come from DB-IP: the panel then credits it, as its licence asks. */
  usesDbIp: boolean;
  clock: Clock;
  /** The embedded store, or a Mongoose connection for the Mongo store. */
  store?: SessionStore;
  mongoose?: Connection;
  /** Where express-session mode keeps the host's sessions (connect-mongo); default: express-session's memory store. */
  hostSessionConnection?: Connection;
  csrfSecret: string;
  /** The built panel; absent in API-only runs. */
  webRoot?: string;
  /** How the login works (DEMO_AUTH): the kit's cookie (default), the host's express-session, or the host's JWT. */
  auth?: DemoAuth;
  /**
   * Only for the end-to-end tests: `POST /__test/clock` moves the ManualClock so idle timeouts can be tested
   * without waiting. Never on in a normal start.
   */
  testHooks?: boolean;
  /** The demo's own address, for the links in the outbox's messages. */
  publicUrl?: string;
}

export interface DemoApp {
  app: express.Express;
  kit: SessionKit;
  /** The sign-in alerts the demo "sent". */
  outbox: DemoOutbox;
}

const LoginInput = z.strictObject({
  username: z.string().trim().min(1, 'Enter your username.').max(100),
  password: z.string().min(1, 'Enter your password.').max(200),
  rememberMe: z.boolean().default(false),
  /** Under deny_new: the session the person chose to end (the password is checked again first). */
  replaceSessionId: z.string().min(1).max(100).optional(),
});

const PasswordChangeInput = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword: z.string().min(10, 'Choose a new password of at least 10 characters.').max(200),
});

export function createDemoApp(options: DemoAppOptions): DemoApp {
  const { directory } = options;
  const outbox = new DemoOutbox(directory);
  const kit = createSessionKit({
    ...(options.mongoose ? { mongoose: options.mongoose } : { store: options.store }),
    directory,
    csrfSecret: options.csrfSecret,
    // Secure cookies are never sent over plain http, and the demo runs on http://localhost. A real
    // deployment serves https and keeps the kit's default (secure: true).
    cookie: { secure: false },
    policyDefaults: DEMO_POLICY,
    geo: options.geo,
    clock: options.clock,
    apiKeyScopes: ['sessions:read', 'reports:read', 'reports:write'],
    // Sign-in alerts land in the demo's outbox (the Outbox page) instead of a mailer.
    onRiskSignal: outbox.deliver,
    alertLinkUrl: alertPage(options.publicUrl),
  });

  const hostSessions = options.hostSessionConnection ?? options.mongoose;
  const auth = createAuthMode(options.auth ?? 'native', kit, {
    secret: options.csrfSecret,
    ...(hostSessions ? { connection: hostSessions } : {}),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          // The demo runs on plain http; upgrading its requests would break it on localhost.
          'upgrade-insecure-requests': null,
        },
      },
      // Same reason: HSTS on http://localhost would pin the browser to https for every local project.
      strictTransportSecurity: false,
    }),
  );

  // Everything under these paths is about who is signed in (it sets or clears cookies, or carries a temporary
  // password): no cache, shared or the browser's own, may keep a copy for the next person.
  app.use(['/auth', '/api/directory', '/api/people'], (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  // Only the API and the login routes: the panel's files are not activity, and need no session.
  if (auth.before.length) app.use(['/auth', '/api'], auth.before);

  // JSON bodies only: a cross-site form can't send application/json without a CORS preflight this host never
  // grants, which is the CSRF defence of the login and logout routes (the kit's own routes check a token).
  const json = express.json({ limit: '10kb' });
  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'invalid_input', message: 'send JSON (Content-Type: application/json)' });
      return;
    }
    next();
  };

  // The kit's defaults: 10 failures per account from all addresses (credential stuffing) and 50 per address
  // whatever the accounts (password spraying), in 15 minutes. The address budget comes before the body is
  // read, so a flood of bodies (broken ones included) is turned away unparsed.
  const loginThrottle = createLoginThrottle();
  // The change-password route checks the current password: a stolen session must not make it a guessing
  // oracle. Its account is the signed-in user.
  const passwordThrottle = createLoginThrottle({ accountOf: (req) => req.sessionKit?.userId ?? undefined });

  app.post(
    '/auth/login',
    loginThrottle.byAddress,
    requireJson,
    json,
    loginThrottle.byAccount,
    async (req, res, next) => {
      try {
        const input = LoginInput.safeParse(req.body);
        if (!input.success) return badInput(res, input.error);
        const { username, password, rememberMe, replaceSessionId } = input.data;
        const user = await directory.verifyCredentials(username, password);
        if (!user) {
          res.status(401).json({ error: 'invalid_credentials', message: 'Wrong username or password.' });
          return;
        }
        if (user.active === false) {
          res.status(403).json({
            error: 'account_disabled',
            message: 'This account has been deactivated. Ask your administrator.',
          });
          return;
        }
        const result = await auth.signIn(req, res, {
          userId: user.id,
          tenantId: user.tenantId,
          rememberMe,
          ...(replaceSessionId ? { replaceSessionId } : {}),
        });
        if (result.status === 'limit_reached') {
          res.status(409).json({
            ...limitReachedBody(result),
            message: `You are already signed in on ${result.max} ${result.max === 1 ? 'device' : 'devices'}, the most this account allows. Choose a session to sign out.`,
          } satisfies LimitReachedBody);
          return;
        }
        res.json({
          user: publicUser(user.id),
          sessionId: result.session.id,
          rememberMe: result.session.rememberMe,
        } satisfies LoginAnswer);
      } catch (error) {
        next(error);
      }
    },
  );

  // The sign-in form asks before it offers Remember me: ticking a box the policy then ignores would quietly give
  // a browser-session cookie to someone who asked to stay signed in.
  app.get('/auth/options', async (_req, res, next) => {
    try {
      const { rememberMe } = await kit.service.getPolicy(TENANT_ID);
      res.json({
        rememberMe: { allowed: rememberMe.allowed, lifetime: rememberMe.rememberedLifetime },
      } satisfies LoginOptions);
    } catch (error) {
      next(error);
    }
  });

  app.post('/auth/logout', requireJson, ...auth.beforeLogout, async (req, res, next) => {
    try {
      await auth.signOut(req, res);
      res.status(204).end();
    } catch (error) {
      next(error);
    }
  });

  app.get('/auth/me', auth.authenticate, (req, res) => {
    const ctx = req.sessionKit;
    if (ctx?.credential !== 'session') {
      res.status(401).json({ error: 'unauthenticated', message: 'Sign in first.' });
      return;
    }
    res.json({
      ...publicUser(ctx.session.userId),
      sessionId: ctx.session.id,
      geoAttribution: options.usesDbIp ? 'dbip' : null,
    } satisfies Identity);
  });

  // The host's own people API: the People page, the user page's header, and names for the kit's lists of ids.
  // Whoever may act on behalf of others may see them: the kit's rule decides, as it does for the People page.
  const canSeePeople: express.RequestHandler = (req, res, next) => {
    kit.access(req).then(({ actions }) => {
      if (actions.act_on_behalf) return next();
      res.status(403).json({ error: 'forbidden', message: 'Administrators only.' });
    }, next);
  };
  const person = (user: DirectoryUser) => personJson(directory, user);
  app.get('/api/directory/users', auth.authenticate, canSeePeople, (req, res) => {
    const people = directory.all().filter((u) => u.tenantId === req.sessionKit?.tenantId);
    res.json(people.sort((a, b) => a.name.localeCompare(b.name)).map(person));
  });
  app.get('/api/directory/users/:id', auth.authenticate, canSeePeople, (req, res) => {
    const user = directory.get(String(req.params.id));
    if (!user || user.tenantId !== req.sessionKit?.tenantId) {
      res.status(404).json({ error: 'not_found', message: 'No such user.' });
      return;
    }
    res.json(person(user));
  });

  app.use(
    '/api/people',
    peopleRoutes({
      kit,
      directory,
      clock: options.clock,
      requireJson,
      json,
      authenticate: auth.authenticate,
    }),
  );

  // Changing the password ends every other session of the account (the kit's onPasswordChanged), as the
  // enterprise source asks: a reset alone must not leave a thief signed in.
  app.post(
    '/auth/password',
    passwordThrottle.byAddress,
    requireJson,
    json,
    auth.authenticate,
    passwordThrottle.byAccount,
    async (req, res, next) => {
      try {
        const ctx = req.sessionKit;
        const user = ctx?.credential === 'session' ? directory.get(ctx.userId) : null;
        if (!ctx || !user) {
          res.status(401).json({ error: 'unauthenticated', message: 'Sign in first.' });
          return;
        }
        const input = PasswordChangeInput.safeParse(req.body);
        if (!input.success) return badInput(res, input.error);
        const { currentPassword: current, newPassword: replacement } = input.data;
        if (!(await directory.checkPassword(user.id, current))) {
          res.status(400).json({
            error: 'invalid_input',
            field: 'currentPassword',
            message: 'Your current password is not right.',
          });
          return;
        }
        await directory.setPassword(user.id, replacement);
        const ended = await kit.onPasswordChanged({ userId: user.id, tenantId: user.tenantId }, req, res);
        res.json({ endedOtherSessions: ended });
      } catch (error) {
        next(error);
      }
    },
  );

  if (options.testHooks) {
    if (!(options.clock instanceof ManualClock)) throw new Error('test hooks need a ManualClock');
    // The end-to-end steps sign in "from" a place by X-Forwarded-For, as if behind a proxy on this machine.
    app.set('trust proxy', 'loopback');
    const clock = options.clock;
    app.post('/__test/clock', json, (req, res) => {
      const advanceMs = Number((req.body as { advanceMs?: unknown })?.advanceMs);
      if (!Number.isFinite(advanceMs) || advanceMs < 0) {
        res.status(400).json({ error: 'invalid_input', field: 'advanceMs' });
        return;
      }
      clock.advance(advanceMs);
      res.json({ now: clock.now().toISOString() });
    });
  }

  credentialRoutes(app, kit, directory, loginThrottle, { json, requireJson });
  outbox.routes(app, auth.authenticate);
  // The "this wasn't me" link's routes serve whoever follows the link, signed in or not: past the host's login.
  app.use(
    '/api/sessions',
    (req, res, next) =>
      req.path.startsWith('/alerts/') ? kit.router(req, res, next) : auth.authenticate(req, res, next),
    kit.router,
  );

  if (options.webRoot && existsSync(options.webRoot)) {
    const webRoot = options.webRoot;
    app.use(express.static(webRoot, { index: false, maxAge: '1h' }));
    // The panel routes on the client: any other GET that isn't an API call gets the app shell.
    app.get(/^\/(?!api\/|auth\/|__test\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(webRoot, 'index.html'));
    });
  }

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    // A body or path Express can't read (a broken % escape, a corrupt gzip body) is the client's mistake.
    const unreadable = unreadableRequest(error, req, app.router);
    if (unreadable) {
      res.status(unreadable.status).json(unreadable.body);
      return;
    }
    // A suspended person's sign-in: the kit's own answer, with the administrator's reason and the end.
    if (error instanceof SessionSuspendedError) {
      res.status(401).json({
        error: 'session_suspended',
        message: error.message,
        reason: error.reason,
        until: error.until.toISOString(),
      });
      return;
    }
    // The kit's outcomes (an unknown session to replace, a store that is down) keep the kit's statuses.
    if (isSessionKitError(error) && STATUS_BY_CODE[error.code] < 500) {
      res.status(STATUS_BY_CODE[error.code]).json({
        error: error.code,
        message: error.message,
        ...(error.field ? { field: error.field } : {}),
      });
      return;
    }
    if (isSessionKitError(error) && error.code === 'store_unavailable') {
      res
        .status(503)
        .json({ error: 'store_unavailable', message: 'Sessions are unavailable; try again shortly.' });
      return;
    }
    // The stack only, never the error object: a library's error may carry the request it failed on.
    console.error(
      'demo: request failed',
      error instanceof Error ? (error.stack ?? error.message) : typeof error,
    );
    res.status(500).json({ error: 'internal', message: 'Something went wrong on the server.' });
  });

  function publicUser(userId: string): LoginUser {
    const user = directory.get(userId);
    return {
      id: userId,
      tenantId: user?.tenantId ?? TENANT_ID,
      name: user?.name ?? userId,
      email: user?.email ?? null,
      role: user?.role ?? null,
      department: user?.department ?? null,
      superUser: user?.superUser === true,
    };
  }

  return { app, kit, outbox };
}

import { createHmac } from 'node:crypto';
import type { IssueResult, Session } from '@sessionkit/core';
import { lifetimeMs } from '@sessionkit/core';
import type { IssueSessionInput, SessionKit } from '@sessionkit/server-plugin';
import MongoStore from 'connect-mongo';
import { parse as parseCookies } from 'cookie';
import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import jwt from 'jsonwebtoken';
import type { Connection } from 'mongoose';
import { TENANT_ID } from './directory.js';

/** How the demo's login works: the kit's own cookie, the host's express-session, or the host's JWT. */
export const DEMO_AUTH_MODES = ['native', 'express-session', 'jwt'] as const;
export type DemoAuth = (typeof DEMO_AUTH_MODES)[number];

export function parseDemoAuth(value: string | undefined): DemoAuth {
  if (value === undefined || value === '') return 'native';
  if ((DEMO_AUTH_MODES as readonly string[]).includes(value)) return value as DemoAuth;
  throw new Error(`DEMO_AUTH must be one of ${DEMO_AUTH_MODES.join(', ')}, not "${value}"`);
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    tenantId?: string;
  }
}

export type SignInResult =
  { status: 'issued'; session: Session } | Extract<IssueResult, { status: 'limit_reached' }>;

/** What the demo's routes need from a login mode; the routes themselves are the same in all three. */
export interface AuthMode {
  /** Mounted before every route. */
  before: RequestHandler[];
  /** The signed-in person on the demo's own routes and in front of the kit's router. */
  authenticate: RequestHandler;
  /** In front of the logout route: what lets the kit find the session to end. */
  beforeLogout: RequestHandler[];
  /** After the password check. */
  signIn(req: Request, res: Response, input: IssueSessionInput & { tenantId: string }): Promise<SignInResult>;
  signOut(req: Request, res: Response): Promise<void>;
}

export const HOST_SESSION_COOKIE = 'demo_sid';
export const JWT_COOKIE = 'demo_jwt';

/** A key of its own per use, from the one secret the demo is started with. */
function keyFor(secret: string, use: string): string {
  return createHmac('sha256', secret).update(`sessionkit demo: ${use}`).digest('base64url');
}

export function createAuthMode(
  mode: DemoAuth,
  kit: SessionKit,
  options: { secret: string; connection?: Connection },
): AuthMode {
  if (mode === 'express-session') return expressSessionMode(kit, options);
  if (mode === 'jwt') return jwtMode(kit, options.secret);
  return {
    before: [],
    authenticate: kit.authenticate,
    beforeLogout: [],
    signIn: (req, res, input) => kit.issueSession(req, res, input),
    signOut: async (req, res) => {
      await kit.endSession(req, res);
    },
  };
}

/**
 * A host with express-session (its own cookie; connect-mongo on the Mongo store, else express-session's memory
 * store): the kit tracks its sessions and keeps its readable CSRF cookie, so the panel works unchanged.
 */
function expressSessionMode(kit: SessionKit, options: { secret: string; connection?: Connection }): AuthMode {
  const hostSessions = session({
    name: HOST_SESSION_COOKIE,
    secret: keyFor(options.secret, 'express-session cookie'),
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: false },
    ...(options.connection
      ? {
          store: MongoStore.create({
            client: options.connection.getClient(),
            collectionName: 'demo_host_sessions',
            autoRemove: 'interval',
          }),
        }
      : {}),
  });
  const tracking = kit.expressSession({
    userOf: (req) => req.session.userId ?? null,
    tenantOf: (req) => req.session.tenantId ?? TENANT_ID,
    csrf: true,
  });
  return {
    before: [hostSessions, tracking],
    authenticate: kit.authenticate,
    beforeLogout: [],
    async signIn(req, res, input) {
      // A new id at login, so a session id planted before it (session fixation) never becomes signed in.
      await new Promise<void>((resolve, reject) =>
        req.session.regenerate((e) => (e ? reject(e) : resolve())),
      );
      const result = await kit.issueSession(req, res, { ...input, hostSessionId: req.sessionID });
      if (result.status === 'issued') {
        req.session.userId = input.userId;
        req.session.tenantId = input.tenantId;
        if (result.session.rememberMe) {
          const policy = (await kit.service.effectivePolicyFor(input.tenantId, input.userId)).policy;
          req.session.cookie.maxAge = lifetimeMs(policy, true);
        }
      }
      return result;
    },
    async signOut(req, res) {
      await kit.endSession(req, res);
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.clearCookie(HOST_SESSION_COOKIE, { path: '/' });
    },
  };
}

/**
 * A host that signs its own JWTs. The panel is a browser app, so the token travels in an HttpOnly,
 * SameSite=Strict cookie (which is also its CSRF defence); an app would send it as `Authorization: Bearer`,
 * which the middleware reads first. The token lives as long as the session may; the kit ends it earlier.
 */
function jwtMode(kit: SessionKit, secret: string): AuthMode {
  const signingKey = keyFor(secret, 'jwt signing key');
  const authenticate = kit.jwt.authenticate({
    verify: (token) => jwt.verify(token, signingKey, { algorithms: ['HS256'] }),
    tokenOf: (req) => {
      const bearer = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
      return bearer ?? parseCookies(req.headers.cookie ?? '')[JWT_COOKIE] ?? null;
    },
  });
  const clear = (res: Response) =>
    res.clearCookie(JWT_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: false });
  return {
    before: [],
    authenticate,
    // The cookie goes whatever the kit says of the token: an ended session's token is no use to keep.
    beforeLogout: [
      (_req, res, next) => {
        clear(res);
        next();
      },
      authenticate,
    ],
    async signIn(req, res, input) {
      const result = await kit.jwt.issue(req, input);
      if (result.status !== 'issued') return result;
      // The person's own lifetime: a role's override may make it hours rather than the account's days.
      const policy = (await kit.service.effectivePolicyFor(input.tenantId, input.userId)).policy;
      const lifetime = lifetimeMs(policy, result.session.rememberMe);
      const token = jwt.sign({ sub: input.userId, sid: result.sid }, signingKey, {
        algorithm: 'HS256',
        expiresIn: Math.floor(lifetime / 1000),
      });
      res.cookie(JWT_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        secure: false,
        path: '/',
        ...(result.session.rememberMe ? { maxAge: lifetime } : {}),
      });
      return result;
    },
    async signOut(req, res) {
      await kit.endSession(req, res);
    },
  };
}

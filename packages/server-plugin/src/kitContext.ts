import type {
  ApiKey,
  AuthorizedApp,
  AuthorizeHook,
  DirectoryUser,
  LiveSession,
  SessionService,
  UserDirectory,
} from '@sessionkit/core';
import type { Request, RequestHandler, Response } from 'express';
import type { CookieSettings } from './http/credentials.js';

// What the kit and its router share, kept apart from both so that neither imports the other.

interface RequestContextBase {
  /** The signed-in user from the host's directory; null when the directory doesn't know them. */
  user: DirectoryUser | null;
  tenantId: string;
}

/** A request of a signed-in session (browser cookie, or an app's Bearer session secret). */
export interface SessionRequestContext extends RequestContextBase {
  credential: 'session';
  userId: string;
  /** The session's live part (ids, owner, kind, times, activity); `kit.service.getUserSession` has the rest. */
  session: LiveSession;
  /**
   * Which credential the request used: the kit's cookie (requests that change something need the CSRF header)
   * or bearer secret, the host's express-session (`kit.expressSession`) or the host's JWT (`kit.jwt`).
   */
  via: 'cookie' | 'bearer' | 'express-session' | 'jwt';
}

/** A request made with an API key (`Authorization: Bearer skk_…`). */
export interface ApiKeyRequestContext extends RequestContextBase {
  credential: 'api_key';
  /** The key's owner; null for an account-level key imported from another system. */
  userId: string | null;
  /** The key as the lists show it: its id, name, prefix and scopes (what the host's routes check). */
  apiKey: Omit<ApiKey, 'keyHash'>;
  via: 'bearer';
}

/** A request made with an authorized app's token (`Authorization: Bearer ska_…`). */
export interface AppRequestContext extends RequestContextBase {
  credential: 'app';
  userId: string;
  /** The app or device, with the rights the host granted it (`scopes`). */
  app: Omit<AuthorizedApp, 'tokenHash'>;
  via: 'bearer';
}

/**
 * What `authenticate` attaches to the request as `req.sessionKit`: who is signed in and with which
 * credential. The kit's own routes serve sessions only (an app token may also register for push).
 */
export type SessionKitRequestContext = SessionRequestContext | ApiKeyRequestContext | AppRequestContext;

declare global {
  // Express's own augmentation point: one typed property, no other change to `req`.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      sessionKit?: SessionKitRequestContext;
    }
  }
}

/** The parts the router shares with the kit. */
export interface KitInternals {
  service: SessionService;
  directory: UserDirectory;
  authorize: AuthorizeHook;
  cookie: CookieSettings;
  requireForceLogoutReason: boolean;
  bodyLimitBytes: number;
  authenticate: RequestHandler;
  contextOf(req: Request): SessionKitRequestContext | undefined;
  clearCookies(res: Response): void;
}

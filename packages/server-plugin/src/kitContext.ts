import type {
  AuthorizeHook,
  DirectoryUser,
  LiveSession,
  SessionService,
  UserDirectory,
} from '@sessionkit/core';
import type { Request, RequestHandler, Response } from 'express';
import type { CookieSettings } from './http/credentials.js';

// What the kit and its router share, kept apart from both so that neither imports the other.

/** What `authenticate` attaches to the request as `req.sessionKit`. */
export interface SessionKitRequestContext {
  /** The session's live part (ids, owner, kind, times, activity); `kit.service.getUserSession` has the rest. */
  session: LiveSession;
  /** The signed-in user from the host's directory; null when the directory doesn't know them. */
  user: DirectoryUser | null;
  tenantId: string;
  /**
   * Which credential the request used: the kit's cookie (requests that change something need the CSRF header)
   * or bearer secret, the host's express-session (`kit.expressSession`) or the host's JWT (`kit.jwt`).
   */
  via: 'cookie' | 'bearer' | 'express-session' | 'jwt';
}

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

import type { DirectoryUser, LiveSession, SessionPolicy, SessionService, Validation } from '@sessionkit/core';
import { SessionSuspendedError, isSessionKitError } from '@sessionkit/core';
import type { NextFunction, Request, Response } from 'express';
import { pathOf } from '../authenticate.js';
import type { CookieSettings } from '../http/credentials.js';
import { sendSessionSuspended, sendStoreUnavailable } from '../http/errorResponses.js';
import type { SessionKitRequestContext, SessionRequestContext } from '../kitContext.js';

// What the adoption modes (the host's express-session, the host's JWT) share with the kit: the same
// validation, touch and request context as `authenticate`, reached through the host's own credential.

export interface ModeDeps {
  service: SessionService;
  /** The server key: signs CSRF tokens and keys the secrets derived from the host's credentials. */
  csrfSecret: string;
  cookie: CookieSettings;
  defaultTenantId: string;
  contexts: WeakMap<Request, SessionKitRequestContext>;
  userOf(tenantId: string, userId: string): Promise<DirectoryUser | undefined>;
}

/** True when another of the kit's middlewares already checked this request: one check a request. */
export function alreadyKnown(deps: ModeDeps, req: Request): boolean {
  const known = deps.contexts.get(req);
  if (known) req.sessionKit = known;
  return known !== undefined;
}

/** One store read: the session behind a token hash, its activity left for `enter` to count. */
export function check(deps: ModeDeps, req: Request, tokenHash: string): Promise<Validation> {
  return deps.service.validateHash(tokenHash, { ip: req.ip ?? '', path: pathOf(req), touch: false });
}

/** Counts the request on the session and attaches `req.sessionKit`, as `authenticate` does. */
export async function enter(
  deps: ModeDeps,
  req: Request,
  session: LiveSession,
  policy: SessionPolicy,
  via: SessionRequestContext['via'],
): Promise<void> {
  await deps.service.touch(session, policy, { ip: req.ip ?? '', path: pathOf(req) });
  const user = await deps.userOf(session.tenantId, session.userId);
  const context: SessionRequestContext = {
    credential: 'session',
    userId: session.userId,
    session,
    user: user ?? null,
    tenantId: session.tenantId,
    via,
  };
  deps.contexts.set(req, context);
  req.sessionKit = context;
}

/** An outage is a 503 (nobody is signed out by it); any other failure is a bug for the error handler. */
export function failed(res: Response, next: NextFunction, error: unknown): void {
  if (isSessionKitError(error, 'store_unavailable')) sendStoreUnavailable(res);
  // An adoption refused because the person is suspended: the same answer as on a kit session.
  else if (error instanceof SessionSuspendedError) sendSessionSuspended(res, error.reason, error.until);
  else next(error);
}

/**
 * Runs one adoption per key at a time in this process: a page's first requests after the kit is installed
 * arrive together, and each would otherwise find the session unknown and open it again.
 */
export class AdoptionTurns {
  readonly #running = new Map<string, Promise<unknown>>();

  async run<T>(key: string, adopt: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) {
      await running.catch(() => undefined);
      return adopt();
    }
    const turn = adopt();
    this.#running.set(key, turn);
    try {
      return await turn;
    } finally {
      this.#running.delete(key);
    }
  }
}

import type { IssueResult, Validation } from '@sessionkit/core';
import { SessionKitError, deriveSecret, hashSecret } from '@sessionkit/core';
import type { Request, RequestHandler } from 'express';
import { CSRF_HEADER, csrfMatches, csrfToken, keepCsrfCookie } from '../http/credentials.js';
import { sendError, sendSessionEnded, sendSessionSuspended } from '../http/errorResponses.js';
import { limitReachedBody } from '../http/sessionJson.js';
import type { ModeDeps } from './modeRequest.js';
import { AdoptionTurns, alreadyKnown, check, enter, failed } from './modeRequest.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ExpressSessionOptions {
  /**
   * Who the host says is signed in on this request, or null for nobody. Default: Passport's
   * `req.session.passport.user` when it is a string or a number (what `serializeUser` usually stores).
   */
  userOf?: (req: Request) => string | null | undefined;
  /** The tenant of the request's person. Default: the kit's `defaultTenantId`. */
  tenantOf?: (req: Request) => string;
  /**
   * Default false: the host's own CSRF defence is left alone and the kit checks nothing. True: the kit keeps
   * its readable CSRF cookie beside the host's session and refuses a POST, PUT, PATCH or DELETE without the
   * `x-csrf-token` header (403 `csrf`), as in native mode.
   */
  csrf?: boolean;
}

/** The parts of express-session's and Passport's request that the mode reads; neither is a dependency. */
interface HostRequest {
  session?: {
    destroy(callback: (error?: unknown) => void): unknown;
    passport?: { user?: unknown };
  };
  sessionID?: unknown;
  user?: unknown;
}

/**
 * The kit's secret for a host session: keyed by the server key, so the host's session id (which its store
 * keeps in the clear) opens nothing in the kit, and by the person, so another login on the same id is
 * another session.
 */
export function hostSessionSecret(key: string, tenantId: string, userId: string, sessionId: string): string {
  return deriveSecret(key, 'sessionkit/express-session', tenantId, userId, sessionId);
}

/** express-session's ids are 24 random bytes; anything much shorter can't key a session safely. */
export function requireHostSessionId(sessionId: unknown, field: string): string {
  if (typeof sessionId !== 'string' || sessionId.length < 22 || sessionId.length > 512) {
    throw new SessionKitError(
      'invalid_input',
      `${field} must be the host's session id (req.sessionID), 22 to 512 characters`,
      { field },
    );
  }
  return sessionId;
}

/**
 * The express-session mode: tracks the host's sessions, adopts those it has never seen on their first request
 * (nobody signs in again), and ends the host's session (and so Passport's login) on the first request after
 * the kit ended it.
 */
export function createExpressSessionMode(
  deps: ModeDeps,
  issue: (req: Request, input: { tenantId: string; userId: string; secret: string }) => Promise<IssueResult>,
) {
  const turns = new AdoptionTurns();

  return (options: ExpressSessionOptions = {}): RequestHandler => {
    if (typeof options !== 'object' || options === null) misconfigured('options', 'must be an object');
    for (const name of ['userOf', 'tenantOf'] as const) {
      if (options[name] !== undefined && typeof options[name] !== 'function')
        misconfigured(name, 'must be a function of the request');
    }
    if (options.csrf !== undefined && typeof options.csrf !== 'boolean')
      misconfigured('csrf', 'must be true or false');
    const userOf = options.userOf ?? passportUser;
    const tenantOf = options.tenantOf ?? (() => deps.defaultTenantId);

    return async (req, res, next) => {
      if (alreadyKnown(deps, req)) return next();
      const host = req as unknown as HostRequest;
      if (!host.session || typeof host.session.destroy !== 'function') {
        return next(
          new SessionKitError(
            'misconfigured',
            'kit.expressSession(): mount it after the express-session middleware',
          ),
        );
      }
      let tenantId: string;
      let userId: string | null | undefined;
      let secret: string;
      try {
        userId = userOf(req);
        if (userId === null || userId === undefined) return next();
        if (typeof userId !== 'string' || userId.length === 0)
          throw new SessionKitError(
            'misconfigured',
            'kit.expressSession(): `userOf` must return a user id string or null',
          );
        tenantId = tenantOf(req);
        const sessionId = requireHostSessionId(host.sessionID, 'req.sessionID');
        secret = hostSessionSecret(deps.csrfSecret, tenantId, userId, sessionId);
      } catch (error) {
        return next(error);
      }
      const tokenHash = hashSecret(secret);
      const person = { tenantId, userId, secret };
      let validation: Validation | IssueResult;
      try {
        validation = await check(deps, req, tokenHash);
        if (validation.status === 'unknown') {
          validation = await turns.run(tokenHash, async () => {
            const again = await check(deps, req, tokenHash);
            if (again.status !== 'unknown') return again;
            const issued = await issue(req, person);
            return issued.status === 'issued' ? check(deps, req, tokenHash) : issued;
          });
        }
      } catch (error) {
        return failed(res, next, error);
      }
      if (validation.status === 'limit_reached') {
        await signOutHost(host);
        return sendError(res, 409, limitReachedBody(validation));
      }
      // Suspended: the host's session stays, so that it works again when the suspension ends.
      if (validation.status === 'suspended')
        return sendSessionSuspended(res, validation.reason, validation.until);
      if (validation.status !== 'active') {
        await signOutHost(host);
        return validation.status === 'ended'
          ? sendSessionEnded(res, validation.reason, validation.note)
          : sendError(res, 401, { error: 'unauthenticated', message: 'sign in again' });
      }
      const { session, policy } = validation;
      if (options.csrf) {
        const token = csrfToken(deps.csrfSecret, session.tokenHash);
        if (
          UNSAFE_METHODS.has(req.method) &&
          !csrfMatches(deps.csrfSecret, session.tokenHash, req.headers[CSRF_HEADER])
        ) {
          keepCsrfCookie(req, res, deps.cookie, token);
          return sendError(res, 403, {
            error: 'csrf',
            message: `send the ${deps.cookie.csrfName} cookie value in the ${CSRF_HEADER} header`,
          });
        }
        keepCsrfCookie(req, res, deps.cookie, token);
      }
      try {
        await enter(deps, req, session, policy, 'express-session');
      } catch (error) {
        return failed(res, next, error);
      }
      next();
    };
  };
}

function passportUser(req: Request): string | null {
  const user = (req as unknown as HostRequest).session?.passport?.user;
  if (typeof user === 'string' && user.length > 0) return user;
  if (typeof user === 'number' && Number.isFinite(user)) return String(user);
  if (user === undefined || user === null) return null;
  throw new SessionKitError(
    'misconfigured',
    'kit.expressSession(): req.session.passport.user is not an id; pass `userOf` to say who is signed in',
  );
}

/**
 * Ends the host's login: its session document goes from the store, so neither this process nor another
 * finds `passport.user` again. Passport's own `logout` would regenerate (and save) a session first, which
 * a destroyed one can't. A store that fails here still sees the kit refuse this session on every request.
 */
async function signOutHost(host: HostRequest): Promise<void> {
  await new Promise<void>((resolve) => {
    try {
      host.session?.destroy(() => resolve());
    } catch {
      // A store that throws instead of calling back: the refusal below still stands.
      resolve();
    }
  });
  delete host.user;
}

function misconfigured(option: string, message: string): never {
  throw new SessionKitError('misconfigured', `kit.expressSession(): \`${option}\` ${message}`);
}

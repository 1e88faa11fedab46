import type { DirectoryUser, SessionService, UserDirectory } from '@sessionkit/core';
import { credentialKindOf, isSessionKitError } from '@sessionkit/core';
import type { Request, RequestHandler } from 'express';
import type { CookieSettings } from './http/credentials.js';
import { clearSessionCookies, CSRF_HEADER, csrfMatches, readCredential } from './http/credentials.js';
import {
  sendError,
  sendSessionEnded,
  sendSessionSuspended,
  sendStoreUnavailable,
  sendUnauthenticated,
} from './http/errorResponses.js';
import { authenticateCredential } from './authenticateCredential.js';
import { forwardRejections } from './http/forwardRejections.js';
import type { SessionKitRequestContext } from './kitContext.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthenticateDeps {
  service: SessionService;
  directory: UserDirectory;
  cookie: CookieSettings;
  csrfSecret: string;
  /** How long a user read from the directory is reused; 0 reads it on every request. */
  directoryCacheMs: number;
  /** Which requests this kit authenticated: another kit's `req.sessionKit` is never trusted. */
  contexts: WeakMap<Request, SessionKitRequestContext>;
}

/**
 * The kit's `authenticate` middleware: one store read, the CSRF check, then the touch. An API key or app token
 * (a Bearer token with the kit's prefix) is checked by its hash instead, and its use counted in memory.
 */
export function createAuthenticate(deps: AuthenticateDeps): RequestHandler {
  const { service, cookie, csrfSecret, contexts } = deps;
  const userOf = directoryCache(deps);

  return forwardRejections(async (req, res, next) => {
    const known = contexts.get(req);
    if (known) {
      req.sessionKit = known;
      return next();
    }
    const credential = readCredential(req, cookie.name);
    if (!credential) return sendUnauthenticated(res);
    const request = { ip: req.ip ?? '', path: pathOf(req) };
    // An outage is not a sign-out: the client keeps its cookie and retries. Any other failure is a bug, not
    // an outage, and goes to the error handler (a 500) instead of being reported as one.
    const storeFailed = (error: unknown) =>
      isSessionKitError(error, 'store_unavailable') ? sendStoreUnavailable(res) : next(error);
    // An API key or app token: true when it settled the request (passed it on, or answered it).
    const asCredential = async (imported: boolean): Promise<boolean> => {
      let checked;
      try {
        checked = await authenticateCredential(service, credential.secret, res, userOf, { imported });
      } catch (error) {
        storeFailed(error);
        return true;
      }
      if (checked === 'not_a_credential') return false;
      if (checked !== 'answered') {
        contexts.set(req, checked);
        req.sessionKit = checked;
        next();
      }
      return true;
    };
    const issued = credential.via === 'bearer' && credentialKindOf(credential.secret) !== null;
    if (issued && (await asCredential(false))) return;
    let validation;
    try {
      // The activity is counted below, once the request has passed the CSRF check.
      validation = await service.validate(credential.secret, { ...request, touch: false });
    } catch (error) {
      return storeFailed(error);
    }
    if (validation.status === 'unknown') {
      if (credential.via === 'cookie') clearSessionCookies(res, cookie);
      // An API key imported from another system keeps its own form: a second read, for unknown tokens only.
      if (credential.via === 'bearer' && !issued && (await asCredential(true))) return;
      return sendUnauthenticated(res);
    }
    if (validation.status === 'ended') {
      if (credential.via === 'cookie') clearSessionCookies(res, cookie);
      return sendSessionEnded(res, validation.reason, validation.note);
    }
    if (validation.status === 'suspended')
      return sendSessionSuspended(res, validation.reason, validation.until);
    const { session } = validation;
    if (
      credential.via === 'cookie' &&
      UNSAFE_METHODS.has(req.method) &&
      !csrfMatches(csrfSecret, session.tokenHash, req.headers[CSRF_HEADER])
    ) {
      return sendError(res, 403, {
        error: 'csrf',
        message: `send the ${cookie.csrfName} cookie value in the ${CSRF_HEADER} header`,
      });
    }
    try {
      await service.touch(session, validation.policy, request);
    } catch (error) {
      return storeFailed(error);
    }
    const user = await userOf(session.tenantId, session.userId);
    const context: SessionKitRequestContext = {
      credential: 'session',
      userId: session.userId,
      session,
      user: user ?? null,
      tenantId: session.tenantId,
      via: credential.via,
    };
    contexts.set(req, context);
    req.sessionKit = context;
    next();
  });
}

/**
 * Reads users from the directory at most once per `directoryCacheMs`: a directory backed by a database would
 * otherwise add a read to every request. The service's cache, which role policies read too, so that a request
 * of a person whose role has an override still costs at most one directory read per bound.
 */
export function directoryCache({
  service,
}: Pick<AuthenticateDeps, 'service' | 'directory' | 'directoryCacheMs'>): (
  tenantId: string,
  userId: string,
) => Promise<DirectoryUser | undefined> {
  return (tenantId, userId) => service.directoryUser(tenantId, userId);
}

export function pathOf(req: Request): string {
  // The path only: query strings may carry things a host never meant to store.
  return (req.originalUrl ?? req.url).split('?')[0] ?? '/';
}

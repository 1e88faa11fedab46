import type {
  Actor,
  Clock,
  ClientInfo,
  DirectoryUser,
  GeoResolver,
  ImportedSession,
  ImportResult,
  IssueResult,
  PublicSession,
  SessionKind,
  SessionStore,
  UserDirectory,
} from '@sessionkit/core';
import {
  MINUTE,
  SYSTEM_ACTOR,
  SessionKitError,
  SessionService,
  isSessionKitError,
  lifetimeMs,
  toPublicSession,
} from '@sessionkit/core';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Connection } from 'mongoose';
import type { AccessAnswer, AuthorizeHook } from '@sessionkit/core';
import { defaultAuthorize } from '@sessionkit/core';
import { accessOf } from './access.js';
import type { CookieSettings } from './http/credentials.js';
import {
  clearSessionCookies,
  CSRF_HEADER,
  csrfMatches,
  csrfToken,
  readCredential,
  setSessionCookies,
} from './http/credentials.js';
import {
  sendError,
  sendSessionEnded,
  sendStoreUnavailable,
  sendUnauthenticated,
} from './http/errorResponses.js';
import { MongoSessionStore } from './mongo/mongoSessionStore.js';
import { createRouter } from './router.js';
import type { KitInternals, SessionKitRequestContext } from './kitContext.js';

export interface SessionKitCookieOptions {
  /**
   * Default `__Host-sk_session` when the cookie is Secure with Path=/ and no Domain (the browser then refuses
   * it from subdomains and plain http), `__Secure-sk_session` when Secure with a Domain or Path, else `sk_session`.
   */
  name?: string;
  /** Default true. Turn off only for local development over plain http (the names then lose their prefix). */
  secure?: boolean;
  /** Default `lax`. */
  sameSite?: 'lax' | 'strict' | 'none';
  domain?: string;
  /** Default `/`. */
  path?: string;
  /** The readable CSRF cookie. Default `sk_csrf`, prefixed as `name` is (`__Host-sk_csrf`). */
  csrfName?: string;
}

export interface SessionKitOptions {
  /** Any core store (the memory store for demos and tests). Give this or `mongoose`. */
  store?: SessionStore;
  /** A Mongoose connection: the kit keeps its documents there through a `MongoSessionStore`. */
  mongoose?: Connection;
  /** The host's users: names, roles, departments, super-user flags. Required. */
  directory: UserDirectory;
  /** Who may do what. Default: `defaultAuthorize` (own sessions; admins; act on behalf; super users only by super users). */
  authorize?: AuthorizeHook;
  cookie?: SessionKitCookieOptions;
  /** The key of the CSRF token's HMAC: at least 32 characters, the same on every instance. Required. */
  csrfSecret: string;
  /** The policy of a tenant that has not saved one, merged onto the kit's defaults. */
  policyDefaults?: unknown;
  /** IP → place. Private ranges always read "Local network". */
  geo?: GeoResolver | null;
  clock?: Clock;
  /** The most often a session's last-seen time is written. Default 60 s (and at most 1/20 of the idle timeout). */
  touchIntervalMs?: number;
  /** How long another instance may use a tenant's old policy after a change. Default 5 s. */
  policyCacheMs?: number;
  /**
   * How long `authenticate` reuses a user it read from the directory. Default 5 s; 0 asks the directory on
   * every request. A directory backed by a database would otherwise add a read to every request; a role
   * change reaches requests within this bound (ending sessions never waits on it).
   */
  directoryCacheMs?: number;
  /** Force logout and sign-out-everyone need a reason. Default true. */
  requireForceLogoutReason?: boolean;
  /**
   * How often lapsed sessions are ended and old ones removed (stores without TTL indexes need it).
   * Default 10 minutes; 0 turns the timer off (run `kit.service.sweep()` yourself).
   */
  sweepIntervalMs?: number;
  /** The tenant of logins that name none. Default `default`. */
  defaultTenantId?: string;
  /** The largest JSON body the router reads. Default 16 kB. */
  bodyLimitBytes?: number;
}

export interface IssueSessionInput {
  userId: string;
  /** Default: the kit's `defaultTenantId`. */
  tenantId?: string;
  /** Granted only when the policy allows it; then the cookie carries Max-Age. */
  rememberMe?: boolean;
  /** Default `browser`: sets the cookies. `mobile` and `api` sessions get their secret in the result only. */
  kind?: SessionKind;
  client?: ClientInfo;
  /** Under `deny_new`: the session the user chose to give up for this one. */
  replaceSessionId?: string;
}

export interface AccountTarget {
  userId: string;
  /** Default: the kit's `defaultTenantId`. */
  tenantId?: string;
}

export interface SessionKit {
  /** The sessions API (docs/http-api.md). Mount it anywhere: `app.use('/api/sessions', kit.router)`. */
  router: Router;
  /**
   * Checks the cookie or Bearer token with one store read and attaches `req.sessionKit`. Answers 401
   * (`unauthenticated`, or `session_ended` with its reason), 403 `csrf` for a cookie request that changes
   * something without the `x-csrf-token` header, and 503 when the store is down.
   */
  authenticate: RequestHandler;
  /** Call from the host's login after its password check. Sets the cookies for a browser session. */
  issueSession(req: Request, res: Response, input: IssueSessionInput): Promise<IssueResult>;
  /** Call from the host's logout: ends the request's session and clears the cookies. */
  endSession(req: Request, res: Response): Promise<PublicSession | null>;
  /**
   * Ends the user's other sessions after a password change. Given the response too, the request's own cookie
   * session is rotated: it ends and a replacement on the same device takes its place with new cookies, so a
   * secret that leaked with the old password stops working while the person stays signed in.
   */
  onPasswordChanged(target: AccountTarget, req?: Request, res?: Response): Promise<number>;
  /** Ends every session of a deactivated user. */
  onUserDeactivated(target: AccountTarget, req?: Request): Promise<number>;
  /**
   * What the request's signed-in caller may do (and to `targetUserId`), by the `authorize` hook: the answer of
   * `GET /me/access`, for the host's own routes to decide as the kit's do. Needs `authenticate` first.
   */
  access(req: Request, targetUserId?: string): Promise<AccessAnswer>;
  /**
   * Brings in sessions from another session system (or a seed) in bulk, signed in as they are: each keeps
   * the secret its client holds (`secret`) or gets a new one. `tenantId` defaults to the kit's.
   * See docs/integration.md, "Importing sessions".
   */
  importSessions(
    sessions: readonly (Omit<ImportedSession, 'tenantId'> & { tenantId?: string })[],
  ): Promise<ImportResult>;
  service: SessionService;
  /** Stops the sweeper. Closes nothing the host passed in. */
  close(): Promise<void>;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Builds a kit: one per store and cookie name. Checks its options at once and throws an error naming the
 * option to change. Kits keep no shared state, so two in one process don't interfere.
 */
export function createSessionKit(options: SessionKitOptions): SessionKit {
  const settings = checkOptions(options);
  const store = options.store ?? new MongoSessionStore(options.mongoose as Connection);
  const service = new SessionService({
    store,
    directory: options.directory,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.geo !== undefined ? { geo: options.geo } : {}),
    ...(options.policyDefaults !== undefined ? { policyDefaults: options.policyDefaults } : {}),
    ...(options.touchIntervalMs !== undefined ? { touchIntervalMs: options.touchIntervalMs } : {}),
    ...(options.policyCacheMs !== undefined ? { policyCacheMs: options.policyCacheMs } : {}),
  });
  const directory = options.directory;
  const { cookie, csrfSecret, defaultTenantId } = settings;
  // Which requests this kit authenticated: another kit's `req.sessionKit` is never trusted.
  const contexts = new WeakMap<Request, SessionKitRequestContext>();

  const directoryCacheMs = options.directoryCacheMs ?? 5_000;
  const users = new Map<string, { user: DirectoryUser | undefined; readAt: number }>();
  const userOf = async (tenantId: string, userId: string): Promise<DirectoryUser | undefined> => {
    const key = `${tenantId}\u0000${userId}`;
    const now = service.clock.now().getTime();
    const cached = users.get(key);
    if (cached && now - cached.readAt < directoryCacheMs) return cached.user;
    const [user] = await directory.getUsers(tenantId, [userId]);
    if (directoryCacheMs > 0) {
      // Bounded: the oldest entry goes first (Map keeps insertion order).
      if (users.size >= 10_000) users.delete(users.keys().next().value as string);
      users.delete(key);
      users.set(key, { user, readAt: now });
    }
    return user;
  };

  const authenticate: RequestHandler = async (req, res, next) => {
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
    let validation;
    try {
      // The activity is counted below, once the request has passed the CSRF check.
      validation = await service.validate(credential.secret, { ...request, touch: false });
    } catch (error) {
      return storeFailed(error);
    }
    if (validation.status === 'unknown') {
      if (credential.via === 'cookie') clearSessionCookies(res, cookie);
      return sendUnauthenticated(res);
    }
    if (validation.status === 'ended') {
      if (credential.via === 'cookie') clearSessionCookies(res, cookie);
      return sendSessionEnded(res, validation.reason, validation.note);
    }
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
      session,
      user: user ?? null,
      tenantId: session.tenantId,
      via: credential.via,
    };
    contexts.set(req, context);
    req.sessionKit = context;
    next();
  };

  const internals: KitInternals = {
    service,
    directory,
    authorize: options.authorize ?? defaultAuthorize,
    cookie,
    requireForceLogoutReason: options.requireForceLogoutReason ?? true,
    bodyLimitBytes: settings.bodyLimitBytes,
    authenticate,
    contextOf: (req) => contexts.get(req),
    clearCookies: (res) => clearSessionCookies(res, cookie),
  };

  const actorOf = (req: Request | undefined): Actor => {
    const context = req ? contexts.get(req) : undefined;
    return context
      ? { userId: context.session.userId, sessionId: context.session.id, ip: req?.ip ?? null }
      : SYSTEM_ACTOR;
  };

  let sweeper: NodeJS.Timeout | null = null;
  if (settings.sweepIntervalMs > 0) {
    sweeper = setInterval(() => {
      service.sweep().catch((error: unknown) => {
        console.warn('sessionkit: sweep failed; retrying at the next interval', errorMessage(error));
      });
    }, settings.sweepIntervalMs);
    // The sweeper must never keep a host (or a test run) alive on its own.
    sweeper.unref();
  }

  return {
    router: createRouter(internals),
    authenticate,
    service,

    async issueSession(req, res, input) {
      const tenantId = input.tenantId ?? defaultTenantId;
      const kind = input.kind ?? 'browser';
      const result = await service.issue({
        tenantId,
        userId: input.userId,
        ip: req.ip ?? '',
        userAgent: req.get('user-agent') ?? null,
        kind,
        ...(input.client ? { client: input.client } : {}),
        ...(input.rememberMe !== undefined ? { rememberMe: input.rememberMe } : {}),
        ...(input.replaceSessionId ? { replaceSessionId: input.replaceSessionId } : {}),
      });
      if (result.status === 'issued' && kind === 'browser') {
        const policy = await service.getPolicy(tenantId);
        setSessionCookies(res, cookie, {
          secret: result.secret,
          csrf: csrfToken(csrfSecret, result.session.tokenHash),
          maxAgeMs: result.session.rememberMe ? lifetimeMs(policy, true) : null,
        });
      }
      return result;
    },

    async endSession(req, res) {
      const credential = readCredential(req, cookie.name);
      if (credential?.via !== 'bearer') clearSessionCookies(res, cookie);
      if (!credential) return null;
      const ended = await service.endBySecret(credential.secret, { userId: null, ip: req.ip ?? null });
      return ended ? toPublicSession(ended) : null;
    },

    async onPasswordChanged(target, req, res) {
      const context = req ? contexts.get(req) : undefined;
      const tenantId = target.tenantId ?? context?.tenantId ?? defaultTenantId;
      const own = context && context.session.userId === target.userId ? context : null;
      // Only a cookie session can be rotated in place: an app holding a bearer secret would be cut off.
      const rotate = Boolean(res && own?.via === 'cookie');
      const result = await service.onPasswordChanged(tenantId, target.userId, {
        actor: actorOf(req),
        currentSessionId: own?.session.id ?? null,
        rotate,
      });
      if (res && result.rotated) {
        const policy = await service.getPolicy(tenantId);
        setSessionCookies(res, cookie, {
          secret: result.rotated.secret,
          csrf: csrfToken(csrfSecret, result.rotated.session.tokenHash),
          maxAgeMs: result.rotated.session.rememberMe ? lifetimeMs(policy, true) : null,
        });
      }
      return result.ended;
    },

    async importSessions(sessions) {
      if (!Array.isArray(sessions))
        throw new SessionKitError('invalid_input', 'sessions must be a list', { field: 'sessions' });
      return service.importSessions(
        // Anything but an object goes through as it is, for core to name it.
        sessions.map((s) =>
          typeof s === 'object' && s !== null ? { ...s, tenantId: s.tenantId ?? defaultTenantId } : s,
        ) as ImportedSession[],
      );
    },

    async onUserDeactivated(target, req) {
      const tenantId = target.tenantId ?? (req ? contexts.get(req)?.tenantId : undefined) ?? defaultTenantId;
      return service.onUserDeactivated(tenantId, target.userId, { actor: actorOf(req) });
    },

    async access(req, targetUserId) {
      const context = contexts.get(req);
      if (!context) throw new SessionKitError('unauthenticated', 'sign in first');
      return accessOf(internals, context, targetUserId);
    },

    async close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
    },
  };
}

interface Settings {
  cookie: CookieSettings;
  csrfSecret: string;
  defaultTenantId: string;
  sweepIntervalMs: number;
  bodyLimitBytes: number;
}

function misconfigured(option: string, message: string): never {
  throw new SessionKitError('misconfigured', `createSessionKit: \`${option}\` ${message}`);
}

function checkOptions(options: SessionKitOptions): Settings {
  if (!options || typeof options !== 'object') misconfigured('options', 'must be an object');
  if (options.store && options.mongoose)
    misconfigured('store', 'and `mongoose` exclude each other; pass one');
  if (!options.store && !options.mongoose) {
    misconfigured('store', 'is missing: pass a SessionStore, or a Mongoose connection as `mongoose`');
  }
  if (options.store && typeof options.store.findLiveSession !== 'function') {
    misconfigured('store', 'must implement the SessionStore port of @sessionkit/core');
  }
  if (options.mongoose && typeof (options.mongoose as Partial<Connection>).model !== 'function') {
    misconfigured(
      'mongoose',
      'must be a Mongoose Connection (mongoose.createConnection(uri) or mongoose.connection)',
    );
  }
  if (!options.directory || typeof options.directory.getUsers !== 'function') {
    misconfigured('directory', 'is required: a UserDirectory with getUsers(tenantId, ids)');
  }
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    misconfigured('authorize', 'must be a function ({ action, actor, target }) => boolean');
  }
  if (typeof options.csrfSecret !== 'string' || options.csrfSecret.length < 32) {
    misconfigured('csrfSecret', 'must be a string of at least 32 characters, the same on every instance');
  }
  const c = options.cookie ?? {};
  if (typeof c !== 'object') misconfigured('cookie', 'must be an object');
  const secure = c.secure ?? true;
  const path = c.path ?? '/';
  // A browser keeps a `__Host-` cookie only when it is Secure, on Path=/ and without Domain, so no sibling
  // subdomain and no plain-http page can plant or overwrite it (cookie tossing, session fixation). With a
  // Domain or a Path, `__Secure-` still keeps http pages from setting it.
  const prefix = !secure ? '' : c.domain === undefined && path === '/' ? '__Host-' : '__Secure-';
  const cookie: CookieSettings = {
    name: c.name ?? `${prefix}sk_session`,
    secure,
    sameSite: c.sameSite ?? 'lax',
    domain: c.domain,
    path,
    csrfName: c.csrfName ?? `${prefix}sk_csrf`,
  };
  for (const key of ['name', 'csrfName'] as const) {
    if (typeof cookie[key] !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(cookie[key]))
      misconfigured(`cookie.${key}`, 'must be a simple token like sk_session');
    // Browsers match the prefixes without regard to case and silently drop a cookie that breaks their rules.
    if (/^__host-/i.test(cookie[key]) && (!secure || cookie.domain !== undefined || cookie.path !== '/')) {
      misconfigured(`cookie.${key}`, 'starts with __Host-, which needs secure: true, path "/" and no domain');
    }
    if (/^__secure-/i.test(cookie[key]) && !secure)
      misconfigured(`cookie.${key}`, 'starts with __Secure-, which needs secure: true');
  }
  if (cookie.name === cookie.csrfName) misconfigured('cookie.csrfName', 'must differ from cookie.name');
  if (typeof cookie.secure !== 'boolean') misconfigured('cookie.secure', 'must be true or false');
  if (!['lax', 'strict', 'none'].includes(cookie.sameSite)) {
    misconfigured('cookie.sameSite', "must be 'lax', 'strict' or 'none'");
  }
  if (cookie.sameSite === 'none' && !cookie.secure) {
    misconfigured('cookie.sameSite', "'none' needs cookie.secure: browsers drop such cookies otherwise");
  }
  if (typeof cookie.path !== 'string' || !cookie.path.startsWith('/'))
    misconfigured('cookie.path', "must start with '/'");
  if (
    cookie.domain !== undefined &&
    (typeof cookie.domain !== 'string' || !/^[A-Za-z0-9.-]+$/.test(cookie.domain))
  ) {
    misconfigured('cookie.domain', 'must be a host name');
  }
  const sweepIntervalMs = options.sweepIntervalMs ?? 10 * MINUTE;
  if (typeof sweepIntervalMs !== 'number' || !(sweepIntervalMs === 0 || sweepIntervalMs >= 1_000)) {
    misconfigured('sweepIntervalMs', 'must be 0 (off) or at least 1000 ms');
  }
  const defaultTenantId = options.defaultTenantId ?? 'default';
  if (typeof defaultTenantId !== 'string' || defaultTenantId.length === 0) {
    misconfigured('defaultTenantId', 'must be a non-empty string');
  }
  const bodyLimitBytes = options.bodyLimitBytes ?? 16 * 1024;
  if (!Number.isInteger(bodyLimitBytes) || bodyLimitBytes < 1024 || bodyLimitBytes > 1024 * 1024) {
    misconfigured('bodyLimitBytes', 'must be a whole number of bytes between 1024 and 1048576');
  }
  if (
    options.requireForceLogoutReason !== undefined &&
    typeof options.requireForceLogoutReason !== 'boolean'
  ) {
    misconfigured('requireForceLogoutReason', 'must be true or false');
  }
  return { cookie, csrfSecret: options.csrfSecret, defaultTenantId, sweepIntervalMs, bodyLimitBytes };
}

function pathOf(req: Request): string {
  // The path only: query strings may carry things a host never meant to store.
  return (req.originalUrl ?? req.url).split('?')[0] ?? '/';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

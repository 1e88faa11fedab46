import type {
  Actor,
  CredentialImport,
  CredentialImportResult,
  ImportedApiKey,
  ImportedAuthorizedApp,
  ImportedPushRegistration,
  ImportedSession,
  ImportResult,
  IssueResult,
  PublicSession,
  SessionKind,
  SignInAlertOptions,
} from '@sessionkit/core';
import type { AccessAnswer } from '@sessionkit/core';
import {
  SYSTEM_ACTOR,
  SessionKitError,
  SessionService,
  defaultAuthorize,
  lifetimeMs,
  riskSignalAlertOf,
  toPublicSession,
} from '@sessionkit/core';
import type { Request, RequestHandler, Response, Router } from 'express';
import type { Connection } from 'mongoose';
import { accessOf } from './access.js';
import { createAuthenticate, directoryCache } from './authenticate.js';
import { clearSessionCookies, csrfToken, readCredential, setSessionCookies } from './http/credentials.js';
import type { KitInternals, SessionKitRequestContext } from './kitContext.js';
import type { SessionKitOptions } from './kitOptions.js';
import { checkOptions } from './kitOptions.js';
import { MongoSessionStore } from './mongo/mongoSessionStore.js';
import type { KitCredentials } from './kitCredentials.js';
import { kitCredentials } from './kitCredentials.js';
import { createRouter } from './router.js';
import type { ExpressSessionOptions } from './modes/expressSession.js';
import { createExpressSessionMode, hostSessionSecret, requireHostSessionId } from './modes/expressSession.js';
import type { JwtIssueInput, JwtMode } from './modes/jwt.js';
import { createJwtMode } from './modes/jwt.js';
import type { ModeDeps } from './modes/modeRequest.js';

/** What `kit.issueSession` takes: the person signing in (the fields `kit.jwt.issue` takes), and how. */
export interface IssueSessionInput extends JwtIssueInput {
  /** Default `browser`: sets the cookies. `mobile` and `api` sessions get their secret in the result only. */
  kind?: SessionKind;
  /**
   * express-session mode: the host's own session id (`req.sessionID`, after `req.login`) to track instead of
   * setting the kit's cookies; only a keyed hash of it is stored. Optional: `kit.expressSession()` adopts an
   * untracked session on its next request anyway; issuing at login answers remember me and `deny_new` there.
   */
  hostSessionId?: string;
}

export interface AccountTarget {
  userId: string;
  /** Default: the kit's `defaultTenantId`. */
  tenantId?: string;
}

/** A change to an account that ends its sessions, with the words of whoever made it. */
export interface AccountChange extends AccountTarget {
  /**
   * Why, when an administrator made the change (a password reset, a deactivation): kept on each ended session
   * and in the audit trail with the signed-in caller as who did it, and shown to the person on their next
   * request. Default none.
   */
  reason?: string | null;
}

/** An item to import whose `tenantId` may be left out: the kit's `defaultTenantId` is used. */
export type InDefaultTenant<T extends { tenantId: string }> = Omit<T, 'tenantId'> & { tenantId?: string };

/** What `kit.importCredentials` takes: any of the three lists, each item's `tenantId` optional. */
export interface ImportCredentialsInput {
  authorizedApps?: readonly InDefaultTenant<ImportedAuthorizedApp>[];
  pushRegistrations?: readonly InDefaultTenant<ImportedPushRegistration>[];
  apiKeys?: readonly InDefaultTenant<ImportedApiKey>[];
}

export interface SessionKit extends KitCredentials {
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
  /**
   * express-session mode: a middleware placed after `express-session` and `passport.session()` that tracks
   * the host's sessions, adopts untracked ones on their first request, and destroys the host's session
   * (401 `session_ended`) on the first request after the kit ended it. See docs/integration.md.
   */
  expressSession(options?: ExpressSessionOptions): RequestHandler;
  /** JWT mode: a session id for the host's tokens at login, and the middleware that accepts them. */
  jwt: JwtMode;
  /** Call from the host's logout (in every mode): ends the request's session and clears the kit's cookies. */
  endSession(req: Request, res: Response): Promise<PublicSession | null>;
  /**
   * Ends the user's other sessions after a password change. Given the response too, the request's own cookie
   * session is rotated: it ends and a replacement on the same device takes its place with new cookies, so a
   * secret that leaked with the old password stops working while the person stays signed in.
   */
  onPasswordChanged(target: AccountChange, req?: Request, res?: Response): Promise<number>;
  /** Ends every session of a deactivated user; the signed-in caller of `req` is who did it. */
  onUserDeactivated(target: AccountChange, req?: Request): Promise<number>;
  /** Records in the audit trail that a deactivated user may sign in again, and who allowed it (`req`). */
  onUserReactivated(target: AccountChange, req?: Request): Promise<void>;
  /**
   * Brings in sessions from another session system (or a seed) in bulk, signed in as they are: each keeps
   * the secret its client holds (`secret`) or gets a new one. `tenantId` defaults to the kit's.
   * See docs/integration.md, "Importing sessions and credentials".
   */
  importSessions(sessions: readonly InDefaultTenant<ImportedSession>[]): Promise<ImportResult>;
  /**
   * Brings in authorized apps, push registrations and API keys from another system (or a seed) in bulk, as
   * they are: the answer has the ids they were given. Every item is checked first; a bad one fails the call
   * naming it (`authorizedApps[3].userId`) and nothing is stored. `tenantId` defaults to the kit's.
   * See docs/integration.md, "Importing sessions and credentials".
   */
  importCredentials(credentials: ImportCredentialsInput): Promise<CredentialImportResult>;
  service: SessionService;
  /**
   * What the request's signed-in caller may do (and to `targetUserId`), by the `authorize` hook: the answer of
   * `GET /me/access`, for the host's own routes to decide as the kit's do. Needs `authenticate` first.
   */
  access(req: Request, targetUserId?: string): Promise<AccessAnswer>;
  /** Stops the sweeper and writes the credential use counted so far. Closes nothing the host passed in. */
  close(): Promise<void>;
}

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
    // One cache of the directory for the kit: role policies and `req.sessionKit.user` share its reads.
    directoryCacheMs: options.directoryCacheMs ?? 5_000,
    ...(options.apiKeyScopes !== undefined ? { apiKeyScopes: options.apiKeyScopes } : {}),
    ...(options.usageFlushIntervalMs !== undefined
      ? { usageFlushIntervalMs: options.usageFlushIntervalMs }
      : {}),
    ...(options.usageFlushEvery !== undefined ? { usageFlushEvery: options.usageFlushEvery } : {}),
    ...(options.onRiskSignal ? { signInAlerts: signInAlertOptions(options) } : {}),
  });
  const directory = options.directory;
  const { cookie, csrfSecret, defaultTenantId } = settings;
  const contexts = new WeakMap<Request, SessionKitRequestContext>();
  const directoryCacheMs = options.directoryCacheMs ?? 5_000;
  const authenticate = createAuthenticate({
    service,
    directory,
    cookie,
    csrfSecret,
    directoryCacheMs,
    contexts,
  });
  const modeDeps: ModeDeps = {
    service,
    csrfSecret,
    cookie,
    defaultTenantId,
    contexts,
    userOf: directoryCache({ service, directory, directoryCacheMs }),
  };
  // Every way in opens its session alike: the request's address and device, the kit's default tenant.
  const open = (req: Request, input: Omit<IssueSessionInput, 'hostSessionId'> & { secret?: string }) =>
    service.issue({
      tenantId: input.tenantId ?? defaultTenantId,
      userId: input.userId,
      ip: req.ip ?? '',
      userAgent: req.get('user-agent') ?? null,
      kind: input.kind ?? 'browser',
      ...(input.client ? { client: input.client } : {}),
      ...(input.rememberMe !== undefined ? { rememberMe: input.rememberMe } : {}),
      ...(input.replaceSessionId ? { replaceSessionId: input.replaceSessionId } : {}),
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
    });

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
    if (!context) return SYSTEM_ACTOR;
    const sessionId = context.credential === 'session' ? context.session.id : null;
    return { userId: context.userId, sessionId, ip: req?.ip ?? null };
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

  // Counted credential use is written at the latest after this long, even when no request comes to trigger it.
  let usageFlusher: NodeJS.Timeout | null = setInterval(() => {
    service.usage.flush().catch((error: unknown) => {
      console.warn(
        'sessionkit: writing credential use failed; retrying at the next interval',
        errorMessage(error),
      );
    });
  }, service.usage.bound.intervalMs);
  usageFlusher.unref();

  return {
    ...kitCredentials(service, defaultTenantId, contexts),
    router: createRouter(internals),
    authenticate,
    service,

    expressSession: createExpressSessionMode(modeDeps, open),
    jwt: createJwtMode(modeDeps, open),

    async issueSession(req, res, input) {
      const tenantId = input.tenantId ?? defaultTenantId;
      const kind = input.kind ?? 'browser';
      if (input.hostSessionId !== undefined) {
        // The host's own cookie carries this session: the kit sets none of its own.
        const hostId = requireHostSessionId(input.hostSessionId, 'hostSessionId');
        const secret = hostSessionSecret(csrfSecret, tenantId, input.userId, hostId);
        return open(req, { ...input, tenantId, kind: 'browser', secret });
      }
      const result = await open(req, { ...input, tenantId, kind });
      if (result.status === 'issued' && kind === 'browser') {
        // The person's own rules: a role may remember its sessions for less (or more) than the account.
        const { policy } = await service.effectivePolicyFor(tenantId, input.userId);
        setSessionCookies(res, cookie, {
          secret: result.secret,
          csrf: csrfToken(csrfSecret, result.session.tokenHash),
          maxAgeMs: result.session.rememberMe ? lifetimeMs(policy, true) : null,
        });
      }
      return result;
    },

    async endSession(req, res) {
      const context = contexts.get(req);
      if (context && (context.via === 'express-session' || context.via === 'jwt')) {
        const ended = await service.endings.end(context.session, 'logout', actorOf(req));
        return ended ? toPublicSession(ended) : null;
      }
      const credential = readCredential(req, cookie.name);
      if (credential?.via !== 'bearer') clearSessionCookies(res, cookie);
      if (!credential) return null;
      const ended = await service.endBySecret(credential.secret, { userId: null, ip: req.ip ?? null });
      return ended ? toPublicSession(ended) : null;
    },

    async onPasswordChanged(target, req, res) {
      const context = req ? contexts.get(req) : undefined;
      const tenantId = target.tenantId ?? context?.tenantId ?? defaultTenantId;
      const own = context?.credential === 'session' && context.userId === target.userId ? context : null;
      // Only a cookie session can be rotated in place: an app holding a bearer secret would be cut off.
      const rotate = Boolean(res && own?.via === 'cookie');
      const result = await service.onPasswordChanged(tenantId, target.userId, {
        actor: actorOf(req),
        currentSessionId: own?.session.id ?? null,
        rotate,
        reason: target.reason ?? null,
      });
      if (res && result.rotated) {
        const { policy } = await service.effectivePolicyFor(tenantId, target.userId);
        setSessionCookies(res, cookie, {
          secret: result.rotated.secret,
          csrf: csrfToken(csrfSecret, result.rotated.session.tokenHash),
          maxAgeMs: result.rotated.session.rememberMe ? lifetimeMs(policy, true) : null,
        });
      }
      return result.ended;
    },

    async importSessions(sessions) {
      return service.importSessions(inTenant(sessions, defaultTenantId) as ImportedSession[]);
    },

    async access(req, targetUserId) {
      const context = contexts.get(req);
      if (!context) throw new SessionKitError('unauthenticated', 'sign in first');
      return accessOf(internals, context, targetUserId);
    },

    async importCredentials(credentials) {
      const lists =
        typeof credentials === 'object' && credentials !== null && !Array.isArray(credentials)
          ? Object.fromEntries(
              Object.entries(credentials).map(([name, list]) => [name, inTenant(list, defaultTenantId)]),
            )
          : credentials;
      return service.importCredentials(lists as CredentialImport);
    },

    async onUserDeactivated(target, req) {
      const tenantId = target.tenantId ?? (req ? contexts.get(req)?.tenantId : undefined) ?? defaultTenantId;
      return service.onUserDeactivated(tenantId, target.userId, {
        actor: actorOf(req),
        reason: target.reason ?? null,
      });
    },

    async onUserReactivated(target, req) {
      const tenantId = target.tenantId ?? (req ? contexts.get(req)?.tenantId : undefined) ?? defaultTenantId;
      await service.onUserReactivated(tenantId, target.userId, {
        actor: actorOf(req),
        reason: target.reason ?? null,
      });
    },

    async close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
      if (usageFlusher) clearInterval(usageFlusher);
      usageFlusher = null;
      await service.usage.flush();
    },
  };
}

/** Core's alert events, handed to the host's `onRiskSignal` in its documented shape. */
function signInAlertOptions(options: SessionKitOptions): SignInAlertOptions {
  const hook = options.onRiskSignal as NonNullable<SessionKitOptions['onRiskSignal']>;
  const page = options.alertLinkUrl as string;
  return {
    linkFor: (secret) => `${page}#token=${secret}`,
    ...(options.translate ? { translate: options.translate } : {}),
    ...(options.alertLinkTtlMs !== undefined ? { linkTtlMs: options.alertLinkTtlMs } : {}),
    onAlert: (event) => hook(riskSignalAlertOf(event)),
  };
}

/** Gives each item of a list the tenant it names, or the default. Anything else goes through as it is, for core to name. */
function inTenant(list: unknown, defaultTenantId: string): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? { ...item, tenantId: (item as { tenantId?: unknown }).tenantId ?? defaultTenantId }
      : item,
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

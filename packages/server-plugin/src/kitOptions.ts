import type { Clock, GeoResolver, SessionStore, UserDirectory } from '@sessionkit/core';
import { MINUTE, SessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';
import type { AuthorizeHook, RiskSignalAlert, Translate } from '@sessionkit/core';
import type { CookieSettings } from './http/credentials.js';

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
  /** The scopes people may give their API keys, as the host's own routes check them. Default `read`, `write`. */
  apiKeyScopes?: readonly string[];
  /**
   * API-key and app-token use (last used, requests in the last 24 hours) is counted in memory and written at
   * most this long after the request. Default 10 s. Revocation never waits: it is read on every request.
   */
  usageFlushIntervalMs?: number;
  /** ...or once this many requests were counted, whichever comes first. Default 100. */
  usageFlushEvery?: number;
  /** The tenant of logins that name none. Default `default`. */
  defaultTenantId?: string;
  /** The largest JSON body the router reads. Default 16 kB. */
  bodyLimitBytes?: number;
  /**
   * Sign-in alerts: called after a sign-in with a high risk signal (new country, new device not trusted,
   * impossible travel) with a message ready to send and its one-use "this wasn't me" link. Never awaited by the
   * sign-in: a hook that throws is logged and audited (`sign_in_alert`, `delivery: failed`). Needs
   * `alertLinkUrl`. See docs/integration.md, "Sign-in alerts".
   */
  onRiskSignal?: (alert: RiskSignalAlert) => void | Promise<void>;
  /**
   * The host's page for the "this wasn't me" link (`https://app.example.com/not-me`): the link is this with
   * `#token=<secret>` after it. The fragment never reaches a server, so no access log keeps the secret; the
   * page posts it to `POST /alerts/lookup` and `POST /alerts/not-me`.
   */
  alertLinkUrl?: string;
  /** How long the link works. Default 7 days. */
  alertLinkTtlMs?: number;
  /** The host's translations of the `sessionkit.alerts.*` keys (the UI's keys), for the person's locale. */
  translate?: Translate;
}

/** The options once checked, with their defaults filled in. */
export interface Settings {
  cookie: CookieSettings;
  csrfSecret: string;
  defaultTenantId: string;
  sweepIntervalMs: number;
  bodyLimitBytes: number;
}

function misconfigured(option: string, message: string): never {
  throw new SessionKitError('misconfigured', `createSessionKit: \`${option}\` ${message}`);
}

/** Throws at start-up, naming the option to change, rather than failing on the first request. */
export function checkOptions(options: SessionKitOptions): Settings {
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
  if (options.onRiskSignal !== undefined && typeof options.onRiskSignal !== 'function')
    misconfigured('onRiskSignal', 'must be a function (alert) => void');
  if (options.onRiskSignal) {
    let url: URL | null = null;
    try {
      url = new URL(options.alertLinkUrl ?? '');
    } catch {
      url = null;
    }
    if (!url || !/^https?:$/.test(url.protocol) || url.hash)
      misconfigured(
        'alertLinkUrl',
        'must be the http(s) address of the host\'s "this wasn\'t me" page, without a #fragment',
      );
  }
  if (
    options.alertLinkTtlMs !== undefined &&
    (typeof options.alertLinkTtlMs !== 'number' || !(options.alertLinkTtlMs >= 60_000))
  )
    misconfigured('alertLinkTtlMs', 'must be at least 60000 ms');
  if (options.translate !== undefined && typeof options.translate !== 'function')
    misconfigured('translate', 'must be a function (key, english, values, locale) => string');
  return { cookie, csrfSecret: options.csrfSecret, defaultTenantId, sweepIntervalMs, bodyLimitBytes };
}

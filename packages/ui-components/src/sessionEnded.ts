import type { AuthProvider, OnErrorResponse } from '@refinedev/core';
import type { SessionEnded } from '@sessionkit/core/browser';
import { parseSessionEnded } from '@sessionkit/core/browser';
import { identityMayHaveChanged } from './internal/identityEpoch.js';
import {
  answeredSignedIn,
  forgetSessionEnded,
  recallSessionEnded,
  rememberSessionEnded,
  requestMark,
} from './internal/sessionEndMemory.js';
import {
  forgetSessionSuspended,
  recallSessionSuspended,
  sessionSuspendedFromError,
  sessionSuspendedLoginUrl,
} from './sessionSuspended.js';

interface ErrorParts {
  status: number | undefined;
  body: Record<string, unknown> | undefined;
}

// Errors reach onError from any data provider: ours (statusCode + body), fetch-based ones (status) or
// axios-based ones (response.status + response.data). Read all three shapes.
function partsOf(error: unknown): ErrorParts {
  if (!error || typeof error !== 'object') return { status: undefined, body: undefined };
  const e = error as Record<string, unknown>;
  const response = e.response as Record<string, unknown> | undefined;
  const status = [e.statusCode, e.status, response?.status].find((s) => typeof s === 'number') as
    number | undefined;
  const body = [e.body, response?.data, e].find(
    (b) => b && typeof b === 'object' && typeof (b as Record<string, unknown>).error === 'string',
  ) as Record<string, unknown> | undefined;
  return { status, body };
}

/**
 * Why the session ended, from an error of any data provider (the kit's, fetch- or axios-shaped ones) that
 * carries a `401 session_ended` answer; null for any other error.
 */
export function sessionEndedFromError(error: unknown): SessionEnded | null {
  const { status, body } = partsOf(error);
  return parseSessionEnded(status, body);
}

function isUnauthenticated(error: unknown): boolean {
  const { status, body } = partsOf(error);
  return status === 401 && body?.error === 'unauthenticated';
}

type Retry = boolean | number | ((failureCount: number, error: unknown) => boolean);

/**
 * Wraps a react-query `retry` so that a 401 is never repeated; any other failure is left to `retry` (react-query's
 * default of three retries when it is undefined).
 */
export function retryUnlessSignedOut(
  retry: Retry | undefined,
): (failureCount: number, error: unknown) => boolean {
  return (failureCount, error) => {
    if (partsOf(error).status === 401) return false;
    if (typeof retry === 'function') return retry(failureCount, error);
    if (typeof retry === 'number') return failureCount < retry;
    if (typeof retry === 'boolean') return retry;
    return failureCount < 3;
  };
}

/**
 * A react-query `retry` for the host's own queries: no retry of a 401 (an ended session or none), three of
 * anything else as react-query's default. The kit's components already query this way; set it on the client
 * so the host's queries also sign the person out at once instead of after ~7 s of retries:
 * `options={{ reactQuery: { clientConfig: { defaultOptions: { queries: { retry: sessionKitRetry } } } } }}`.
 */
export const sessionKitRetry: (failureCount: number, error: unknown) => boolean =
  retryUnlessSignedOut(undefined);

/**
 * The login page's address after a session ended: `<loginPath>?reason=<reason>&note=<note>` (no `note` when the
 * ending has none). Read it back with {@link sessionEndedFromLoginUrl}.
 */
export function sessionEndedLoginUrl(ending: SessionEnded, loginPath = '/login'): string {
  const query = new URLSearchParams({ reason: ending.reason });
  if (ending.note) query.set('note', ending.note);
  return `${loginPath}?${query.toString()}`;
}

/**
 * What a login page says about the last session: the ending in its address (`?reason=…&note=…`, as
 * {@link sessionEndedLoginUrl} writes it), or null when the address names none.
 */
export function sessionEndedFromLoginUrl(search: string | URLSearchParams): SessionEnded | null {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const reason = query.get('reason');
  if (!reason) return null;
  return { reason, note: query.get('note') || null };
}

/** Options of {@link sessionKitAuthProvider}. */
export interface SessionKitAuthProviderOptions {
  /**
   * Where an ended session sends the person; default `/login?reason=<reason>&note=<note>`
   * ({@link sessionEndedLoginUrl}). `note` is the words an administrator gave (a force logout's reason), or null.
   */
  redirectTo?: (reason: string, note: string | null) => string;
  /**
   * What a 401 without a session (`unauthenticated`) that no ended session explains does: `logout` (default)
   * sends the person to `unauthenticatedRedirect`, `ignore` leaves it to the host's `onError`.
   */
  unauthenticated?: 'logout' | 'ignore';
  /** Default `/login`. */
  unauthenticatedRedirect?: string;
  /**
   * Where a suspended session (`401 session_suspended`) sends the person, without signing them out; default
   * `/login?reason=session_suspended&note=<reason>&until=<ISO>` (`sessionSuspendedLoginUrl`).
   */
  suspendedRedirect?: (reason: string, until: Date) => string;
}

/**
 * The host's Refine auth provider, signing the person out once when the server says their session has ended
 * and sending them to the login page with the reason and the administrator's words, so it can say why ("An
 * administrator signed you out: lost laptop"). Create it once, outside any component:
 *
 * ```ts
 * const authProvider = sessionKitAuthProvider(myAuthProvider);
 * ```
 *
 * - The reason survives Refine's retries and requests that raced the first answer: those only hear
 *   `unauthenticated` (the first answer cleared the cookie), and are taken for the same ending.
 * - However many queries fail, `logout` is asked for once per ending (the host's `logout` still runs, to clear
 *   what the host keeps).
 * - Without a router provider Refine can't navigate: the login page is then loaded in full.
 * - A `check` that finds no session after such an ending sends the person to the same address.
 * - Every other error goes to the host's own `onError`; a `503` outage signs nobody out.
 * - A successful `login` forgets the ending.
 * - A `login` or `logout` drops the answers `sessionKitAccessControl` keeps: they were about the last person.
 */
export function sessionKitAuthProvider(
  host: AuthProvider,
  options: SessionKitAuthProviderOptions = {},
): AuthProvider {
  const redirectTo = options.redirectTo ?? ((reason, note) => sessionEndedLoginUrl({ reason, note }));
  const suspendedTo =
    options.suspendedRedirect ?? ((reason, until) => sessionSuspendedLoginUrl({ reason, until }));
  // The sign-out asked for and not yet arrived at the login page: the failures of other queries in the same
  // moment must not each log out again (without a router, that was a loop of a hundred logouts).
  let signingOut: { to: string; explained: boolean } | null = null;

  const arrive = (to: string) => {
    if (typeof window === 'undefined') return;
    // Refine navigates through its router provider right after logout answers, within the same task; a
    // later task that finds the page elsewhere means no router took it there, so the login page is loaded
    // in full. That also drops every query and cache of the ended session.
    setTimeout(() => {
      const target = new URL(to, window.location.href);
      const here = window.location;
      if (here.pathname === target.pathname && here.search === target.search && here.hash === target.hash) {
        signingOut = null;
      } else {
        window.location.assign(target.href);
      }
    }, 0);
  };

  return {
    ...host,

    async login(params: unknown) {
      const result = await host.login(params);
      if (result.success) {
        signingOut = null;
        forgetSessionEnded();
        forgetSessionSuspended();
        identityMayHaveChanged();
      }
      return result;
    },

    async check(params?: unknown) {
      const mark = requestMark();
      const result = await host.check(params);
      if (result.authenticated) {
        // Signed in again (in another tab, say): the old ending no longer explains anything, unless this
        // check left before the ending was heard.
        answeredSignedIn(mark);
        forgetSessionSuspended();
        return result;
      }
      // A suspended session is not signed out: its next check after the suspension ends passes again.
      const suspended = recallSessionSuspended();
      if (suspended) return { ...result, redirectTo: suspendedTo(suspended.reason, suspended.until) };
      // The host's check may only hear `unauthenticated` after another request learnt why the session ended.
      const ending = recallSessionEnded();
      return ending ? { ...result, redirectTo: redirectTo(ending.reason, ending.note) } : result;
    },

    async logout(params: unknown) {
      identityMayHaveChanged();
      try {
        return await host.logout(params);
      } finally {
        // Also when the host's logout fails: the session has ended all the same.
        const redirectPath = (params as { redirectPath?: unknown } | undefined)?.redirectPath;
        if (signingOut && redirectPath === signingOut.to) arrive(signingOut.to);
      }
    },

    async onError(error: unknown): Promise<OnErrorResponse> {
      // Suspended: to the login page with the reason, but no logout, which would end the paused session.
      const suspended = sessionSuspendedFromError(error);
      if (suspended)
        return { redirectTo: suspendedTo(suspended.reason, suspended.until), error: error as Error };
      const told = sessionEndedFromError(error);
      if (told) rememberSessionEnded(told);
      const ending = told ?? (isUnauthenticated(error) ? recallSessionEnded() : null);
      let to: string;
      if (ending) {
        to = redirectTo(ending.reason, ending.note);
      } else if (isUnauthenticated(error) && options.unauthenticated !== 'ignore') {
        to = options.unauthenticatedRedirect ?? '/login';
      } else {
        return host.onError(error);
      }
      // Only a reason may still change where an under-way sign-out leads.
      if (signingOut && (signingOut.explained || !ending)) return {};
      signingOut = { to, explained: ending !== null };
      return { logout: true, redirectTo: to, error: error as Error };
    },
  };
}

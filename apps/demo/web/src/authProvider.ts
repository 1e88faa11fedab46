import type { AuthProvider } from '@refinedev/core';
import {
  parseSessionSuspended,
  sessionEndedLoginUrl,
  sessionKitAuthProvider,
  sessionSuspendedLoginUrl,
} from '@sessionkit/ui-components';
import { csrfToken, fetchMe, forgetMe, rememberSignedOut } from './identity';
import type { Json, LimitReachedBody, SessionRecord } from '@sessionkit/core/browser';

export interface LoginVariables {
  username: string;
  password: string;
  rememberMe?: boolean;
  /** Under `deny_new`: the session the person chose to end to make room. */
  replaceSessionId?: string;
  /** Where to go after signing in. */
  to?: string;
}

/** A refused sign-in, with what the login page needs to explain it or offer a choice. */
export class LoginError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly sessions: Json<SessionRecord>[] = [],
    readonly max: number | null = null,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

const SAFE_NEXT = /^\/(?!\/)[^\s]*$/;

const acmeAuthProvider: AuthProvider = {
  async login(variables: LoginVariables) {
    const response = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        username: variables.username,
        password: variables.password,
        rememberMe: variables.rememberMe === true,
        ...(variables.replaceSessionId ? { replaceSessionId: variables.replaceSessionId } : {}),
      }),
    });
    forgetMe();
    if (response.ok) {
      const to =
        variables.to && SAFE_NEXT.test(variables.to) && !variables.to.startsWith('/login')
          ? variables.to
          : '/';
      return { success: true, redirectTo: to };
    }
    const body = (await response.json().catch(() => ({}))) as Partial<Json<LimitReachedBody>>;
    const suspended = parseSessionSuspended(response.status, body);
    if (suspended) {
      const until = suspended.until.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
      const message = `Your sessions are suspended until ${until}: ${suspended.reason}`;
      return { success: false, error: new LoginError(response.status, 'session_suspended', message) };
    }
    return {
      success: false,
      error: new LoginError(
        response.status,
        body.error ?? 'error',
        body.message ?? `Sign-in failed (${response.status}). Try again.`,
        body.sessions ?? [],
        body.max ?? null,
      ),
    };
  },

  async logout(params?: { redirectPath?: string }) {
    // Also after the server ended the session: the call then only makes sure both cookies are gone.
    await fetch('/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: '{}',
    }).catch(() => undefined);
    rememberSignedOut();
    return { success: true, redirectTo: params?.redirectPath ?? '/login' };
  },

  async check() {
    const me = await fetchMe({ fresh: true });
    if (me.status === 'signed_in') return { authenticated: true };
    // Suspended: to the login page with the reason, without a logout, which would end the paused session.
    if (me.suspended) return { authenticated: false, redirectTo: sessionSuspendedLoginUrl(me.suspended) };
    // `/auth/me` may be the request that learns why the session ended (a reload after a force logout).
    if (me.ending) return { authenticated: false, logout: true, redirectTo: sessionEndedLoginUrl(me.ending) };
    const next = `${window.location.pathname}${window.location.search}`;
    const to = next !== '/' && !next.startsWith('/login') ? `?to=${encodeURIComponent(next)}` : '';
    return { authenticated: false, logout: true, redirectTo: `/login${to}` };
  },

  // An ended session is the kit's (below); the demo has no other error that signs anyone out.
  async onError() {
    return {};
  },

  async getIdentity() {
    const me = await fetchMe();
    return me.status === 'signed_in' ? me.identity : null;
  },
};

/**
 * The demo's provider under the kit's: an ended session signs the person out once, however many requests
 * fail, and the login page learns the reason and the administrator's words from its address.
 */
export const authProvider = sessionKitAuthProvider(acmeAuthProvider);

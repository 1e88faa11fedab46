import type { AuthProvider } from '@refinedev/core';
import { sessionEndedOnError, sessionEndedReason } from '@sessionkit/ui-components';
import type { PublicSessionJson } from './loginTypes';
import { clearSignedOut, csrfToken, fetchMe, forgetMe, keepSignedOut } from './identity';

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
    readonly sessions: PublicSessionJson[] = [],
    readonly max: number | null = null,
  ) {
    super(message);
    this.name = 'LoginError';
  }
}

const onSessionEnded = sessionEndedOnError();

const SAFE_NEXT = /^\/(?!\/)[^\s]*$/;

export const authProvider: AuthProvider = {
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
      clearSignedOut();
      const to =
        variables.to && SAFE_NEXT.test(variables.to) && !variables.to.startsWith('/login')
          ? variables.to
          : '/';
      return { success: true, redirectTo: to };
    }
    const body = (await response.json().catch(() => ({}))) as {
      error?: string;
      message?: string;
      sessions?: PublicSessionJson[];
      max?: number;
    };
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
    forgetMe();
    // Signing out by hand (no redirect given) is not a session the server ended: nothing to explain.
    if (!params?.redirectPath) clearSignedOut();
    return { success: true, redirectTo: params?.redirectPath ?? '/login' };
  },

  async check() {
    const me = await fetchMe({ fresh: true });
    if (me.status === 'signed_in') return { authenticated: true };
    if (me.reason) keepSignedOut(me.reason, me.note);
    const next = `${window.location.pathname}${window.location.search}`;
    const query = me.reason
      ? `reason=${encodeURIComponent(me.reason)}`
      : next !== '/' && !next.startsWith('/login')
        ? `to=${encodeURIComponent(next)}`
        : '';
    return { authenticated: false, logout: true, redirectTo: query ? `/login?${query}` : '/login' };
  },

  async onError(error: unknown) {
    // The kit's helper decides (session_ended → logout with the reason); the demo host adds the
    // administrator's words to force-logout answers, kept here for the login page.
    const reason = sessionEndedReason(error);
    if (reason) keepSignedOut(reason, (error as { body?: { note?: string } }).body?.note);
    return onSessionEnded(error);
  },

  async getIdentity() {
    const me = await fetchMe();
    return me.status === 'signed_in' ? me.identity : null;
  },

  async getPermissions() {
    const me = await fetchMe();
    return me.status === 'signed_in' ? me.identity.permissions : null;
  },
};

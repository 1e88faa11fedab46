import type { OnErrorResponse } from '@refinedev/core';

/** Options of {@link sessionEndedOnError}. */
export interface SessionEndedOnErrorOptions {
  /**
   * Where an ended session sends the user; default `/login?reason=<reason>`. `note` is the words an
   * administrator gave (a force logout's reason), or null.
   */
  redirectTo?: (reason: string, note: string | null) => string;
  /**
   * What a 401 without a session (`unauthenticated`) does: `logout` (default) sends the user to
   * `unauthenticatedRedirect`, `ignore` leaves it to `fallback`.
   */
  unauthenticated?: 'logout' | 'ignore';
  /** Default `/login`. */
  unauthenticatedRedirect?: string;
  /** The host's own handling for every other error; default: nothing happens. */
  fallback?: (error: unknown) => Promise<OnErrorResponse> | OnErrorResponse;
}

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

/** The end reason of a `session_ended` 401 (`force_logout`, `idle_timeout`, …), or null for any other error. */
export function sessionEndedReason(error: unknown): string | null {
  const { status, body } = partsOf(error);
  if (status !== 401 || body?.error !== 'session_ended') return null;
  return typeof body.reason === 'string' ? body.reason : 'ended';
}

/** The administrator's words on a `session_ended` 401 (`note`), or null. */
export function sessionEndedNote(error: unknown): string | null {
  if (!sessionEndedReason(error)) return null;
  const note = partsOf(error).body?.note;
  return typeof note === 'string' && note ? note : null;
}

/**
 * An `authProvider.onError` that signs the user out when the server says their session has ended, and sends them
 * to the login page with the reason so it can say why ("An administrator signed you out").
 *
 * ```ts
 * const authProvider = { ...hostAuthProvider, onError: sessionEndedOnError() };
 * ```
 */
export function sessionEndedOnError(
  options: SessionEndedOnErrorOptions = {},
): (error: unknown) => Promise<OnErrorResponse> {
  const redirectTo = options.redirectTo ?? ((reason) => `/login?reason=${encodeURIComponent(reason)}`);
  return async (error) => {
    const reason = sessionEndedReason(error);
    if (reason) {
      return { logout: true, redirectTo: redirectTo(reason, sessionEndedNote(error)), error: error as Error };
    }
    const { status, body } = partsOf(error);
    if (status === 401 && body?.error === 'unauthenticated' && options.unauthenticated !== 'ignore') {
      return { logout: true, redirectTo: options.unauthenticatedRedirect ?? '/login', error: error as Error };
    }
    return options.fallback ? options.fallback(error) : {};
  };
}

import type { SessionEnded, SessionSuspended } from '@sessionkit/ui-components';
import { parseSessionEnded, parseSessionSuspended } from '@sessionkit/ui-components';
import type { Identity } from '../../shared/authJson';

export type MeResult =
  | { status: 'signed_in'; identity: Identity }
  /** `ending`: why the session this browser held has ended, when `/auth/me` is the request that learns it. */
  | { status: 'signed_out'; ending: SessionEnded | null; suspended?: SessionSuspended | null };

let cached: Promise<MeResult> | null = null;
let inFlight = false;
// Set by a sign-out in this tab: the answer is known until the next sign-in, so the queries Refine refetches
// as the tab leaves for the login page, and the login page's own, don't ask again (each 401 is a console error).
let signedOutHere = false;

/**
 * `/auth/me`, shared by the auth and access-control providers within one render pass. A fresh answer is asked
 * for unless one is already on its way: Refine's check and identity queries refetch together after a sign-out.
 */
export function fetchMe(options: { fresh?: boolean } = {}): Promise<MeResult> {
  if (signedOutHere && cached) return cached;
  if (!cached || (options.fresh && !inFlight)) {
    inFlight = true;
    cached = (async (): Promise<MeResult> => {
      const response = await fetch('/auth/me', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (response.ok) return { status: 'signed_in', identity: (await response.json()) as Identity };
      if (response.status === 401) {
        const body: unknown = await response.json().catch(() => null);
        return {
          status: 'signed_out',
          ending: parseSessionEnded(response.status, body),
          suspended: parseSessionSuspended(response.status, body),
        };
      }
      throw new Error(`Couldn't load your account (${response.status})`);
    })();
    // A failure must not stick: the next call asks again.
    const asked = cached;
    asked.then(
      () => {
        if (cached === asked) inFlight = false;
      },
      () => {
        if (cached !== asked) return;
        inFlight = false;
        cached = null;
      },
    );
  }
  return cached;
}

/** This tab signed out: until it signs in again, `/auth/me` would only say so. */
export function rememberSignedOut(): void {
  cached = Promise.resolve({ status: 'signed_out', ending: null });
  inFlight = false;
  signedOutHere = true;
}

export function forgetMe(): void {
  cached = null;
  inFlight = false;
  signedOutHere = false;
}

/**
 * The CSRF token the kit set at login (a readable cookie), echoed in a header on changes. Its name is
 * `__Host-sk_csrf` where the kit's cookies are Secure (https) and `sk_csrf` on the demo's plain http.
 */
export function csrfToken(): string {
  const cookies = document.cookie.split('; ');
  for (const name of ['__Host-sk_csrf', 'sk_csrf']) {
    const match = cookies.find((c) => c.startsWith(`${name}=`));
    if (match) return decodeURIComponent(match.slice(name.length + 1));
  }
  return '';
}

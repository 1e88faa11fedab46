/** Who is signed in, as the host's `GET /auth/me` answers. */
export interface Identity {
  id: string;
  tenantId: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  sessionId: string;
  permissions: { admin: boolean; actOnBehalf: boolean };
  /** `dbip` when places come from DB-IP Lite, whose licence asks for a credit where they show. */
  geoAttribution: 'dbip' | null;
}

export type MeResult =
  | { status: 'signed_in'; identity: Identity }
  | { status: 'signed_out'; reason: string | null; note: string | null };

let cached: Promise<MeResult> | null = null;

/** `/auth/me`, shared by the auth and access-control providers within one render pass. */
export function fetchMe(options: { fresh?: boolean } = {}): Promise<MeResult> {
  if (!cached || options.fresh) {
    cached = (async (): Promise<MeResult> => {
      const response = await fetch('/auth/me', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (response.ok) return { status: 'signed_in', identity: (await response.json()) as Identity };
      const body = (await response.json().catch(() => ({}))) as {
        error?: string;
        reason?: string;
        note?: string;
      };
      if (response.status === 401) {
        const ended = body.error === 'session_ended';
        return {
          status: 'signed_out',
          reason: ended ? (body.reason ?? 'ended') : null,
          note: ended ? (body.note ?? null) : null,
        };
      }
      throw new Error(`Couldn't load your account (${response.status})`);
    })();
    // A failure must not stick: the next call asks again.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}

export function forgetMe(): void {
  cached = null;
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

const KEY = 'acme-signed-out';

export interface SignedOut {
  /** The kit's end reason: `force_logout`, `idle_timeout`, … */
  reason: string;
  /** The administrator's words, for a force logout. */
  note: string | null;
}

/**
 * Why this tab's session ended, kept for the login page in the tab's storage rather than the URL (the
 * administrator's words stay out of the address bar and history). Requests racing the first `session_ended`
 * answer find the cookie already gone and only say `unauthenticated`; the reason seen first is kept.
 */
export function keepSignedOut(reason: string, note: string | null | undefined): void {
  const known = signedOut();
  if (known && known.reason === reason && known.note && !note) return;
  sessionStorage.setItem(KEY, JSON.stringify({ reason, note: note ?? null }));
}

export function signedOut(): SignedOut | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as SignedOut | null;
    return value && typeof value.reason === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Forgets it once the person has signed in again. */
export function clearSignedOut(): void {
  sessionStorage.removeItem(KEY);
}

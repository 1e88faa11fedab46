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

/** The CSRF token the kit set at login (a readable cookie), echoed in a header on changes. */
export function csrfToken(): string {
  const match = document.cookie.split('; ').find((c) => c.startsWith('sk_csrf='));
  return match ? decodeURIComponent(match.slice('sk_csrf='.length)) : '';
}

const NOTE_KEY = 'acme-signed-out-note';

/**
 * The administrator's words for a force logout travel to the login page through this tab's storage, not the
 * URL, so they stay out of the address bar and history.
 */
export function keepSignedOutNote(note: string | null | undefined): void {
  if (note) sessionStorage.setItem(NOTE_KEY, note);
  else sessionStorage.removeItem(NOTE_KEY);
}

export function signedOutNote(): string | null {
  return sessionStorage.getItem(NOTE_KEY);
}

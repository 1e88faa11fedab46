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
  { status: 'signed_in'; identity: Identity } | { status: 'signed_out'; reason: string | null };

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
      const body = (await response.json().catch(() => ({}))) as { error?: string; reason?: string };
      if (response.status === 401) {
        return {
          status: 'signed_out',
          reason: body.error === 'session_ended' ? (body.reason ?? 'ended') : null,
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

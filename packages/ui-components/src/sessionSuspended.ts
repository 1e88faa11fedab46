// A suspended session (`401 session_suspended`): the person is turned away with the administrator's reason,
// but nothing signs them out. Their cookie stays, so the same session works again once the suspension ends
// or is lifted; a logout here would end it and undo the point of pausing instead of ending.

/** Why and until when the person's sessions are paused. */
export interface SessionSuspended {
  /** The administrator's words. */
  reason: string;
  until: Date;
}

// The last suspension this page heard of (module state, as the ending memory: the data provider that hears it
// is not the auth provider that acts on it). Cleared when a request succeeds again or someone signs in.
let heard: SessionSuspended | null = null;

function partsOf(error: unknown): { status: unknown; body: Record<string, unknown> | undefined } {
  if (!error || typeof error !== 'object') return { status: undefined, body: undefined };
  const e = error as Record<string, unknown>;
  const response = e.response as Record<string, unknown> | undefined;
  const status = [e.statusCode, e.status, response?.status].find((s) => typeof s === 'number');
  const body = [e.body, response?.data, e].find(
    (b) => b && typeof b === 'object' && typeof (b as Record<string, unknown>).error === 'string',
  ) as Record<string, unknown> | undefined;
  return { status, body };
}

/** The suspension a `401 session_suspended` answer carries; null for any other answer. */
export function parseSessionSuspended(status: unknown, body: unknown): SessionSuspended | null {
  if (status !== 401 || !body || typeof body !== 'object') return null;
  const { error, reason, until } = body as Record<string, unknown>;
  if (error !== 'session_suspended') return null;
  const end = new Date(typeof until === 'string' || until instanceof Date ? until : Number.NaN);
  return {
    reason: typeof reason === 'string' ? reason : '',
    until: end,
  };
}

/** The suspension in an error of any data provider (the kit's, fetch- or axios-shaped ones), or null. */
export function sessionSuspendedFromError(error: unknown): SessionSuspended | null {
  const { status, body } = partsOf(error);
  const suspended = parseSessionSuspended(status, body);
  if (suspended) heard = suspended;
  return suspended;
}

/** The last suspension heard on this page, until a request succeeds again or someone signs in. */
export function recallSessionSuspended(): SessionSuspended | null {
  return heard;
}

export function forgetSessionSuspended(): void {
  heard = null;
}

/**
 * The login page's address for a suspended person: `<loginPath>?reason=session_suspended&note=<reason>&until=<ISO>`.
 * A login page that already shows `reason` and `note` (`sessionEndedFromLoginUrl`) says something sensible;
 * {@link sessionSuspendedFromLoginUrl} reads the end too.
 */
export function sessionSuspendedLoginUrl(suspended: SessionSuspended, loginPath = '/login'): string {
  const query = new URLSearchParams({ reason: 'session_suspended', note: suspended.reason });
  if (!Number.isNaN(suspended.until.getTime())) query.set('until', suspended.until.toISOString());
  return `${loginPath}?${query.toString()}`;
}

/** The suspension a login page's address names (as {@link sessionSuspendedLoginUrl} writes it), or null. */
export function sessionSuspendedFromLoginUrl(search: string | URLSearchParams): SessionSuspended | null {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  if (query.get('reason') !== 'session_suspended') return null;
  return { reason: query.get('note') ?? '', until: new Date(query.get('until') ?? Number.NaN) };
}

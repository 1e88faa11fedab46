import type {
  ApiKeyRecord,
  AuditEventRecord,
  AuthorizedAppRecord,
  DirectoryUser,
  PushRegistrationRecord,
  RiskKind,
  SessionPolicy,
  SessionRecord,
  SuspensionRecord,
  TeamSessionRecord,
} from '@sessionkit/core/browser';

/** One request the components made, as the server saw it. Play functions assert on these. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  csrf: string | null;
}

export interface MockServerOptions {
  mySessions?: SessionRecord[];
  teamSessions?: TeamSessionRecord[];
  apps?: AuthorizedAppRecord[];
  push?: PushRegistrationRecord[];
  apiKeys?: ApiKeyRecord[];
  audit?: AuditEventRecord[];
  policy?: SessionPolicy;
  /** People whose sessions are paused (`aSuspension` in mockSuspensions.ts). */
  suspensions?: SuspensionRecord[];
  /** Who is signed in, as `GET /me/access` answers for them under the kit's default rule; default `OWNER`. */
  caller?: DirectoryUser;
  /** Requests whose path matches never answer: the loading state. */
  hang?: RegExp;
  /**
   * Requests whose path (and method, when given) matches get this answer instead: the error states, and odd
   * payloads.
   */
  respond?: { match: RegExp; method?: string; status: number; body: Record<string, unknown> };
  /** Answer mutations after this many ms (default 0) so busy states can be seen. */
  delayMs?: number;
  /** Unanswered sign-in alerts on the viewer's sessions (`mySessions`), with their links' secrets. */
  alerts?: MockAlert[];
}

/** Who the mock answers: the stories' owner, a person, an administrator who isn't a super user, or nobody. */
export type MockCaller = 'owner' | 'person' | 'admin' | 'anonymous';

/** The token the stories' data provider reads as its `sk_csrf` cookie; the mock refuses changes without it. */
export const MOCK_CSRF = 'csrf-mock-7d1f';
export const MOCK_API = '/api/sessions';

export type Result = { status?: number; body: unknown; total?: number };
export type Handler = (ctx: {
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
  caller: MockCaller;
}) => Result | Promise<Result>;

export function page<T>(items: T[], query: URLSearchParams): { body: T[]; total: number } {
  let rows = [...items];
  const sort = query.get('_sort');
  if (sort) {
    const order = query.get('_order') === 'desc' ? -1 : 1;
    rows.sort((a, b) => {
      const x = (a as Record<string, unknown>)[sort] as string | number | Date;
      const y = (b as Record<string, unknown>)[sort] as string | number | Date;
      return (x > y ? 1 : x < y ? -1 : 0) * order;
    });
  }
  const total = rows.length;
  // As the plugin does: without paging parameters a list answers its first 100 rows.
  const start = Number(query.get('_start') ?? 0);
  const end = query.has('_end') ? Number(query.get('_end')) : start + 100;
  rows = rows.slice(start, end);
  return { body: rows, total };
}

export function error(status: number, code: string, message: string, field?: string) {
  return { status, body: { error: code, message, ...(field ? { field } : {}) } };
}

export const DAY = 86_400_000;
export const STATUSES = ['active', 'ended', 'all'];
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
export const badStatus = () => error(400, 'invalid_input', 'status: must be active, ended or all', 'status');

/** Takes a row out by id: the removed row, or a 404. */
export function removeRow<T extends { id: string }>(rows: T[], id: string): Result {
  const i = rows.findIndex((r) => r.id === id);
  if (i < 0) return error(404, 'not_found', 'Not found');
  return { body: rows.splice(i, 1)[0] };
}

/** An unanswered sign-in alert on one of the viewer's sessions, and the link secret the mock "sent" for it. */
export interface MockAlert {
  sessionId: string;
  signals: RiskKind[];
  /** The "this wasn't me" link's secret (`POST /alerts/not-me`). */
  token: string;
}

import type { Session } from './session.js';
import type {
  ActiveUsersQuery,
  LiveSession,
  Page,
  SessionEnd,
  SortOrder,
  UserSessionSummary,
} from './store.js';

// What every store does the same way: the live part of a session and its overlay on the record, the orders
// lists are sorted in, and the team view's fold. Exported for store implementations; hosts don't need them.

/** The live part of a session record: what `authenticate` reads. */
export function liveOf(session: Session): LiveSession {
  return {
    id: session.id,
    tokenHash: session.tokenHash,
    userId: session.userId,
    tenantId: session.tenantId,
    kind: session.kind,
    ip: session.ip,
    lastIp: session.lastIp,
    createdAt: new Date(session.createdAt),
    lastSeenAt: new Date(session.lastSeenAt),
    rememberMe: session.rememberMe,
    activity: { ...session.activity },
    slot: session.slot,
  };
}

/** How an imported session that arrives already ended ended. */
export function endOf(session: Session): SessionEnd {
  return {
    id: session.id,
    tokenHash: session.tokenHash,
    tenantId: session.tenantId,
    userId: session.userId,
    endedAt: new Date(session.endedAt ?? session.lastSeenAt),
    endReason: session.endReason ?? 'revoked',
    endedBy: session.endedBy,
    note: session.endNote,
  };
}

/** A record (its state as of login) with the live state laid over: what lists and details show. */
export function withLiveState(
  record: Session,
  live: Pick<LiveSession, 'lastSeenAt' | 'lastIp' | 'activity' | 'slot'>,
): Session {
  return {
    ...record,
    lastSeenAt: new Date(live.lastSeenAt),
    lastIp: live.lastIp,
    activity: { ...live.activity },
    slot: live.slot,
  };
}

/** People's words (names, departments) in a human order: one collator, as building one per call is slow. */
const TEXT_ORDER = new Intl.Collator();
export function compareText(a: string, b: string): number {
  return TEXT_ORDER.compare(a, b);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Null sorts before every date. */
export function compareNullableDates(a: Date | null, b: Date | null): number {
  return (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity) || 0;
}

/** The order session lists use: by one date field, ties by id in the same order. */
export function sessionOrder(
  field: 'createdAt' | 'lastSeenAt' | 'endedAt',
  order: SortOrder,
): (a: Session, b: Session) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * (compareNullableDates(a[field], b[field]) || compareStrings(a.id, b.id));
}

/**
 * `items.sort(compare).slice(offset, offset + limit)` without sorting everything: admin lists ask for a first
 * page of 25 out of hundreds of thousands, so only the best `offset + limit` are kept while walking.
 */
export function pageOf<T>(
  items: Iterable<T>,
  compare: (a: T, b: T) => number,
  offset = 0,
  limit?: number,
): T[] {
  if (limit === undefined) return [...items].sort(compare).slice(offset);
  const keep = offset + limit;
  if (keep === 0) return [];
  const best: T[] = [];
  for (const item of items) {
    if (best.length === keep && compare(item, best[keep - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > keep) best.pop();
  }
  return best.slice(offset);
}

/** The fields of a live session the team view folds. */
export type ActiveUserFields = Pick<LiveSession, 'userId' | 'createdAt' | 'lastSeenAt' | 'ip'>;

/** Adds one active session to its user's row (creating the row): the newest login and latest activity win. */
export function foldActiveSession(
  rows: Map<string, UserSessionSummary>,
  s: ActiveUserFields,
): UserSessionSummary {
  const row = rows.get(s.userId);
  if (!row) {
    const created = {
      userId: s.userId,
      activeSessions: 1,
      lastLoginAt: new Date(s.createdAt),
      lastLoginIp: s.ip,
      lastActiveAt: new Date(s.lastSeenAt),
    };
    rows.set(s.userId, created);
    return created;
  }
  row.activeSessions++;
  if (s.createdAt > row.lastLoginAt) {
    row.lastLoginAt = new Date(s.createdAt);
    row.lastLoginIp = s.ip;
  }
  if (s.lastSeenAt > row.lastActiveAt) row.lastActiveAt = new Date(s.lastSeenAt);
  return row;
}

/** The team view's filter, order and page over rows already folded. */
export function pageActiveUsers(
  rows: Iterable<UserSessionSummary>,
  query: ActiveUsersQuery,
): Page<UserSessionSummary> {
  const only = query.userIds ? new Set(query.userIds) : null;
  const except = query.excludeUserIds?.length ? new Set(query.excludeUserIds) : null;
  let total = 0;
  function* matches(): Generator<UserSessionSummary> {
    for (const row of rows) {
      if (only && !only.has(row.userId)) continue;
      if (except?.has(row.userId)) continue;
      total++;
      yield row;
    }
  }
  const items = pageOf(matches(), activeUserOrder(query.sort), query.offset ?? 0, query.limit);
  return { items: items.map((r) => ({ ...r })), total };
}

export function activeUserOrder(
  sort: ActiveUsersQuery['sort'] = { field: 'lastActiveAt', order: 'desc' },
): (a: UserSessionSummary, b: UserSessionSummary) => number {
  const sign = sort.order === 'asc' ? 1 : -1;
  const { field } = sort;
  return (a, b) => {
    const x = a[field];
    const y = b[field];
    const primary = typeof x === 'number' ? x - (y as number) : (x as Date).getTime() - (y as Date).getTime();
    return sign * (primary || compareStrings(a.userId, b.userId));
  };
}

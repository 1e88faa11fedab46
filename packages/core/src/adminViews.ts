import type { AuditAction } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { DAY } from './clock.js';
import { SessionKitError } from './errors.js';
import { riskSignals } from './risk.js';
import type { RiskSignal } from './risk.js';
import type { SessionPolicy } from './policy.js';
import type { Session } from './session.js';
import { sameDevice } from './session.js';
import type {
  AdminSummary,
  AdminUserRow,
  AdminUsersQuery,
  LoginStats,
  LoginStatsDay,
  ServiceDeps,
  UserSessionsQuery,
} from './serviceTypes.js';
import type { Page, SessionQuery, UserSessionSummary } from './store.js';
import { compareStrings, compareText, pageOf } from './storeSupport.js';
import type { DirectoryUser } from './userDirectory.js';

const MAX_STATS_DAYS = 366;
const STATS_DEFAULT_DAYS = 30;
const RISK_HISTORY = 200;

/**
 * What people and administrators look at: one person's sessions, the account's sessions, the team view and
 * its cards, warning signs, login statistics and the audit trail. Reads only, except that a session found
 * lapsed on the way is ended, so that no list shows it as active.
 */
export class AdminViews {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /** A user's own sessions, the current one first. Sessions that lapsed under the policy are ended on the way. */
  async listUserSessions(
    tenantId: string,
    userId: string,
    query: UserSessionsQuery = {},
  ): Promise<Session[]> {
    const status = query.status ?? 'active';
    const { items } = await this.#d.store.listSessions({
      tenantId,
      userId,
      ...(status === 'all' ? {} : { status }),
      ...(query.since ? { seenSince: query.since } : {}),
      sort: query.sort ?? { field: 'lastSeenAt', order: 'desc' },
    });
    const fresh = await this.#settleLapsed(tenantId, items);
    const shown = status === 'active' ? fresh.filter((s) => s.status === 'active') : fresh;
    // The current session leads whatever the order: it is the one row the person must not mistake.
    const current = shown.findIndex((s) => s.id === query.currentSessionId);
    if (current > 0) shown.unshift(...shown.splice(current, 1));
    return shown;
  }

  /**
   * The person's own list as their sessions page shows it: the sessions (the current one first), paged, and
   * the warning signs for them, judged without reading the active sessions twice.
   */
  async listOwnSessions(
    tenantId: string,
    userId: string,
    query: UserSessionsQuery & { offset?: number; limit?: number } = {},
  ): Promise<{ sessions: Page<Session>; risk: RiskSignal[] }> {
    const all = await this.listUserSessions(tenantId, userId, query);
    // Listed without filters, they are all the person's active sessions: no need to read them again.
    const complete = (query.status ?? 'active') === 'active' && query.since === undefined;
    const risk = await this.riskSignalsFor(tenantId, userId, complete ? { active: all } : {});
    const offset = query.offset ?? 0;
    const end = query.limit === undefined ? undefined : offset + query.limit;
    return { sessions: { items: all.slice(offset, end), total: all.length }, risk };
  }

  /**
   * The account's session list as administrators see it: a page of sessions, their owners and whoever ended
   * them from the directory, and the warning signs of the page's active ones (two reads, however many people).
   */
  async listAccountSessions(
    tenantId: string,
    query: Omit<SessionQuery, 'tenantId'> = {},
  ): Promise<{ sessions: Page<Session>; users: DirectoryUser[]; risk: RiskSignal[] }> {
    const sessions = await this.listSessions(tenantId, query);
    // The enders are looked up with the owners: one directory read names both columns of the list.
    const owners = [
      ...new Set(sessions.items.flatMap((s) => (s.endedBy ? [s.userId, s.endedBy] : [s.userId]))),
    ];
    const [users, risk] = await Promise.all([
      this.#d.directory && owners.length > 0 ? this.#d.directory.getUsers(tenantId, owners) : [],
      this.riskSignalsFor(
        tenantId,
        sessions.items.filter((s) => s.status === 'active').map((s) => s.userId),
      ),
    ]);
    return { sessions, users, risk };
  }

  /** One of the user's own sessions; another user's id is `not_found`. */
  async getUserSession(tenantId: string, userId: string, sessionId: string): Promise<Session> {
    const session = await this.#d.store.findSessionById(tenantId, sessionId);
    if (!session || session.userId !== userId)
      throw new SessionKitError('not_found', 'no session with that id');
    const [settled] = await this.#settleLapsed(tenantId, [session]);
    return settled ?? session;
  }

  /** One session of the account, for administrators; an unknown id is `not_found`. */
  async getAccountSession(tenantId: string, sessionId: string): Promise<Session> {
    const session = await this.#d.store.findSessionById(tenantId, sessionId);
    if (!session) throw new SessionKitError('not_found', 'no session with that id');
    const [settled] = await this.#settleLapsed(tenantId, [session]);
    return settled ?? session;
  }

  /**
   * How often a person signed in from the device of one of their sessions, counting that one, within the
   * history the account keeps (ended sessions are purged after the policy's retention).
   */
  async deviceSignIns(
    tenantId: string,
    userId: string,
    session: Session,
  ): Promise<{ count: number; days: number }> {
    const { items } = await this.#d.store.listSessions({ tenantId, userId });
    const count = items.filter((s) => sameDevice(s.device, session.device)).length;
    return { count, days: (await this.#d.getPolicy(tenantId)).retention.endedSessionDays };
  }

  /** Sessions across the account, for administrators. */
  async listSessions(tenantId: string, query: Omit<SessionQuery, 'tenantId'> = {}): Promise<Page<Session>> {
    const page = await this.#d.store.listSessions({ ...query, tenantId });
    return { ...page, items: await this.#settleLapsed(tenantId, page.items) };
  }

  async #settleLapsed(tenantId: string, sessions: readonly Session[]): Promise<Session[]> {
    const active = sessions.filter((s) => s.status === 'active');
    // Each by its owner's own rules (their roles' overrides weighed): one directory read for the page at most.
    const policies =
      active.length > 0
        ? await this.#d.policiesFor(tenantId, [...new Set(active.map((s) => s.userId))])
        : new Map<string, SessionPolicy>();
    const out: Session[] = [];
    for (const s of sessions) {
      const policy = policies.get(s.userId);
      const lapse = s.status === 'active' && policy ? this.#d.lapse(s, policy) : null;
      out.push(lapse ? ((await this.#d.end(s, lapse, SYSTEM_ACTOR)) ?? s) : s);
    }
    return out;
  }

  /**
   * Warning signs for the active sessions of one user or several (an admin page's people), each judged
   * against its own user's history: two reads whatever the number of people. A caller that already holds
   * the users' active sessions passes them.
   */
  async riskSignalsFor(
    tenantId: string,
    users: string | readonly string[],
    known: { active?: readonly Session[] } = {},
  ): Promise<RiskSignal[]> {
    const userIds = typeof users === 'string' ? [users] : [...new Set(users)];
    if (userIds.length === 0) return [];
    // Judged against the newest RISK_HISTORY ended sessions a person, not every stored one: a person with
    // years of history would otherwise make each list request read all of it.
    const [active, ended] = await Promise.all([
      known.active ??
        this.#d.store.listSessions({ tenantId, userIds, status: 'active' }).then((p) => p.items),
      this.#d.store
        .listSessions({
          tenantId,
          userIds,
          status: 'ended',
          sort: { field: 'lastSeenAt', order: 'desc' },
          limit: RISK_HISTORY * userIds.length,
        })
        .then((p) => p.items),
    ]);
    const history = [...active, ...ended];
    const now = this.#d.clock.now();
    return active.flatMap((s) => riskSignals(s, history, { now }));
  }

  async adminSummary(tenantId: string): Promise<AdminSummary> {
    const [counts, superUsers] = await Promise.all([
      this.#d.store.countActiveSessions(tenantId),
      this.signedInSuperUserIds(tenantId),
    ]);
    return { activeUsers: counts.users, activeSessions: counts.sessions, superUsers: superUsers.length };
  }

  /** Super users with an active session: whom only another super user may sign out. */
  async signedInSuperUserIds(tenantId: string): Promise<string[]> {
    const directory = this.#d.directory;
    if (!directory) return [];
    if (directory.listSuperUserIds) {
      const ids = await directory.listSuperUserIds(tenantId);
      if (ids.length === 0) return [];
      const { items } = await this.#d.store.listActiveUsers({ tenantId, userIds: ids });
      return items.map((r) => r.userId);
    }
    const { items } = await this.#d.store.listActiveUsers({ tenantId });
    const users = await this.#usersById(
      tenantId,
      items.map((r) => r.userId),
    );
    return items.filter((r) => users.get(r.userId)?.superUser === true).map((r) => r.userId);
  }

  /**
   * One row per signed-in user, joined with the host's directory, filtered, sorted and paged. Sorted by an
   * activity field, the store pages and only the page is looked up in the directory; sorted by a directory
   * field (name, department), every signed-in person is.
   */
  async adminUsers(tenantId: string, query: AdminUsersQuery = {}): Promise<Page<AdminUserRow>> {
    const sort = query.sort ?? 'lastActiveAt';
    const order = query.order ?? (sort === 'name' || sort === 'department' ? 'asc' : 'desc');
    const scope = await this.#teamScope(tenantId, query);
    if (scope === null) return { items: [], total: 0 };
    if (sort !== 'name' && sort !== 'department') {
      const page = await this.#d.store.listActiveUsers({
        tenantId,
        ...scope,
        sort: { field: sort, order },
        offset: query.offset ?? 0,
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      return { items: await this.#withDirectory(tenantId, page.items), total: page.total };
    }
    const { items } = await this.#d.store.listActiveUsers({ tenantId, ...scope });
    const rows = await this.#withDirectory(tenantId, items);
    const sign = order === 'asc' ? 1 : -1;
    const offset = query.offset ?? 0;
    return {
      items: pageOf(
        rows,
        (a, b) => sign * (compareBy(a, b, sort) || compareStrings(a.userId, b.userId)),
        offset,
        query.limit,
      ),
      total: rows.length,
    };
  }

  /**
   * Which signed-in users the team view's filters leave in, as the store's query takes them; null when
   * nobody can match. A text filter goes to the directory's search when it has one; without it, every
   * signed-in person is looked up and matched here.
   */
  async #teamScope(
    tenantId: string,
    query: AdminUsersQuery,
  ): Promise<{ userIds?: string[]; excludeUserIds?: string[] } | null> {
    const userIds = query.q?.trim() ? await this.#matchingUserIds(tenantId, query.q) : undefined;
    if (query.superUser === undefined) return userIds ? { userIds } : {};
    const supers = await this.signedInSuperUserIds(tenantId);
    if (query.superUser) {
      const only = userIds ? supers.filter((id) => userIds.includes(id)) : supers;
      return only.length > 0 ? { userIds: only } : null;
    }
    return { ...(userIds ? { userIds } : {}), excludeUserIds: supers };
  }

  /**
   * The ids a free-text filter names: the directory's search when it has one, else every signed-in person looked
   * up and matched on name, email and department here; the text itself as an id too, so a person the directory
   * no longer knows is still found by it.
   */
  async #matchingUserIds(tenantId: string, text: string): Promise<string[]> {
    const raw = text.trim();
    const q = raw.toLowerCase();
    if (this.#d.directory?.searchUserIds)
      return [...(await this.#d.directory.searchUserIds(tenantId, q)), raw];
    const { items } = await this.#d.store.listActiveUsers({ tenantId });
    const users = await this.#usersById(
      tenantId,
      items.map((r) => r.userId),
    );
    const named = items
      .filter((r) => {
        const u = users.get(r.userId);
        return [u?.name, u?.email, u?.department, u?.id].some((v) => v?.toLowerCase().includes(q));
      })
      .map((r) => r.userId);
    return [...named, raw];
  }

  async #withDirectory(tenantId: string, rows: readonly UserSessionSummary[]): Promise<AdminUserRow[]> {
    const users = await this.#usersById(
      tenantId,
      rows.map((r) => r.userId),
    );
    return rows.map((r) => {
      const u = users.get(r.userId);
      return {
        ...r,
        name: u?.name ?? r.userId,
        email: u?.email ?? null,
        role: u?.role ?? null,
        department: u?.department ?? null,
        superUser: u?.superUser === true,
      };
    });
  }

  async #usersById(tenantId: string, ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    if (!this.#d.directory || ids.length === 0) return new Map();
    return new Map((await this.#d.directory.getUsers(tenantId, ids)).map((u) => [u.id, u]));
  }

  /** Logins and sign-outs of one user in a period, per UTC day (the fleet source's Logs tab). */
  async loginStats(
    tenantId: string,
    userId: string,
    period: { from?: Date; to?: Date } = {},
  ): Promise<LoginStats> {
    // Default: the 30 days up to now (or up to `to`), the period the fleet source's Logs tab opens on.
    const to = period.to ?? this.#d.clock.now();
    const from = period.from ?? new Date(to.getTime() - STATS_DEFAULT_DAYS * DAY);
    if (!(to > from))
      throw new SessionKitError('invalid_input', '`to` must be after `from`', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_STATS_DAYS * DAY) {
      throw new SessionKitError('invalid_input', `the period can be at most ${MAX_STATS_DAYS} days`, {
        field: 'to',
      });
    }
    const { items } = await this.#d.store.listAuditEvents({
      tenantId,
      userId,
      actions: ['login', 'session_ended'],
      from,
      to,
    });
    const days = new Map<string, LoginStatsDay>();
    for (let t = startOfUtcDay(from); t < to.getTime(); t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      days.set(date, { date, logins: 0, logouts: 0 });
    }
    let logins = 0;
    let logouts = 0;
    for (const e of items) {
      if (e.targetUserId !== userId) continue;
      const day = days.get(e.at.toISOString().slice(0, 10));
      if (e.action === 'login') {
        logins++;
        if (day) day.logins++;
      } else {
        logouts++;
        if (day) day.logouts++;
      }
    }
    return { from, to, logins, logouts, days: [...days.values()] };
  }

  /**
   * The audit trail, newest first. `q` finds the events of the people it names, as the team view's filter finds
   * them (`#matchingUserIds`): by name, email or department through the directory, or by id.
   */
  async listAuditEvents(
    tenantId: string,
    query: {
      userId?: string;
      q?: string;
      actions?: AuditAction[];
      bulkId?: string;
      offset?: number;
      limit?: number;
    } = {},
  ) {
    const { q, ...rest } = query;
    const userIds = q?.trim() ? await this.#matchingUserIds(tenantId, q) : undefined;
    return this.#d.store.listAuditEvents({ ...rest, ...(userIds ? { userIds } : {}), tenantId });
  }
}

function compareBy(a: AdminUserRow, b: AdminUserRow, key: NonNullable<AdminUsersQuery['sort']>): number {
  const x = a[key];
  const y = b[key];
  if (x instanceof Date && y instanceof Date) return x.getTime() - y.getTime();
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return compareText(String(x ?? ''), String(y ?? ''));
}

function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

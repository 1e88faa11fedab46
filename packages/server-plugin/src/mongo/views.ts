import type {
  ActiveCounts,
  ActiveUsersQuery,
  AuditEvent,
  AuditQuery,
  Page,
  Session,
  SessionQuery,
  UserSessionSummary,
} from '@sessionkit/core';
import {
  activeUserOrder,
  foldActiveSession,
  pageActiveUsers,
  sessionOrder,
  withLiveState,
} from '@sessionkit/core';
import type { Query } from 'mongoose';
import { fromAuditDoc, fromLiveDoc, fromSessionDoc } from './docs.js';
import { withLive } from './lifecycle.js';
import type { Partitions } from './partitions.js';
import type { AuditDoc, LiveSessionDoc, SessionDoc, SessionKitModels } from './models.js';

/** What the admin and account views read, straight from the collections. */
export class MongoViews {
  readonly #models: SessionKitModels;
  readonly #fold: () => boolean;
  readonly #partitions: () => Partitions;

  /**
   * `fold` says whether the team view reads the account's active sessions once and folds them in code. These
   * reads expect `live_sessions` in one piece: a partitioned database (see `partitions.ts`) has a mirror that
   * answers them instead.
   */
  constructor(models: SessionKitModels, fold: () => boolean, partitions: () => Partitions) {
    this.#models = models;
    this.#fold = fold;
    this.#partitions = partitions;
  }

  async listSessions(query: SessionQuery): Promise<Page<Session>> {
    // Active sessions come from the live documents (their last seen is current there), ended ones from the
    // records; each side is sorted and cut by the server, and the two are merged here.
    const { field, order } = query.sort ?? { field: 'createdAt', order: 'desc' };
    const dir = order === 'asc' ? 1 : -1;
    const offset = query.offset ?? 0;
    const need = query.limit === undefined ? undefined : offset + query.limit;
    const owner: Record<string, unknown> = { tenantId: query.tenantId };
    if (query.userIds !== undefined) owner.userId = { $in: [...new Set(query.userIds)] };
    if (query.userId !== undefined) owner.userId = query.userId;
    if (query.seenSince !== undefined) owner.lastSeenAt = { $gte: query.seenSince };

    if (query.status === undefined && query.seenSince === undefined && field !== 'lastSeenAt') {
      // Creation and end times never change after the end: both kinds sort together in the records, and
      // only the page's active ones need their live state.
      const { docs, total } = await counted<SessionDoc>(
        this.#models.sessions.find(owner).sort({ [field]: dir, _id: dir }),
        need,
        () => this.#models.sessions.countDocuments(owner),
      );
      return { items: await withLive(this.#partitions(), docs.slice(offset).map(fromSessionDoc)), total };
    }
    const sides: Promise<{ items: Session[]; total: number }>[] = [];
    if (query.status !== 'ended') {
      // Active sessions have no end time: by end time they sort by id alone.
      const sort: Record<string, 1 | -1> = field === 'endedAt' ? { id: dir } : { [field]: dir, id: dir };
      sides.push(
        counted<LiveSessionDoc>(this.#models.liveSessions.find(owner).sort(sort), need, () =>
          this.#models.liveSessions.countDocuments(owner),
        ).then(async ({ docs, total }) => ({ items: await this.#recordsOf(docs), total })),
      );
    }
    if (query.status !== 'active') {
      const filter = { ...owner, status: 'ended' };
      sides.push(
        counted<SessionDoc>(this.#models.sessions.find(filter).sort({ [field]: dir, _id: dir }), need, () =>
          this.#models.sessions.countDocuments(filter),
        ).then(({ docs, total }) => ({ items: docs.map(fromSessionDoc), total })),
      );
    }
    const results = await Promise.all(sides);
    const merged = results.flatMap((r) => r.items).sort(sessionOrder(field, order));
    return {
      items: merged.slice(offset, need),
      total: results.reduce((n, r) => n + r.total, 0),
    };
  }

  /** Records for live documents, in their order, with the live state laid over. */
  async #recordsOf(docs: readonly LiveSessionDoc[]): Promise<Session[]> {
    if (docs.length === 0) return [];
    const records = new Map(
      (
        await this.#models.sessions
          .find(docs.length === 1 ? { _id: docs[0]?.id } : { _id: { $in: docs.map((d) => d.id) } })
          .lean<SessionDoc[]>()
      ).map((d) => [d._id, d]),
    );
    const out: Session[] = [];
    for (const doc of docs) {
      const record = records.get(doc.id);
      // A live document without its record is a login between its two inserts: not listed yet.
      if (!record) continue;
      out.push(withLiveState(fromSessionDoc(record), fromLiveDoc(doc)));
    }
    return out;
  }

  async countActiveSessions(tenantId: string): Promise<ActiveCounts> {
    if (this.#fold()) {
      const rows = await this.#foldUsers({ tenantId });
      let sessions = 0;
      for (const row of rows.values()) sessions += row.activeSessions;
      return { users: rows.size, sessions };
    }
    const [sessions, users] = await Promise.all([
      this.#models.liveSessions.countDocuments({ tenantId }),
      this.#countActiveUsers({ tenantId }),
    ]);
    return { users, sessions };
  }

  async #countActiveUsers(filter: Record<string, unknown>): Promise<number> {
    const [row] = await this.#models.liveSessions.aggregate<{ n: number }>([
      { $match: filter },
      { $group: { _id: '$userId' } },
      { $count: 'n' },
    ]);
    return row?.n ?? 0;
  }

  async listActiveUsers(query: ActiveUsersQuery): Promise<Page<UserSessionSummary>> {
    // Folded in code: FerretDB's $group has only $sum and $count, and a row needs maxima and the newest IP.
    const filter: Record<string, unknown> = { tenantId: query.tenantId };
    if (query.userIds) {
      const except = new Set(query.excludeUserIds ?? []);
      filter.userId = { $in: query.userIds.filter((id) => !except.has(id)) };
    } else if (query.excludeUserIds?.length) {
      filter.userId = { $nin: query.excludeUserIds };
    }
    const sort = query.sort ?? { field: 'lastActiveAt', order: 'desc' };
    const offset = query.offset ?? 0;
    if (
      !this.#fold() &&
      query.limit !== undefined &&
      !query.userIds &&
      sort.order === 'desc' &&
      (sort.field === 'lastActiveAt' || sort.field === 'lastLoginAt')
    ) {
      const key = sort.field === 'lastActiveAt' ? 'lastSeenAt' : 'createdAt';
      const [users, total] = await Promise.all([
        this.#newestUsers(filter, key, offset + query.limit),
        this.#countActiveUsers(filter),
      ]);
      const rows = await this.#foldUsers({ tenantId: query.tenantId, userId: { $in: users } });
      const items = [...rows.values()].sort(activeUserOrder(sort)).slice(offset, offset + query.limit);
      return { items, total };
    }
    return pageActiveUsers((await this.#foldUsers(filter)).values(), query);
  }

  /**
   * The first `keep` users by their newest `key`, walking the sessions newest first (an index on MongoDB):
   * a user's first session on that walk carries their newest time, so the walk stops after `keep` users
   * (and the ties at the boundary, which the caller orders by user id).
   */
  async #newestUsers(
    filter: Record<string, unknown>,
    key: 'lastSeenAt' | 'createdAt',
    keep: number,
  ): Promise<string[]> {
    const users = new Set<string>();
    let boundary: number | null = null;
    const cursor = this.#models.liveSessions
      .find(filter, { userId: 1, [key]: 1 })
      .sort({ [key]: -1, id: -1 })
      .batchSize(Math.min(1_000, keep * 4))
      .lean<Pick<LiveSessionDoc, 'userId' | 'lastSeenAt' | 'createdAt'>[]>()
      .cursor();
    try {
      for await (const doc of cursor) {
        const time = doc[key].getTime();
        if (boundary !== null && time < boundary) break;
        users.add(doc.userId);
        if (boundary === null && users.size >= keep) boundary = time;
      }
    } finally {
      await cursor.close();
    }
    return [...users];
  }

  async #foldUsers(filter: Record<string, unknown>): Promise<Map<string, UserSessionSummary>> {
    const docs = await this.#models.liveSessions
      .find(filter, { userId: 1, createdAt: 1, lastSeenAt: 1, ip: 1 })
      .lean<Pick<LiveSessionDoc, 'userId' | 'createdAt' | 'lastSeenAt' | 'ip'>[]>();
    const rows = new Map<string, UserSessionSummary>();
    for (const d of docs) foldActiveSession(rows, d);
    return rows;
  }

  async listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
    const filter: Record<string, unknown> = { tenantId: query.tenantId };
    const either: Record<string, unknown>[] = [];
    if (query.userId !== undefined)
      either.push({ $or: [{ targetUserId: query.userId }, { actorId: query.userId }] });
    if (query.userIds !== undefined) {
      const ids = [...query.userIds];
      either.push({ $or: [{ targetUserId: { $in: ids } }, { actorId: { $in: ids } }] });
    }
    if (either.length === 1) Object.assign(filter, either[0]);
    if (either.length > 1) filter.$and = either;
    if (query.actions !== undefined) filter.action = { $in: [...query.actions] };
    if (query.bulkId !== undefined) filter.bulkId = query.bulkId;
    if (query.from !== undefined || query.to !== undefined) {
      filter.at = {
        ...(query.from !== undefined ? { $gte: query.from } : {}),
        ...(query.to !== undefined ? { $lt: query.to } : {}),
      };
    }
    let find = this.#models.auditEvents
      .find(filter)
      .sort({ at: -1, _id: -1 })
      .skip(query.offset ?? 0);
    if (query.limit !== undefined) find = find.limit(query.limit);
    const [docs, total] = await Promise.all([
      find.lean<AuditDoc[]>(),
      this.#models.auditEvents.countDocuments(filter),
    ]);
    return { items: docs.map(fromAuditDoc), total };
  }
}

/**
 * Runs a list query cut at `need`, and counts the matches only when the cut left some out: a page that
 * came back short already holds them all, and on FerretDB every count reads the whole collection.
 */
async function counted<T>(
  find: Query<unknown[], unknown>,
  need: number | undefined,
  count: () => Promise<number>,
): Promise<{ docs: T[]; total: number }> {
  const docs = (await (need === undefined ? find : find.limit(need)).lean()) as T[];
  return { docs, total: need === undefined || docs.length < need ? docs.length : await count() };
}

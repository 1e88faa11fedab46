import type {
  ActiveCounts,
  ActiveUsersQuery,
  ApiKey,
  AuditEvent,
  AuditQuery,
  AuthorizedApp,
  Ending,
  LiveSession,
  Page,
  PushRegistration,
  Session,
  SessionEnd,
  SessionPolicy,
  SessionQuery,
  SessionRef,
  SessionStore,
  SlotHolder,
  SlotKey,
  TouchPatch,
  UserSessionSummary,
} from '@sessionkit/core';
import {
  HOUR,
  SessionKitError,
  activeUserOrder,
  endOf,
  foldActiveSession,
  isSessionKitError,
  liveOf,
  pageActiveUsers,
  sessionOrder,
  withLiveState,
} from '@sessionkit/core';
import type { Connection, Query } from 'mongoose';
import type {
  ApiKeyDoc,
  AuditDoc,
  LiveSessionDoc,
  OwnedDoc,
  SessionDoc,
  SessionEndDoc,
  SessionKitModels,
} from './models.js';
import { defineModels } from './models.js';

export interface MongoSessionStoreOptions {
  /** Prefix of every collection the kit creates. Default `sessionkit_`. */
  collectionPrefix?: string;
  /**
   * How long an operation may wait while no server can be reached before it fails with `store_unavailable`
   * (a 503). Default 1,000 ms. The driver would otherwise wait out `serverSelectionTimeoutMS` (30 s by
   * default) on every request during an outage. Slow operations on a reachable server are not cut short.
   */
  outageTimeoutMs?: number;
  /**
   * How the team view finds its page. `index` walks the newest-first index until the page is full (MongoDB:
   * a page costs a page); `fold` reads the account's active sessions once and folds them (FerretDB 1.24
   * reads the whole collection for any filter but `{ _id }`, so one read beats three). Default `auto`: `fold`
   * on FerretDB, `index` elsewhere.
   */
  teamView?: 'auto' | 'index' | 'fold';
}

const INSERT_BATCH = 1_000;
const DELETE_BATCH = 1_000;

/** Server error codes that mean "not now" (failover, shutdown), not "this command is wrong". */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * The Mongo store: MongoDB 6+ and FerretDB 1.24 run the same code. Reads that decide whether a request is
 * signed in use the primary (the connection's default); a host that lets admin lists read secondaries sets that
 * on its own connection for those reads, not here.
 */
export class MongoSessionStore implements SessionStore {
  readonly models: SessionKitModels;
  readonly #connection: Connection;
  readonly #outageTimeoutMs: number;
  #ready: Promise<void> | null = null;
  /**
   * FerretDB (1.24, SQLite) reads a whole collection for every filter but `{ _id }`, so there the team view
   * folds everything in one read instead of walking an index it doesn't have in three.
   */
  #scansEveryFilter = false;
  readonly #teamView: 'auto' | 'index' | 'fold';

  constructor(connection: Connection, options: MongoSessionStoreOptions = {}) {
    if (!connection || typeof connection.model !== 'function') {
      throw new SessionKitError('misconfigured', 'MongoSessionStore needs a Mongoose Connection');
    }
    const prefix = options.collectionPrefix ?? 'sessionkit_';
    if (!/^[A-Za-z0-9_]{0,40}$/.test(prefix)) {
      throw new SessionKitError('misconfigured', '`collectionPrefix` may hold letters, digits and _ only');
    }
    this.#connection = connection;
    this.#outageTimeoutMs = options.outageTimeoutMs ?? 1_000;
    if (!(this.#outageTimeoutMs > 0)) {
      throw new SessionKitError(
        'misconfigured',
        '`outageTimeoutMs` must be a positive number of milliseconds',
      );
    }
    this.#teamView = options.teamView ?? 'auto';
    if (!['auto', 'index', 'fold'].includes(this.#teamView)) {
      throw new SessionKitError('misconfigured', '`teamView` must be auto, index or fold');
    }
    this.models = defineModels(connection, prefix);
  }

  get #fold(): boolean {
    return this.#teamView === 'fold' || (this.#teamView === 'auto' && this.#scansEveryFilter);
  }

  /**
   * Waits for the connection and builds the indexes once. Every operation waits for it, so a host may
   * pass a connection that is still opening.
   */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      await this.#connection.asPromise();
      const info = await this.#connection.db?.admin().command({ buildInfo: 1 });
      this.#scansEveryFilter = typeof info?.ferretdbVersion === 'string';
      for (const model of Object.values(this.models)) {
        await model.createCollection().catch((error: unknown) => {
          // 48: NamespaceExists, another instance made it first.
          if ((error as { code?: number }).code !== 48) throw error;
        });
        await model.createIndexes();
      }
    })().catch((error: unknown) => {
      this.#ready = null;
      throw error;
    });
    return this.#ready;
  }

  async #run<T>(operation: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // Checked every half `outageTimeoutMs` (the ping gets the other half): while the server answers a ping,
    // the operation may take as long as it needs; when it doesn't (down, or hung with connections open), the
    // request gets its 503 within `outageTimeoutMs`.
    const outage = new Promise<never>((_, reject) => {
      const check = () => {
        void this.#answers().then((answers) => {
          if (answers) timer = setTimeout(check, this.#outageTimeoutMs / 2);
          else reject(new SessionKitError('store_unavailable', 'the session store is unavailable'));
        });
      };
      timer = setTimeout(check, this.#outageTimeoutMs / 2);
    });
    const run = (async () => {
      await this.ready();
      const result = await operation();
      this.#lastAnswerAt = Date.now();
      return result;
    })();
    try {
      return await Promise.race([run, outage]);
    } catch (error) {
      run.catch(() => undefined);
      throw toStoreError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  #probe: Promise<boolean> | null = null;
  #lastProbe = { answered: true, at: 0 };
  // Any operation that completed is as good as a ping: a busy server keeps answering, so it is never taken
  // for a dead one just because one ping was slow.
  #lastAnswerAt = 0;

  /**
   * Whether the server answers a ping within half `outageTimeoutMs`: one ping at a time, shared by every
   * caller, and its answer reused for that long, so that during an outage each request fails at its first check.
   */
  #answers(): Promise<boolean> {
    if (Date.now() - this.#lastAnswerAt < this.#outageTimeoutMs) return Promise.resolve(true);
    if (Date.now() - this.#lastProbe.at < this.#outageTimeoutMs / 2)
      return Promise.resolve(this.#lastProbe.answered);
    this.#probe ??= (async () => {
      const db = this.#connection.db;
      if (this.#connection.readyState !== 1 || !db) return false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), this.#outageTimeoutMs / 2);
      });
      const ping = db
        .admin()
        .ping()
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([ping, late]);
      } finally {
        clearTimeout(timer);
      }
    })()
      .then((answered) => {
        this.#lastProbe = { answered, at: Date.now() };
        if (answered) this.#lastAnswerAt = Date.now();
        return answered;
      })
      .finally(() => {
        this.#probe = null;
      });
    return this.#probe;
  }

  // ── Sessions ───────────────────────────────────────────────────────────────────────────────────────

  insertSession(session: Session): Promise<void> {
    return this.insertSessions([session]);
  }

  insertSessions(sessions: readonly Session[]): Promise<void> {
    return this.#run(async () => {
      // The record first: an end that races a login in flight finds the record to close (see endSession).
      for (let i = 0; i < sessions.length; i += INSERT_BATCH) {
        const batch = sessions.slice(i, i + INSERT_BATCH);
        try {
          await this.models.sessions.insertMany(batch.map(toSessionDoc), { ordered: true, lean: true });
          const live = batch.filter((s) => s.status === 'active').map(toLiveDoc);
          const ends = batch.filter((s) => s.status === 'ended').map(toEndDoc);
          if (live.length > 0) await this.models.liveSessions.insertMany(live, { ordered: true, lean: true });
          if (ends.length > 0) await this.models.sessionEnds.insertMany(ends, { ordered: true, lean: true });
        } catch (error) {
          if (isDuplicateKey(error)) {
            throw new SessionKitError('invalid_input', 'a session with this token or id already exists');
          }
          throw error;
        }
      }
    });
  }

  findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    // Exactly `{ _id }` and nothing else: the one filter FerretDB pushes down, on the smallest documents.
    return this.#run(async () => {
      const doc = await this.models.liveSessions
        .findOne({ _id: tokenHash })
        .read('primary')
        .lean<LiveSessionDoc>();
      return doc ? fromLiveDoc(doc) : null;
    });
  }

  findSessionEnd(tokenHash: string): Promise<SessionEnd | null> {
    return this.#run(async () => {
      const doc = await this.models.sessionEnds
        .findOne({ _id: tokenHash })
        .read('primary')
        .lean<SessionEndDoc>();
      return doc ? fromEndDoc(doc) : null;
    });
  }

  findSessionById(tenantId: string, id: string): Promise<Session | null> {
    return this.#run(async () => {
      const doc = await this.models.sessions.findOne({ _id: id }).read('primary').lean<SessionDoc>();
      if (!doc || doc.tenantId !== tenantId) return null;
      const [session] = await this.#withLive([fromSessionDoc(doc)]);
      return session ?? null;
    });
  }

  /** Active sessions' records carry their state as of login: lay the live part over them. */
  async #withLive(sessions: Session[]): Promise<Session[]> {
    const active = sessions.filter((s) => s.status === 'active');
    if (active.length === 0) return sessions;
    const filter =
      active.length === 1 ? { _id: active[0]?.tokenHash } : { _id: { $in: active.map((s) => s.tokenHash) } };
    const live = new Map(
      (await this.models.liveSessions.find(filter).read('primary').lean<LiveSessionDoc[]>()).map((d) => [
        d._id,
        d,
      ]),
    );
    return sessions.map((s) => {
      const doc = s.status === 'active' ? live.get(s.tokenHash) : undefined;
      return doc ? withLiveState(s, fromLiveDoc(doc)) : s;
    });
  }

  listSessions(query: SessionQuery): Promise<Page<Session>> {
    // Active sessions come from the live documents (their last seen is current there), ended ones from the
    // records; each side is sorted and cut by the server, and the two are merged here.
    return this.#run(async () => {
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
          this.models.sessions.find(owner).sort({ [field]: dir, _id: dir }),
          need,
          () => this.models.sessions.countDocuments(owner),
        );
        return { items: await this.#withLive(docs.slice(offset).map(fromSessionDoc)), total };
      }
      const sides: Promise<{ items: Session[]; total: number }>[] = [];
      if (query.status !== 'ended') {
        // Active sessions have no end time: by end time they sort by id alone.
        const sort: Record<string, 1 | -1> = field === 'endedAt' ? { id: dir } : { [field]: dir, id: dir };
        sides.push(
          counted<LiveSessionDoc>(this.models.liveSessions.find(owner).sort(sort), need, () =>
            this.models.liveSessions.countDocuments(owner),
          ).then(async ({ docs, total }) => ({ items: await this.#recordsOf(docs), total })),
        );
      }
      if (query.status !== 'active') {
        const filter = { ...owner, status: 'ended' };
        sides.push(
          counted<SessionDoc>(this.models.sessions.find(filter).sort({ [field]: dir, _id: dir }), need, () =>
            this.models.sessions.countDocuments(filter),
          ).then(({ docs, total }) => ({ items: docs.map(fromSessionDoc), total })),
        );
      }
      const results = await Promise.all(sides);
      const merged = results.flatMap((r) => r.items).sort(sessionOrder(field, order));
      return {
        items: merged.slice(offset, need),
        total: results.reduce((n, r) => n + r.total, 0),
      };
    });
  }

  /** Records for live documents, in their order, with the live state laid over. */
  async #recordsOf(docs: readonly LiveSessionDoc[]): Promise<Session[]> {
    if (docs.length === 0) return [];
    const records = new Map(
      (
        await this.models.sessions
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

  listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]> {
    return this.#run(async () => {
      const docs = await this.models.liveSessions
        .find({ tenantId, userId })
        .sort({ createdAt: 1, id: 1 })
        .read('primary')
        .lean<LiveSessionDoc[]>();
      return docs.map(fromLiveDoc);
    });
  }

  touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    // By `_id` alone and never an upsert: once the end deleted the live document, this writes nothing.
    return this.#run(async () => {
      const set: Record<string, unknown> = { lastSeenAt: patch.lastSeenAt, lastIp: patch.lastIp };
      if (patch.lastPath !== null) set.lastPath = patch.lastPath;
      await this.models.liveSessions.updateOne(
        { _id: tokenHash },
        { $set: set, $inc: { actions: patch.addActions } },
        { upsert: false },
      );
    });
  }

  setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    return this.#run(async () => {
      await this.models.liveSessions.updateOne({ _id: tokenHash }, { $set: { slot } }, { upsert: false });
    });
  }

  endSession(ref: SessionRef, ending: Ending): Promise<Session | null> {
    return this.#run(async () => {
      const end: SessionEndDoc = {
        _id: ref.tokenHash,
        sessionId: ref.id,
        tenantId: ref.tenantId,
        userId: ref.userId,
        endedAt: ending.endedAt,
        endReason: ending.endReason,
        endedBy: ending.endedBy,
        note: ending.note ?? null,
      };
      // The end is a unique-key insert, the one write atomic on every server: of racing ends, one wins.
      try {
        await this.models.sessionEnds.insertMany([end], { lean: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        await this.#settleEnded(ref);
        return null;
      }
      const live = await this.models.liveSessions
        .findOneAndDelete({ _id: ref.tokenHash })
        .lean<LiveSessionDoc>();
      const set: Record<string, unknown> = {
        status: 'ended',
        endedAt: end.endedAt,
        endReason: end.endReason,
        endedBy: end.endedBy,
        endNote: end.note,
      };
      if (live) {
        Object.assign(set, {
          lastSeenAt: live.lastSeenAt,
          lastIp: live.lastIp,
          activity: { actions: live.actions, lastPath: live.lastPath ?? null },
          slot: live.slot ?? null,
        });
      }
      const record = await this.models.sessions
        .findOneAndUpdate({ _id: ref.id }, { $set: set }, { returnDocument: 'after' })
        .lean<SessionDoc>();
      if (!record && !live) {
        // Nothing of this session was stored: there was nothing to end (and no end to keep).
        await this.models.sessionEnds.deleteOne({ _id: ref.tokenHash });
        return null;
      }
      return record ? fromSessionDoc(record) : null;
    });
  }

  /**
   * What a losing end does: make sure the live document is gone (the winner may have crashed before deleting
   * it) and the record says ended (a login in flight may have stored it after the winner looked).
   */
  async #settleEnded(ref: SessionRef): Promise<void> {
    await this.models.liveSessions.deleteOne({ _id: ref.tokenHash });
    const record = await this.models.sessions.findOne({ _id: ref.id }).lean<SessionDoc>();
    if (!record || record.status !== 'active') return;
    const end = await this.models.sessionEnds.findOne({ _id: ref.tokenHash }).lean<SessionEndDoc>();
    if (!end) return;
    await this.models.sessions.updateOne(
      { _id: ref.id },
      {
        $set: {
          status: 'ended',
          endedAt: end.endedAt,
          endReason: end.endReason,
          endedBy: end.endedBy ?? null,
          endNote: end.note ?? null,
        },
      },
    );
  }

  deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    // In batches, by `_id`: the records name their end documents (keyed by token hash) to remove with them.
    return this.#run(async () => {
      let removed = 0;
      for (;;) {
        const docs = await this.models.sessions
          .find({ tenantId, status: 'ended', endedAt: { $lt: endedBefore } }, { _id: 1, tokenHash: 1 })
          .limit(DELETE_BATCH)
          .lean<Pick<SessionDoc, '_id' | 'tokenHash'>[]>();
        if (docs.length === 0) break;
        await this.models.sessionEnds.deleteMany({ _id: { $in: docs.map((d) => d.tokenHash) } });
        const result = await this.models.sessions.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
        removed += result.deletedCount;
        if (docs.length < DELETE_BATCH) break;
      }
      return removed;
    });
  }

  listTenantIds(): Promise<string[]> {
    return this.#run(async () => {
      const ids = (await this.models.sessions.distinct('tenantId')) as string[];
      return ids.sort();
    });
  }

  countActiveSessions(tenantId: string): Promise<ActiveCounts> {
    return this.#run(async () => {
      if (this.#fold) {
        const rows = await this.#foldUsers({ tenantId });
        let sessions = 0;
        for (const row of rows.values()) sessions += row.activeSessions;
        return { users: rows.size, sessions };
      }
      const [sessions, users] = await Promise.all([
        this.models.liveSessions.countDocuments({ tenantId }),
        this.#countActiveUsers({ tenantId }),
      ]);
      return { users, sessions };
    });
  }

  async #countActiveUsers(filter: Record<string, unknown>): Promise<number> {
    const [row] = await this.models.liveSessions.aggregate<{ n: number }>([
      { $match: filter },
      { $group: { _id: '$userId' } },
      { $count: 'n' },
    ]);
    return row?.n ?? 0;
  }

  listActiveUsers(query: ActiveUsersQuery): Promise<Page<UserSessionSummary>> {
    // Folded in code: FerretDB's $group has only $sum and $count, and a row needs maxima and the newest IP.
    return this.#run(async () => {
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
        !this.#fold &&
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
    });
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
    const cursor = this.models.liveSessions
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
    const docs = await this.models.liveSessions
      .find(filter, { userId: 1, createdAt: 1, lastSeenAt: 1, ip: 1 })
      .lean<Pick<LiveSessionDoc, 'userId' | 'createdAt' | 'lastSeenAt' | 'ip'>[]>();
    const rows = new Map<string, UserSessionSummary>();
    for (const d of docs) foldActiveSession(rows, d);
    return rows;
  }

  listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]> {
    return this.#run(async () => {
      const or: Record<string, unknown>[] = [{ tenantId, createdAt: { $lt: bounds.createdBefore } }];
      if (bounds.idleBefore !== null) or.push({ tenantId, lastSeenAt: { $lt: bounds.idleBefore } });
      const docs = await this.models.liveSessions.find({ $or: or }).limit(limit).lean<LiveSessionDoc[]>();
      return docs.map(fromLiveDoc);
    });
  }

  // ── Concurrency slots ──────────────────────────────────────────────────────────────────────────────

  claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean> {
    // A unique-key insert: the one write that is atomic on MongoDB and FerretDB alike.
    return this.#run(async () => {
      try {
        await this.models.slots.create([
          {
            _id: slotId(key, holder.sessionId),
            tenantId: key.tenantId,
            userId: key.userId,
            slot: key.slot,
            sessionId: holder.sessionId,
            tokenHash: holder.tokenHash,
            claimedAt,
          },
        ]);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    });
  }

  releaseSlot(key: SlotKey, sessionId: string): Promise<void> {
    // By `_id` alone, which names the holder: FerretDB deletes by reading then writing, so a filter on
    // `sessionId` could still remove a slot that was freed and claimed again in between.
    return this.#run(async () => {
      await this.models.slots.deleteOne({ _id: slotId(key, sessionId) });
    });
  }

  listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    return this.#run(async () => {
      const docs = await this.models.slots.find({ tenantId, userId }).sort({ slot: 1, _id: 1 }).lean();
      return docs.map((d) => ({
        slot: d.slot,
        sessionId: d.sessionId,
        tokenHash: d.tokenHash,
        claimedAt: d.claimedAt,
      }));
    });
  }

  // ── Policies ───────────────────────────────────────────────────────────────────────────────────────

  getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    return this.#run(async () => {
      const doc = await this.models.policies.findOne({ _id: tenantId }).lean();
      return doc ? (doc.policy as unknown as SessionPolicy) : null;
    });
  }

  savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    return this.#run(async () => {
      await this.models.policies.replaceOne(
        { _id: tenantId },
        { _id: tenantId, policy: structuredClone(policy) },
        { upsert: true },
      );
    });
  }

  // ── Audit ──────────────────────────────────────────────────────────────────────────────────────────

  appendAuditEvent(event: AuditEvent): Promise<void> {
    return this.#run(async () => {
      const { id, details, ...rest } = event;
      const doc: AuditDoc = {
        _id: id,
        ...rest,
        details: Object.entries(details).map(([key, value]) => ({ key, value })),
      };
      await this.models.auditEvents.create([doc]);
    });
  }

  listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
    return this.#run(async () => {
      const filter: Record<string, unknown> = { tenantId: query.tenantId };
      if (query.userId !== undefined)
        filter.$or = [{ targetUserId: query.userId }, { actorId: query.userId }];
      if (query.actions !== undefined) filter.action = { $in: [...query.actions] };
      if (query.from !== undefined || query.to !== undefined) {
        filter.at = {
          ...(query.from !== undefined ? { $gte: query.from } : {}),
          ...(query.to !== undefined ? { $lt: query.to } : {}),
        };
      }
      let find = this.models.auditEvents
        .find(filter)
        .sort({ at: -1, _id: -1 })
        .skip(query.offset ?? 0);
      if (query.limit !== undefined) find = find.limit(query.limit);
      const [docs, total] = await Promise.all([
        find.lean<AuditDoc[]>(),
        this.models.auditEvents.countDocuments(filter),
      ]);
      return { items: docs.map(fromAuditDoc), total };
    });
  }

  // ── Authorized apps and push registrations ─────────────────────────────────────────────────────────

  insertAuthorizedApp(app: AuthorizedApp): Promise<void> {
    return this.#run(async () => {
      const { id, ...rest } = app;
      await this.models.authorizedApps.create([{ _id: id, ...rest }]);
    });
  }

  listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return this.#run(
      async () =>
        (await this.#listOwned(this.models.authorizedApps, tenantId, userId)) as unknown as AuthorizedApp[],
    );
  }

  deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null> {
    return this.#run(
      async () =>
        (await this.#deleteOwned(
          this.models.authorizedApps,
          tenantId,
          userId,
          id,
        )) as unknown as AuthorizedApp | null,
    );
  }

  insertPushRegistration(registration: PushRegistration): Promise<void> {
    return this.#run(async () => {
      const { id, ...rest } = registration;
      await this.models.pushRegistrations.create([{ _id: id, ...rest }]);
    });
  }

  listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return this.#run(
      async () =>
        (await this.#listOwned(
          this.models.pushRegistrations,
          tenantId,
          userId,
        )) as unknown as PushRegistration[],
    );
  }

  deletePushRegistration(tenantId: string, userId: string, id: string): Promise<PushRegistration | null> {
    return this.#run(
      async () =>
        (await this.#deleteOwned(
          this.models.pushRegistrations,
          tenantId,
          userId,
          id,
        )) as unknown as PushRegistration | null,
    );
  }

  async #listOwned(model: SessionKitModels['authorizedApps'], tenantId: string, userId: string) {
    const docs = await model.find({ tenantId, userId }).sort({ createdAt: -1, _id: -1 }).lean<OwnedDoc[]>();
    return docs.map(fromOwnedDoc);
  }

  async #deleteOwned(
    model: SessionKitModels['authorizedApps'],
    tenantId: string,
    userId: string,
    id: string,
  ) {
    // Read by `_id` alone and check the owner in code; delete by `_id` and owner so another user's never goes.
    const doc = await model.findOne({ _id: id }).lean<OwnedDoc>();
    if (!doc || doc.tenantId !== tenantId || doc.userId !== userId) return null;
    const result = await model.deleteOne({ _id: id, tenantId, userId });
    return result.deletedCount === 1 ? fromOwnedDoc(doc) : null;
  }

  // ── API keys ───────────────────────────────────────────────────────────────────────────────────────

  insertApiKey(key: ApiKey): Promise<void> {
    return this.#run(async () => {
      const { id, ...rest } = key;
      await this.models.apiKeys.create([{ _id: id, ...rest }]);
    });
  }

  listApiKeys(tenantId: string): Promise<ApiKey[]> {
    return this.#run(async () => {
      const docs = await this.models.apiKeys
        .find({ tenantId })
        .sort({ createdAt: -1, _id: -1 })
        .lean<ApiKeyDoc[]>();
      return docs.map(fromApiKeyDoc);
    });
  }

  findApiKeyByHash(keyHash: string): Promise<ApiKey | null> {
    return this.#run(async () => {
      const doc = await this.models.apiKeys.findOne({ keyHash }).lean<ApiKeyDoc>();
      return doc ? fromApiKeyDoc(doc) : null;
    });
  }

  recordApiKeyUse(tenantId: string, keyId: string, at: Date): Promise<void> {
    return this.#run(async () => {
      const key = await this.models.apiKeys.findOne({ _id: keyId }).lean<ApiKeyDoc>();
      if (!key || key.tenantId !== tenantId) return;
      const hour = Math.floor(at.getTime() / HOUR);
      // One counter document per key and hour: FerretDB may lose an increment under a race, which the port allows.
      await this.models.apiKeyUsage.updateOne(
        { _id: `${keyId}:${hour}` },
        { $inc: { count: 1 }, $setOnInsert: { tenantId, keyId, hour } },
        { upsert: true },
      );
      if (key.lastUsedAt === null || at > key.lastUsedAt) {
        await this.models.apiKeys.updateOne({ _id: keyId }, { $max: { lastUsedAt: at } });
      }
    });
  }

  countApiKeyRequests(
    tenantId: string,
    keyIds: readonly string[],
    since: Date,
  ): Promise<Map<string, number>> {
    return this.#run(async () => {
      const counts = new Map<string, number>(keyIds.map((id) => [id, 0]));
      if (keyIds.length === 0) return counts;
      const rows = await this.models.apiKeyUsage.aggregate<{ _id: string; total: number }>([
        {
          $match: {
            tenantId,
            keyId: { $in: [...keyIds] },
            hour: { $gte: Math.floor(since.getTime() / HOUR) },
          },
        },
        { $group: { _id: '$keyId', total: { $sum: '$count' } } },
      ]);
      for (const row of rows) counts.set(row._id, row.total);
      return counts;
    });
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

function slotId(key: SlotKey, sessionId: string): string {
  // Encoded so that tenant `a:b` + user `c` and tenant `a` + user `b:c` can't be confused.
  return [key.tenantId, key.userId, String(key.slot), sessionId].map(encodeURIComponent).join(':');
}

function toSessionDoc(session: Session): SessionDoc {
  const { id, ...rest } = session;
  return { _id: id, ...structuredClone(rest) } as unknown as SessionDoc;
}

function toLiveDoc(session: Session): LiveSessionDoc {
  const { tokenHash, activity, ...live } = liveOf(session);
  return { _id: tokenHash, ...live, actions: activity.actions, lastPath: activity.lastPath };
}

function fromLiveDoc(doc: LiveSessionDoc): LiveSession {
  return {
    id: doc.id,
    tokenHash: doc._id,
    userId: doc.userId,
    tenantId: doc.tenantId,
    kind: doc.kind as LiveSession['kind'],
    ip: doc.ip,
    lastIp: doc.lastIp,
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    rememberMe: doc.rememberMe,
    activity: { actions: doc.actions, lastPath: doc.lastPath ?? null },
    slot: doc.slot ?? null,
  };
}

function toEndDoc(session: Session): SessionEndDoc {
  const { id, tokenHash, ...end } = endOf(session);
  return { _id: tokenHash, sessionId: id, ...end };
}

function fromEndDoc(doc: SessionEndDoc): SessionEnd {
  return {
    id: doc.sessionId,
    tokenHash: doc._id,
    tenantId: doc.tenantId,
    userId: doc.userId,
    endedAt: doc.endedAt,
    endReason: doc.endReason as SessionEnd['endReason'],
    endedBy: doc.endedBy ?? null,
    note: doc.note ?? null,
  };
}

function fromSessionDoc(doc: SessionDoc): Session {
  return {
    id: doc._id,
    tokenHash: doc.tokenHash,
    userId: doc.userId,
    tenantId: doc.tenantId,
    kind: doc.kind as Session['kind'],
    client: (doc.client ?? {}) as Session['client'],
    device: doc.device as unknown as Session['device'],
    ip: doc.ip,
    lastIp: doc.lastIp,
    location: (doc.location ?? null) as Session['location'],
    createdAt: doc.createdAt,
    lastSeenAt: doc.lastSeenAt,
    rememberMe: doc.rememberMe,
    status: doc.status as Session['status'],
    endedAt: doc.endedAt ?? null,
    endReason: (doc.endReason ?? null) as Session['endReason'],
    endedBy: doc.endedBy ?? null,
    endNote: doc.endNote ?? null,
    activity: { actions: doc.activity?.actions ?? 0, lastPath: doc.activity?.lastPath ?? null },
    slot: doc.slot ?? null,
  };
}

function fromAuditDoc(doc: AuditDoc): AuditEvent {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    at: doc.at,
    action: doc.action as AuditEvent['action'],
    actorId: doc.actorId ?? null,
    targetUserId: doc.targetUserId ?? null,
    sessionId: doc.sessionId ?? null,
    endReason: (doc.endReason ?? null) as AuditEvent['endReason'],
    reason: doc.reason ?? null,
    ip: doc.ip ?? null,
    details: Object.fromEntries((doc.details ?? []).map(({ key, value }) => [key, value])),
  };
}

function fromOwnedDoc(doc: OwnedDoc): Record<string, unknown> {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}

function fromApiKeyDoc(doc: ApiKeyDoc): ApiKey {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest, lastUsedAt: rest.lastUsedAt ?? null, revokedAt: rest.revokedAt ?? null };
}

/** FerretDB's E11000 carries no keyValue or keyPattern: the code alone decides. */
function isDuplicateKey(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; writeErrors?: { code?: unknown }[] };
  return e.code === 11000 || e.writeErrors?.some((w) => w.code === 11000) === true;
}

/** Network, selection and shutdown failures become `store_unavailable`; the server maps it to 503. */
function toStoreError(error: unknown): unknown {
  if (isSessionKitError(error)) return error;
  if (!error || typeof error !== 'object') return error;
  const e = error as { name?: string; code?: unknown; errorLabelSet?: Set<string>; message?: string };
  const name = e.name ?? '';
  const serverAnswered = name === 'MongoServerError' || name === 'MongoBulkWriteError';
  const transient =
    (typeof e.code === 'number' && TRANSIENT_CODES.has(e.code)) ||
    // FerretDB on SQLite: a write that waited out the lock behind others (a busy server, not a bad command).
    /SQLITE_BUSY/.test(e.message ?? '') ||
    e.errorLabelSet?.has('RetryableWriteError') === true ||
    e.errorLabelSet?.has('ResetPool') === true;
  if ((serverAnswered && !transient) || name === 'ValidationError' || name === 'CastError') return error;
  if (/^Mongo|^Mongoose/.test(name) || transient) {
    return new SessionKitError('store_unavailable', 'the session store is unavailable', { cause: error });
  }
  return error;
}

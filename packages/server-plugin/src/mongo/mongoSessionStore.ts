import type {
  ApiKey,
  AuditEvent,
  AuditQuery,
  AuthorizedApp,
  Ending,
  Page,
  PushRegistration,
  Session,
  SessionPolicy,
  SessionQuery,
  SessionStore,
  SlotHolder,
  SlotKey,
  TouchPatch,
  UserSessionSummary,
} from '@sessionkit/core';
import { SessionKitError, isSessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';
import type { ApiKeyDoc, AuditDoc, OwnedDoc, SessionDoc, SessionKitModels } from './models.js';
import { defineModels } from './models.js';

export interface MongoSessionStoreOptions {
  /** Prefix of every collection the kit creates. Default `sessionkit_`. */
  collectionPrefix?: string;
}

const HOUR_MS = 3_600_000;

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
  #ready: Promise<void> | null = null;

  constructor(connection: Connection, options: MongoSessionStoreOptions = {}) {
    if (!connection || typeof connection.model !== 'function') {
      throw new SessionKitError('misconfigured', 'MongoSessionStore needs a Mongoose Connection');
    }
    const prefix = options.collectionPrefix ?? 'sessionkit_';
    if (!/^[A-Za-z0-9_]{0,40}$/.test(prefix)) {
      throw new SessionKitError('misconfigured', '`collectionPrefix` may hold letters, digits and _ only');
    }
    this.#connection = connection;
    this.models = defineModels(connection, prefix);
  }

  /**
   * Waits for the connection and builds the indexes once. Every operation waits for it, so a host may
   * pass a connection that is still opening.
   */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      await this.#connection.asPromise();
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
    try {
      await this.ready();
      return await operation();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  // ── Sessions ───────────────────────────────────────────────────────────────────────────────────────

  insertSession(session: Session): Promise<void> {
    return this.#run(async () => {
      try {
        await this.models.sessions.create([toSessionDoc(session)]);
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw new SessionKitError('invalid_input', 'a session with this token or id already exists');
        }
        throw error;
      }
    });
  }

  findSessionByTokenHash(tokenHash: string): Promise<Session | null> {
    // Exactly `{ _id }` and nothing else: the one filter FerretDB answers from an index.
    return this.#run(async () => {
      const doc = await this.models.sessions.findOne({ _id: tokenHash }).read('primary').lean<SessionDoc>();
      return doc ? fromSessionDoc(doc) : null;
    });
  }

  findSessionById(tenantId: string, id: string): Promise<Session | null> {
    return this.#run(async () => {
      const doc = await this.models.sessions.findOne({ id }).read('primary').lean<SessionDoc>();
      return doc && doc.tenantId === tenantId ? fromSessionDoc(doc) : null;
    });
  }

  listSessions(query: SessionQuery): Promise<Page<Session>> {
    return this.#run(async () => {
      const filter: Record<string, unknown> = { tenantId: query.tenantId };
      if (query.userId !== undefined) filter.userId = query.userId;
      if (query.status !== undefined) filter.status = query.status;
      if (query.seenSince !== undefined) filter.lastSeenAt = { $gte: query.seenSince };
      const { field, order } = query.sort ?? { field: 'createdAt', order: 'desc' };
      const dir = order === 'asc' ? 1 : -1;
      let find = this.models.sessions
        .find(filter)
        .sort({ [field]: dir, id: dir, _id: dir })
        .skip(query.offset ?? 0);
      if (query.limit !== undefined) find = find.limit(query.limit);
      const [docs, total] = await Promise.all([
        find.lean<SessionDoc[]>(),
        this.models.sessions.countDocuments(filter),
      ]);
      return { items: docs.map(fromSessionDoc), total };
    });
  }

  touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    return this.#run(async () => {
      const set: Record<string, unknown> = { lastSeenAt: patch.lastSeenAt, lastIp: patch.lastIp };
      if (patch.lastPath !== null) set['activity.lastPath'] = patch.lastPath;
      await this.models.sessions.updateOne(
        { _id: tokenHash, status: 'active' },
        { $set: set, $inc: { 'activity.actions': patch.addActions } },
      );
    });
  }

  endSession(tokenHash: string, ending: Ending): Promise<Session | null> {
    return this.#run(async () => {
      const doc = await this.models.sessions
        .findOneAndUpdate(
          { _id: tokenHash, status: 'active' },
          {
            $set: {
              status: 'ended',
              endedAt: ending.endedAt,
              endReason: ending.endReason,
              endedBy: ending.endedBy,
              endNote: ending.note ?? null,
            },
          },
          { returnDocument: 'after' },
        )
        .lean<SessionDoc>();
      return doc ? fromSessionDoc(doc) : null;
    });
  }

  deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    return this.#run(async () => {
      const result = await this.models.sessions.deleteMany({
        tenantId,
        status: 'ended',
        endedAt: { $lt: endedBefore },
      });
      return result.deletedCount;
    });
  }

  listTenantIds(): Promise<string[]> {
    return this.#run(async () => {
      const ids = (await this.models.sessions.distinct('tenantId')) as string[];
      return ids.sort();
    });
  }

  summarizeActiveSessions(tenantId: string): Promise<UserSessionSummary[]> {
    // Folded in code: FerretDB's $group has only $sum and $count, and the row needs maxima and the IP of the newest.
    return this.#run(async () => {
      const docs = await this.models.sessions
        .find({ tenantId, status: 'active' }, { userId: 1, createdAt: 1, lastSeenAt: 1, ip: 1 })
        .sort({ userId: 1, _id: 1 })
        .lean<Pick<SessionDoc, 'userId' | 'createdAt' | 'lastSeenAt' | 'ip'>[]>();
      const byUser = new Map<string, UserSessionSummary>();
      for (const d of docs) {
        const row = byUser.get(d.userId);
        if (!row) {
          byUser.set(d.userId, {
            userId: d.userId,
            activeSessions: 1,
            lastLoginAt: d.createdAt,
            lastLoginIp: d.ip,
            lastActiveAt: d.lastSeenAt,
          });
          continue;
        }
        row.activeSessions++;
        if (d.createdAt > row.lastLoginAt) {
          row.lastLoginAt = d.createdAt;
          row.lastLoginIp = d.ip;
        }
        if (d.lastSeenAt > row.lastActiveAt) row.lastActiveAt = d.lastSeenAt;
      }
      return [...byUser.values()].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    });
  }

  // ── Concurrency slots ──────────────────────────────────────────────────────────────────────────────

  claimSlot(key: SlotKey, sessionId: string, claimedAt: Date): Promise<boolean> {
    // A unique-key insert: the one write that is atomic on MongoDB and FerretDB alike.
    return this.#run(async () => {
      try {
        await this.models.slots.create([
          {
            _id: slotId(key, sessionId),
            tenantId: key.tenantId,
            userId: key.userId,
            slot: key.slot,
            sessionId,
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
      return docs.map((d) => ({ slot: d.slot, sessionId: d.sessionId, claimedAt: d.claimedAt }));
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
      const hour = Math.floor(at.getTime() / HOUR_MS);
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
            hour: { $gte: Math.floor(since.getTime() / HOUR_MS) },
          },
        },
        { $group: { _id: '$keyId', total: { $sum: '$count' } } },
      ]);
      for (const row of rows) counts.set(row._id, row.total);
      return counts;
    });
  }
}

function slotId(key: SlotKey, sessionId: string): string {
  // Encoded so that tenant `a:b` + user `c` and tenant `a` + user `b:c` can't be confused.
  return [key.tenantId, key.userId, String(key.slot), sessionId].map(encodeURIComponent).join(':');
}

function toSessionDoc(session: Session): SessionDoc {
  const { tokenHash, ...rest } = session;
  return { _id: tokenHash, ...structuredClone(rest) } as unknown as SessionDoc;
}

function fromSessionDoc(doc: SessionDoc): Session {
  return {
    id: doc.id,
    tokenHash: doc._id,
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
    e.errorLabelSet?.has('RetryableWriteError') === true ||
    e.errorLabelSet?.has('ResetPool') === true;
  if ((serverAnswered && !transient) || name === 'ValidationError' || name === 'CastError') return error;
  if (/^Mongo|^Mongoose/.test(name) || transient) {
    return new SessionKitError('store_unavailable', 'the session store is unavailable', { cause: error });
  }
  return error;
}

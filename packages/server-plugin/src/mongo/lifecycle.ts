import type {
  AuditEvent,
  LiveSession,
  Session,
  SessionEnd,
  SessionPolicy,
  SlotHolder,
  SlotKey,
  TouchPatch,
} from '@sessionkit/core';
import { SessionKitError, compareStrings, withLiveState } from '@sessionkit/core';
import {
  fromEndDoc,
  fromLiveDoc,
  fromSessionDoc,
  slotId,
  toEndDoc,
  toLiveDoc,
  toSessionDoc,
} from './docs.js';
import type { AuditDoc, LiveSessionDoc, SessionDoc, SessionEndDoc, SessionKitModels } from './models.js';
import { withEnd } from './ends.js';
import type { Partitions } from './partitions.js';
import { isDuplicateKey } from './storeRunner.js';
import { policyFromDoc, policyToDoc } from './policyDocs.js';
import type { TouchLeases } from './touchLeases.js';

const INSERT_BATCH = 1_000;

/** Sessions as they live and end, their slots, the policy and the trail: every write the kit makes. */
export class MongoLifecycle {
  readonly #models: SessionKitModels;
  readonly #partitions: () => Partitions;
  readonly #leases: TouchLeases;

  /** `partitions` is known once the store is ready (see `partitions.ts`). */
  constructor(models: SessionKitModels, partitions: () => Partitions, leases: TouchLeases) {
    this.#models = models;
    this.#partitions = partitions;
    this.#leases = leases;
  }

  async insertSessions(sessions: readonly Session[]): Promise<void> {
    // The records first: an end that races a login in flight finds the record to close (see endSession).
    // Then the live and end documents, one insert per partition for the whole call, not per batch.
    const p = this.#partitions();
    try {
      for (const [i, docs] of p.groupRecords(sessions.map(toSessionDoc), (d) => d._id))
        await insertAll(p.records[i], docs);
      const live = sessions.filter((s) => s.status === 'active').map(toLiveDoc);
      const ends = sessions.filter((s) => s.status === 'ended').map(toEndDoc);
      for (const [i, docs] of p.group(live, (d) => d._id)) await insertAll(p.live[i], docs);
      for (const [i, docs] of p.group(ends, (d) => d._id)) await insertAll(p.ends[i], docs);
    } catch (error) {
      if (isDuplicateKey(error)) {
        throw new SessionKitError('invalid_input', 'a session with this token or id already exists');
      }
      throw error;
    }
  }

  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    // Exactly `{ _id }` and nothing else: the one filter FerretDB pushes down, on the smallest documents.
    const doc = await this.#partitions()
      .liveOf(tokenHash)
      .findOne({ _id: tokenHash })
      .read('primary')
      .lean<LiveSessionDoc>();
    return doc ? fromLiveDoc(doc) : null;
  }

  async findSessionEnd(tokenHash: string): Promise<SessionEnd | null> {
    const doc = await this.#partitions()
      .endsOf(tokenHash)
      .findOne({ _id: tokenHash })
      .read('primary')
      .lean<SessionEndDoc>();
    return doc ? fromEndDoc(doc) : null;
  }

  async findSessionById(tenantId: string, id: string): Promise<Session | null> {
    const doc = await this.#partitions()
      .recordsOf(id)
      .findOne({ _id: id })
      .read('primary')
      .lean<SessionDoc>();
    if (!doc || doc.tenantId !== tenantId) return null;
    const [session] = await withLive(this.#partitions(), [fromSessionDoc(doc)]);
    return session ?? null;
  }

  async listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]> {
    const docs = await Promise.all(
      this.#partitions().live.map((m) =>
        m.find({ tenantId, userId }).read('primary').lean<LiveSessionDoc[]>(),
      ),
    );
    return docs
      .flat()
      .map(fromLiveDoc)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.id, b.id));
  }

  async touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    // By `_id` alone and never an upsert: once the end deleted the live document, this writes nothing.
    const set: Record<string, unknown> = { lastSeenAt: patch.lastSeenAt, lastIp: patch.lastIp };
    if (patch.lastPath !== null) set.lastPath = patch.lastPath;
    // Under a lease: on FerretDB this update could otherwise write back a document without a newer mark.
    await this.#leases.around(tokenHash, () =>
      this.#partitions()
        .liveOf(tokenHash)
        .updateOne({ _id: tokenHash }, { $set: set, $inc: { actions: patch.addActions } }, { upsert: false }),
    );
  }

  async setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    await this.#leases.around(tokenHash, () =>
      this.#partitions()
        .liveOf(tokenHash)
        .updateOne({ _id: tokenHash }, { $set: { slot } }, { upsert: false }),
    );
  }

  async listTenantIds(): Promise<string[]> {
    const ids = await Promise.all(this.#partitions().records.map((m) => m.distinct('tenantId')));
    return [...new Set(ids.flat() as string[])].sort();
  }

  async listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]> {
    const or: Record<string, unknown>[] = [{ tenantId, createdAt: { $lt: bounds.createdBefore } }];
    if (bounds.idleBefore !== null) or.push({ tenantId, lastSeenAt: { $lt: bounds.idleBefore } });
    const docs = (
      await Promise.all(
        this.#partitions().live.map((m) => m.find({ $or: or }).limit(limit).lean<LiveSessionDoc[]>()),
      )
    ).flat();
    return docs.slice(0, limit).map(fromLiveDoc);
  }

  async claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean> {
    // A unique-key insert: the one write that is atomic on MongoDB and FerretDB alike.
    try {
      const slots = await this.#partitions().slotsOf(key.tenantId, key.userId);
      await slots.create([
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
  }

  async releaseSlot(key: SlotKey, sessionId: string): Promise<void> {
    // By `_id` alone, which names the holder: FerretDB deletes by reading then writing, so a filter on
    // `sessionId` could still remove a slot that was freed and claimed again in between.
    const slots = await this.#partitions().slotsOf(key.tenantId, key.userId);
    await slots.deleteOne({ _id: slotId(key, sessionId) });
  }

  async listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    // FerretDB reads the whole collection for this filter: in layout 2 that is the person's partition.
    const slots = await this.#partitions().slotsOf(tenantId, userId);
    const docs = await slots.find({ tenantId, userId }).sort({ slot: 1, _id: 1 }).lean();
    return docs.map((d) => ({
      slot: d.slot,
      sessionId: d.sessionId,
      tokenHash: d.tokenHash,
      claimedAt: d.claimedAt,
    }));
  }

  async getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    const doc = await this.#models.policies.findOne({ _id: tenantId }).lean();
    return doc ? policyFromDoc(doc.policy) : null;
  }

  async savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    await this.#models.policies.replaceOne(
      { _id: tenantId },
      { _id: tenantId, policy: policyToDoc(policy) },
      { upsert: true },
    );
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    const { id, details, ...rest } = event;
    const doc: AuditDoc = {
      _id: id,
      ...rest,
      details: Object.entries(details).map(([key, value]) => ({ key, value })),
      ...(typeof details.bulkId === 'string' ? { bulkId: details.bulkId } : {}),
    };
    await this.#models.auditEvents.create([doc]);
  }
}

/**
 * Active sessions' records carry their state as of login: lay the live part over them, and the end over an
 * active record whose live document is gone (layout version 2 never rewrites a record; in version 1 an end
 * that stopped half-way leaves one).
 */
export async function withLive(partitions: Partitions, sessions: Session[]): Promise<Session[]> {
  const active = sessions.filter((s) => s.status === 'active');
  if (active.length === 0) return sessions;
  const live = await byId(
    partitions.live,
    partitions.group(active, (s) => s.tokenHash),
    (s) => s.tokenHash,
  );
  const orphans = active.filter((s) => !live.has(s.tokenHash));
  const ends = await byId(
    partitions.ends,
    partitions.group(orphans, (s) => s.tokenHash),
    (s) => s.tokenHash,
  );
  return sessions.map((s) => {
    if (s.status !== 'active') return s;
    const doc = live.get(s.tokenHash);
    if (doc) return withLiveState(s, fromLiveDoc(doc as LiveSessionDoc));
    const end = ends.get(s.tokenHash);
    return end ? withEnd(s, end as SessionEndDoc) : s;
  });
}

/** The one call `byId` makes of a model, so that models of any document type fit. */
interface Finder {
  find(filter: object): { read(preference: 'primary'): { lean(): PromiseLike<unknown> } };
}

/** Documents by `_id`, one read per partition: `{ _id }` alone when there is one, FerretDB's pushed-down filter. */
async function byId<T>(
  models: readonly Finder[],
  groups: Map<number, T[]>,
  idOf: (item: T) => string,
): Promise<Map<string, { _id: string }>> {
  const found = new Map<string, { _id: string }>();
  for (const [i, group] of groups) {
    const ids = group.map(idOf);
    const filter = ids.length === 1 ? { _id: ids[0] } : { _id: { $in: ids } };
    const docs = (await models[i]?.find(filter).read('primary').lean()) as { _id: string }[] | undefined;
    for (const d of docs ?? []) found.set(d._id, d);
  }
  return found;
}

async function insertAll<T>(
  model: { insertMany(docs: T[], options: { ordered: true; lean: true }): Promise<unknown> } | undefined,
  docs: T[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_BATCH)
    await model?.insertMany(docs.slice(i, i + INSERT_BATCH), { ordered: true, lean: true });
}

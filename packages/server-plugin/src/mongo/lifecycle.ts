import type {
  AuditEvent,
  Ending,
  LiveSession,
  Session,
  SessionEnd,
  SessionPolicy,
  SessionRef,
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
import type { Partitions } from './partitions.js';
import { isDuplicateKey } from './storeRunner.js';

const INSERT_BATCH = 1_000;
const DELETE_BATCH = 1_000;

/** Sessions as they live and end, their slots, the policy and the trail: every write the kit makes. */
export class MongoLifecycle {
  readonly #models: SessionKitModels;
  readonly #partitions: () => Partitions;

  /** `partitions` is known once the store is ready (see `partitions.ts`). */
  constructor(models: SessionKitModels, partitions: () => Partitions) {
    this.#models = models;
    this.#partitions = partitions;
  }

  async insertSessions(sessions: readonly Session[]): Promise<void> {
    // The records first: an end that races a login in flight finds the record to close (see endSession).
    // Then the live and end documents, one insert per partition for the whole call, not per batch.
    const p = this.#partitions();
    try {
      for (let i = 0; i < sessions.length; i += INSERT_BATCH) {
        const batch = sessions.slice(i, i + INSERT_BATCH).map(toSessionDoc);
        await this.#models.sessions.insertMany(batch, { ordered: true, lean: true });
      }
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
    const doc = await this.#models.sessions.findOne({ _id: id }).read('primary').lean<SessionDoc>();
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
    await this.#partitions()
      .liveOf(tokenHash)
      .updateOne({ _id: tokenHash }, { $set: set, $inc: { actions: patch.addActions } }, { upsert: false });
  }

  async setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    await this.#partitions()
      .liveOf(tokenHash)
      .updateOne({ _id: tokenHash }, { $set: { slot } }, { upsert: false });
  }

  async endSession(ref: SessionRef, ending: Ending): Promise<Session | null> {
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
      await this.#partitions().endsOf(ref.tokenHash).insertMany([end], { lean: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.#settleEnded(ref);
      return null;
    }
    const live = await this.#partitions()
      .liveOf(ref.tokenHash)
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
    const record = await this.#models.sessions
      .findOneAndUpdate({ _id: ref.id }, { $set: set }, { returnDocument: 'after' })
      .lean<SessionDoc>();
    if (!record && !live) {
      // Nothing of this session was stored: there was nothing to end (and no end to keep).
      await this.#partitions().endsOf(ref.tokenHash).deleteOne({ _id: ref.tokenHash });
      return null;
    }
    return record ? fromSessionDoc(record) : null;
  }

  /**
   * What a losing end does: make sure the live document is gone (the winner may have crashed before deleting
   * it) and the record says ended (a login in flight may have stored it after the winner looked).
   */
  async #settleEnded(ref: SessionRef): Promise<void> {
    await this.#partitions().liveOf(ref.tokenHash).deleteOne({ _id: ref.tokenHash });
    const record = await this.#models.sessions.findOne({ _id: ref.id }).lean<SessionDoc>();
    if (!record || record.status !== 'active') return;
    const end = await this.#partitions()
      .endsOf(ref.tokenHash)
      .findOne({ _id: ref.tokenHash })
      .lean<SessionEndDoc>();
    if (!end) return;
    await this.#models.sessions.updateOne(
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

  async deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    // In batches, by `_id`: the records name their end documents (keyed by token hash) to remove with them.
    let removed = 0;
    for (;;) {
      const docs = await this.#models.sessions
        .find({ tenantId, status: 'ended', endedAt: { $lt: endedBefore } }, { _id: 1, tokenHash: 1 })
        .limit(DELETE_BATCH)
        .lean<Pick<SessionDoc, '_id' | 'tokenHash'>[]>();
      if (docs.length === 0) break;
      const p = this.#partitions();
      for (const [i, ended] of p.group(docs, (d) => d.tokenHash))
        await p.ends[i]?.deleteMany({ _id: { $in: ended.map((d) => d.tokenHash) } });
      const result = await this.#models.sessions.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
      removed += result.deletedCount;
      if (docs.length < DELETE_BATCH) break;
    }
    return removed;
  }

  async listTenantIds(): Promise<string[]> {
    const ids = (await this.#models.sessions.distinct('tenantId')) as string[];
    return ids.sort();
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
      await this.#models.slots.create([
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
    await this.#models.slots.deleteOne({ _id: slotId(key, sessionId) });
  }

  async listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    const docs = await this.#models.slots.find({ tenantId, userId }).sort({ slot: 1, _id: 1 }).lean();
    return docs.map((d) => ({
      slot: d.slot,
      sessionId: d.sessionId,
      tokenHash: d.tokenHash,
      claimedAt: d.claimedAt,
    }));
  }

  async getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    const doc = await this.#models.policies.findOne({ _id: tenantId }).lean();
    return doc ? (doc.policy as unknown as SessionPolicy) : null;
  }

  async savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    await this.#models.policies.replaceOne(
      { _id: tenantId },
      { _id: tenantId, policy: structuredClone(policy) },
      { upsert: true },
    );
  }

  async appendAuditEvent(event: AuditEvent): Promise<void> {
    const { id, details, ...rest } = event;
    const doc: AuditDoc = {
      _id: id,
      ...rest,
      details: Object.entries(details).map(([key, value]) => ({ key, value })),
    };
    await this.#models.auditEvents.create([doc]);
  }
}

/** Active sessions' records carry their state as of login: lay the live part over them. */
export async function withLive(partitions: Partitions, sessions: Session[]): Promise<Session[]> {
  const active = sessions.filter((s) => s.status === 'active');
  if (active.length === 0) return sessions;
  const live = new Map<string, LiveSessionDoc>();
  for (const [i, group] of partitions.group(active, (s) => s.tokenHash)) {
    const filter =
      group.length === 1 ? { _id: group[0]?.tokenHash } : { _id: { $in: group.map((s) => s.tokenHash) } };
    const docs = await partitions.live[i]?.find(filter).read('primary').lean<LiveSessionDoc[]>();
    for (const d of docs ?? []) live.set(d._id, d);
  }
  return sessions.map((s) => {
    const doc = s.status === 'active' ? live.get(s.tokenHash) : undefined;
    return doc ? withLiveState(s, fromLiveDoc(doc)) : s;
  });
}

async function insertAll<T>(
  model: { insertMany(docs: T[], options: { ordered: true; lean: true }): Promise<unknown> } | undefined,
  docs: T[],
): Promise<void> {
  for (let i = 0; i < docs.length; i += INSERT_BATCH)
    await model?.insertMany(docs.slice(i, i + INSERT_BATCH), { ordered: true, lean: true });
}

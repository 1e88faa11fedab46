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
import { SessionKitError, withLiveState } from '@sessionkit/core';
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
import { isDuplicateKey } from './storeRunner.js';

const INSERT_BATCH = 1_000;
const DELETE_BATCH = 1_000;

/** Sessions as they live and end, their slots, the policy and the trail: every write the kit makes. */
export class MongoLifecycle {
  readonly #models: SessionKitModels;

  constructor(models: SessionKitModels) {
    this.#models = models;
  }

  async insertSessions(sessions: readonly Session[]): Promise<void> {
    // The record first: an end that races a login in flight finds the record to close (see endSession).
    for (let i = 0; i < sessions.length; i += INSERT_BATCH) {
      const batch = sessions.slice(i, i + INSERT_BATCH);
      try {
        await this.#models.sessions.insertMany(batch.map(toSessionDoc), { ordered: true, lean: true });
        const live = batch.filter((s) => s.status === 'active').map(toLiveDoc);
        const ends = batch.filter((s) => s.status === 'ended').map(toEndDoc);
        if (live.length > 0) await this.#models.liveSessions.insertMany(live, { ordered: true, lean: true });
        if (ends.length > 0) await this.#models.sessionEnds.insertMany(ends, { ordered: true, lean: true });
      } catch (error) {
        if (isDuplicateKey(error)) {
          throw new SessionKitError('invalid_input', 'a session with this token or id already exists');
        }
        throw error;
      }
    }
  }

  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    // Exactly `{ _id }` and nothing else: the one filter FerretDB pushes down, on the smallest documents.
    const doc = await this.#models.liveSessions
      .findOne({ _id: tokenHash })
      .read('primary')
      .lean<LiveSessionDoc>();
    return doc ? fromLiveDoc(doc) : null;
  }

  async findSessionEnd(tokenHash: string): Promise<SessionEnd | null> {
    const doc = await this.#models.sessionEnds
      .findOne({ _id: tokenHash })
      .read('primary')
      .lean<SessionEndDoc>();
    return doc ? fromEndDoc(doc) : null;
  }

  async findSessionById(tenantId: string, id: string): Promise<Session | null> {
    const doc = await this.#models.sessions.findOne({ _id: id }).read('primary').lean<SessionDoc>();
    if (!doc || doc.tenantId !== tenantId) return null;
    const [session] = await withLive(this.#models, [fromSessionDoc(doc)]);
    return session ?? null;
  }

  async listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]> {
    const docs = await this.#models.liveSessions
      .find({ tenantId, userId })
      .sort({ createdAt: 1, id: 1 })
      .read('primary')
      .lean<LiveSessionDoc[]>();
    return docs.map(fromLiveDoc);
  }

  async touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    // By `_id` alone and never an upsert: once the end deleted the live document, this writes nothing.
    const set: Record<string, unknown> = { lastSeenAt: patch.lastSeenAt, lastIp: patch.lastIp };
    if (patch.lastPath !== null) set.lastPath = patch.lastPath;
    await this.#models.liveSessions.updateOne(
      { _id: tokenHash },
      { $set: set, $inc: { actions: patch.addActions } },
      { upsert: false },
    );
  }

  async setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    await this.#models.liveSessions.updateOne({ _id: tokenHash }, { $set: { slot } }, { upsert: false });
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
      await this.#models.sessionEnds.insertMany([end], { lean: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.#settleEnded(ref);
      return null;
    }
    const live = await this.#models.liveSessions
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
      await this.#models.sessionEnds.deleteOne({ _id: ref.tokenHash });
      return null;
    }
    return record ? fromSessionDoc(record) : null;
  }

  /**
   * What a losing end does: make sure the live document is gone (the winner may have crashed before deleting
   * it) and the record says ended (a login in flight may have stored it after the winner looked).
   */
  async #settleEnded(ref: SessionRef): Promise<void> {
    await this.#models.liveSessions.deleteOne({ _id: ref.tokenHash });
    const record = await this.#models.sessions.findOne({ _id: ref.id }).lean<SessionDoc>();
    if (!record || record.status !== 'active') return;
    const end = await this.#models.sessionEnds.findOne({ _id: ref.tokenHash }).lean<SessionEndDoc>();
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
      await this.#models.sessionEnds.deleteMany({ _id: { $in: docs.map((d) => d.tokenHash) } });
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
    const docs = await this.#models.liveSessions.find({ $or: or }).limit(limit).lean<LiveSessionDoc[]>();
    return docs.map(fromLiveDoc);
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
export async function withLive(models: SessionKitModels, sessions: Session[]): Promise<Session[]> {
  const active = sessions.filter((s) => s.status === 'active');
  if (active.length === 0) return sessions;
  const filter =
    active.length === 1 ? { _id: active[0]?.tokenHash } : { _id: { $in: active.map((s) => s.tokenHash) } };
  const live = new Map(
    (await models.liveSessions.find(filter).read('primary').lean<LiveSessionDoc[]>()).map((d) => [d._id, d]),
  );
  return sessions.map((s) => {
    const doc = s.status === 'active' ? live.get(s.tokenHash) : undefined;
    return doc ? withLiveState(s, fromLiveDoc(doc)) : s;
  });
}

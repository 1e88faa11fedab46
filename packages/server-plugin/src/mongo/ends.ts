import type { Ending, Session, SessionRef } from '@sessionkit/core';
import { withLiveState } from '@sessionkit/core';
import { fromLiveDoc, fromSessionDoc } from './docs.js';
import type { LiveSessionDoc, SessionDoc, SessionEndDoc } from './models.js';
import type { Partitions } from './partitions.js';
import { isDuplicateKey } from './storeRunner.js';

const DELETE_BATCH = 1_000;

/**
 * How sessions end in the database, and how ended sessions leave it after retention. Every end is a
 * unique-key insert into `session_ends` (the one write atomic on MongoDB and FerretDB alike: of racing ends,
 * one wins) and the removal of the live document (so no activity write can bring the session back). In
 * layout version 1 the winner also rewrites the record; in version 2 the end document carries the final
 * state instead and the record is never written again (see `partitions.ts`). Every write is by `_id` alone,
 * in the partition that `_id` falls in.
 */
export class MongoEnds {
  readonly #partitions: () => Partitions;

  constructor(partitions: () => Partitions) {
    this.#partitions = partitions;
  }

  /**
   * Ends one session: the ended session when this call won, null when another end won or nothing of it was
   * stored. `known` is the session as the caller already holds it (the view mirror's copy), which spares
   * version 2 the read of its record.
   */
  async endSession(ref: SessionRef, ending: Ending, known: Session | null): Promise<Session | null> {
    const p = this.#partitions();
    const liveModel = p.liveOf(ref.tokenHash);
    // Version 2 keeps the final state in the end: the caller's copy when it has one (the mirror, which a force
    // logout or an eviction has just caught up), else read from the live document first.
    const before =
      p.version === 2 && !known
        ? await liveModel.findOne({ _id: ref.tokenHash }).read('primary').lean<LiveSessionDoc>()
        : null;
    const final = before ? finalOf(before) : p.version === 2 && known ? finalOfSession(known) : undefined;
    const end: SessionEndDoc = {
      _id: ref.tokenHash,
      sessionId: ref.id,
      tenantId: ref.tenantId,
      userId: ref.userId,
      endedAt: ending.endedAt,
      endReason: ending.endReason,
      endedBy: ending.endedBy,
      note: ending.note ?? null,
      ...(final ? { final } : {}),
    };
    try {
      await p.endsOf(ref.tokenHash).insertMany([end], { lean: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.#settleEnded(ref);
      return null;
    }
    let live: LiveSessionDoc | null = before;
    let stored: boolean;
    if (p.version === 2) {
      const { deletedCount } = await liveModel.deleteOne({ _id: ref.tokenHash });
      stored = before !== null || deletedCount > 0;
    } else {
      live = await liveModel.findOneAndDelete({ _id: ref.tokenHash }).lean<LiveSessionDoc>();
      stored = live !== null;
    }
    const record = p.version === 2 ? await this.#record(ref.id, known) : await this.#rewrite(ref, end, live);
    if (!record && !stored) {
      // Nothing of this session was stored: there was nothing to end (and no end to keep).
      await p.endsOf(ref.tokenHash).deleteOne({ _id: ref.tokenHash });
      return null;
    }
    if (!record) return null;
    return withEnd(live ? withLiveState(record, fromLiveDoc(live)) : record, {
      ...end,
      final: undefined,
    });
  }

  async #record(id: string, known: Session | null): Promise<Session | null> {
    if (known) return known;
    const doc = await this.#partitions()
      .recordsOf(id)
      .findOne({ _id: id })
      .read('primary')
      .lean<SessionDoc>();
    return doc ? fromSessionDoc(doc) : null;
  }

  /** Layout version 1: the record says ended, with the final activity. */
  async #rewrite(ref: SessionRef, end: SessionEndDoc, live: LiveSessionDoc | null): Promise<Session | null> {
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
    const record = await this.#partitions()
      .recordsOf(ref.id)
      .findOneAndUpdate({ _id: ref.id }, { $set: set }, { returnDocument: 'after' })
      .lean<SessionDoc>();
    return record ? fromSessionDoc(record) : null;
  }

  /**
   * What a losing end does: make sure the live document is gone (the winner may have crashed before deleting
   * it) and, in layout version 1, that the record says ended (a login in flight may have stored it after the
   * winner looked). Version 2 records never say ended: readers lay the end over them.
   */
  async #settleEnded(ref: SessionRef): Promise<void> {
    const p = this.#partitions();
    await p.liveOf(ref.tokenHash).deleteOne({ _id: ref.tokenHash });
    if (p.version === 2) return;
    const records = p.recordsOf(ref.id);
    const record = await records.findOne({ _id: ref.id }).lean<SessionDoc>();
    if (!record || record.status !== 'active') return;
    const end = await p.endsOf(ref.tokenHash).findOne({ _id: ref.tokenHash }).lean<SessionEndDoc>();
    if (!end) return;
    await records.updateOne(
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
    return this.#partitions().version === 2
      ? this.#deleteByEnds(tenantId, endedBefore)
      : this.#deleteByRecords(tenantId, endedBefore);
  }

  async #deleteByRecords(tenantId: string, endedBefore: Date): Promise<number> {
    // In batches, by `_id`: the records name their end documents (keyed by token hash) to remove with them.
    const p = this.#partitions();
    const records = p.records[0] as Partitions['records'][number];
    let removed = 0;
    for (;;) {
      const docs = await records
        .find({ tenantId, status: 'ended', endedAt: { $lt: endedBefore } }, { _id: 1, tokenHash: 1 })
        .limit(DELETE_BATCH)
        .lean<Pick<SessionDoc, '_id' | 'tokenHash'>[]>();
      if (docs.length === 0) break;
      for (const [i, ended] of p.group(docs, (d) => d.tokenHash))
        await p.ends[i]?.deleteMany({ _id: { $in: ended.map((d) => d.tokenHash) } });
      const result = await records.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
      removed += result.deletedCount;
      if (docs.length < DELETE_BATCH) break;
    }
    return removed;
  }

  async #deleteByEnds(tenantId: string, endedBefore: Date): Promise<number> {
    // Version 2 records don't say when they ended: the ends do, and name the records to remove with them.
    const p = this.#partitions();
    let removed = 0;
    for (const ends of p.ends) {
      for (;;) {
        const docs = await ends
          .find({ tenantId, endedAt: { $lt: endedBefore } }, { _id: 1, sessionId: 1 })
          .limit(DELETE_BATCH)
          .lean<Pick<SessionEndDoc, '_id' | 'sessionId'>[]>();
        if (docs.length === 0) break;
        for (const [i, group] of p.groupRecords(docs, (d) => d.sessionId)) {
          const result = await p.records[i]?.deleteMany({ _id: { $in: group.map((d) => d.sessionId) } });
          removed += result?.deletedCount ?? 0;
        }
        await ends.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
        if (docs.length < DELETE_BATCH) break;
      }
    }
    return removed;
  }
}

function finalOf(live: LiveSessionDoc): NonNullable<SessionEndDoc['final']> {
  return {
    lastSeenAt: live.lastSeenAt,
    lastIp: live.lastIp,
    actions: live.actions,
    lastPath: live.lastPath ?? null,
    slot: live.slot ?? null,
  };
}

function finalOfSession(session: Session): NonNullable<SessionEndDoc['final']> {
  return {
    lastSeenAt: session.lastSeenAt,
    lastIp: session.lastIp,
    actions: session.activity.actions,
    lastPath: session.activity.lastPath,
    slot: session.slot,
  };
}

/** A session with its end laid over it, and the final activity when the end document carries it. */
export function withEnd(session: Session, end: SessionEndDoc): Session {
  const final = end.final;
  return {
    ...session,
    ...(final
      ? {
          lastSeenAt: final.lastSeenAt,
          lastIp: final.lastIp,
          activity: { actions: final.actions, lastPath: final.lastPath ?? null },
          slot: final.slot ?? null,
        }
      : {}),
    status: 'ended',
    endedAt: end.endedAt,
    endReason: end.endReason as Session['endReason'],
    endedBy: end.endedBy ?? null,
    endNote: end.note ?? null,
  };
}

import type { Suspension, SuspensionMark } from '@sessionkit/core';
import type { SessionKitModels } from './models.js';
import type { Partitions } from './partitions.js';
import { isDuplicateKey } from './storeRunner.js';
import type { SuspensionDoc, SuspensionHeadDoc } from './suspensionModels.js';
import type { TouchLeases } from './touchLeases.js';

/**
 * Suspensions (core's `SuspensionStore`): the records in a small collection of their own, and the mark on
 * each live document. Only the mark is on the per-request path, so requests pay nothing for suspensions.
 */
export class MongoSuspensions {
  readonly #models: SessionKitModels;
  readonly #partitions: () => Partitions;
  readonly #leases: TouchLeases;

  constructor(models: SessionKitModels, partitions: () => Partitions, leases: TouchLeases) {
    this.#models = models;
    this.#partitions = partitions;
    this.#leases = leases;
  }

  async saveSuspension(s: Suspension): Promise<void> {
    const { id, ...rest } = s;
    await this.#models.suspensions.create([{ _id: id, ...rest }]);
    // The older ones go, each by `_id`: a read of the person's first (a small collection; few documents).
    const older = (await this.#ofUser(s.tenantId, s.userId)).filter((d) => d._id !== id);
    for (const d of older) await this.#models.suspensions.deleteOne({ _id: d._id });
    await this.#writeHead(s);
    // Two suspensions of one person saved at once: the head ends on the newest record that is left.
    const [newest] = await this.#ofUser(s.tenantId, s.userId);
    if (newest && newest._id !== id) await this.#writeHead(fromDoc(newest));
  }

  async findSuspension(tenantId: string, userId: string): Promise<Suspension | null> {
    // Two reads by `_id`, on every login and activity write: the head, then whether it was lifted.
    const head = await this.#models.suspensionHeads
      .findOne({ _id: headId(tenantId, userId) })
      .read('primary')
      .lean<SuspensionHeadDoc>();
    if (!head) return null;
    const lifted = await this.#models.suspensionLifts
      .findOne({ _id: head.suspensionId })
      .read('primary')
      .lean();
    if (lifted) return null;
    const { _id, suspensionId, ...rest } = head;
    return fromDoc({ ...rest, _id: suspensionId });
  }

  async listSuspensions(tenantId: string): Promise<Suspension[]> {
    const docs = await this.#models.suspensions.find({ tenantId }).read('primary').lean<SuspensionDoc[]>();
    // One a person: the newest, should a save have raced another.
    const newest = new Map<string, SuspensionDoc>();
    for (const d of docs) {
      const seen = newest.get(d.userId);
      if (!seen || d.suspendedAt > seen.suspendedAt) newest.set(d.userId, d);
    }
    return [...newest.values()].map(fromDoc);
  }

  async liftSuspension(tenantId: string, userId: string, id: string): Promise<boolean> {
    const doc = await this.#models.suspensions.findOne({ _id: id }).read('primary').lean<SuspensionDoc>();
    if (!doc || doc.tenantId !== tenantId || doc.userId !== userId) return false;
    try {
      await this.#models.suspensionLifts.create([{ _id: id, tenantId, liftedAt: new Date() }]);
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    await this.#models.suspensions.deleteOne({ _id: id });
    return true;
  }

  async markSession(tokenHash: string, mark: SuspensionMark): Promise<void> {
    const live = this.#partitions().liveOf(tokenHash);
    const suspension = { id: mark.id, until: new Date(mark.until), reason: mark.reason };
    // By `_id` alone and never an upsert, like a touch: once the end deleted the live document, nothing. It
    // answers once no activity write that was in flight can drop it (see touchLeases.ts).
    await this.#leases.mark(
      live,
      tokenHash,
      () => live.updateOne({ _id: tokenHash }, { $set: { suspension } }, { upsert: false }),
      (doc) =>
        doc.suspension?.id === mark.id &&
        new Date(doc.suspension.until).getTime() === suspension.until.getTime(),
    );
  }

  async #writeHead(s: Suspension): Promise<void> {
    const { id, ...rest } = s;
    await this.#models.suspensionHeads.replaceOne(
      { _id: headId(s.tenantId, s.userId) },
      { ...rest, suspensionId: id },
      { upsert: true },
    );
  }

  async #ofUser(tenantId: string, userId: string): Promise<SuspensionDoc[]> {
    const docs = await this.#models.suspensions
      .find({ tenantId, userId })
      .read('primary')
      .lean<SuspensionDoc[]>();
    return docs.sort((a, b) => b.suspendedAt.getTime() - a.suspendedAt.getTime() || (a._id < b._id ? 1 : -1));
  }
}

/** A person's key: JSON, so that no tenant or user id can make two people's keys meet. */
function headId(tenantId: string, userId: string): string {
  return JSON.stringify([tenantId, userId]);
}

function fromDoc(d: SuspensionDoc): Suspension {
  return {
    id: d._id,
    tenantId: d.tenantId,
    userId: d.userId,
    reason: d.reason,
    until: new Date(d.until),
    suspendedAt: new Date(d.suspendedAt),
    suspendedBy: d.suspendedBy ?? null,
  };
}

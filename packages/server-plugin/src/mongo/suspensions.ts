import type { Suspension, SuspensionMark } from '@sessionkit/core';
import type { SessionKitModels } from './models.js';
import type { Partitions } from './partitions.js';
import { isDuplicateKey } from './storeRunner.js';
import type { SuspensionDoc } from './suspensionModels.js';
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
  }

  async findSuspension(tenantId: string, userId: string): Promise<Suspension | null> {
    const [newest] = await this.#ofUser(tenantId, userId);
    return newest ? fromDoc(newest) : null;
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

  async #ofUser(tenantId: string, userId: string): Promise<SuspensionDoc[]> {
    const docs = await this.#models.suspensions
      .find({ tenantId, userId })
      .read('primary')
      .lean<SuspensionDoc[]>();
    return docs.sort((a, b) => b.suspendedAt.getTime() - a.suspendedAt.getTime() || (a._id < b._id ? 1 : -1));
  }
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

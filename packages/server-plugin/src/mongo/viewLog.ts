import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import type { ViewChangeDoc } from './models.js';
import { isDuplicateKey } from './storeRunner.js';

// How long changes stay in the log. An instance that missed some (they were removed before it read them)
// loads everything again.
const RETENTION_MS = 5 * 60_000;
const HEAD_ID = 'views';
// A head write can be overwritten by a concurrent older one (FerretDB updates read, then write): the writer
// looks again this much later and writes its own sequence again if the head fell behind it.
const HEAD_RECHECK_MS = 1_000;
// Changes kept while the log can't be written; beyond this, one "load again" replaces them.
const UNSENT_MAX = 10_000;
// Changes in one entry at most (each may hold up to 100 sessions).
const BATCH_MAX = 50;

export interface LogEntry {
  seq: number;
  by: string;
  change: Record<string, unknown>;
}

interface HeadDoc {
  _id: string;
  seq: number;
}

/** The part of the driver's collection that the head needs (`<prefix>meta`). */
export interface HeadCollection {
  findOne(filter: { _id: string }): Promise<HeadDoc | null>;
  updateOne(
    filter: { _id: string },
    update: { $max: { seq: number } },
    options?: { upsert: boolean },
  ): Promise<unknown>;
}

/**
 * The view mirrors' change log: entries keyed by a sequence number (`_id` `c000000000042`), claimed by a
 * unique-key insert, the one write atomic on MongoDB and FerretDB alike, so the entries are gapless and in
 * order. The highest sequence is announced in a head document in `<prefix>meta`, which holds two documents:
 * finding out that nothing is new is one `_id` read of it, and news is read as the entries after the last
 * one seen. FerretDB 1.24 answers a filter on anything but `_id` by reading the whole collection.
 */
export class ViewLog {
  readonly instance = randomUUID();
  readonly #changes: Model<ViewChangeDoc>;
  readonly #meta: () => HeadCollection | undefined;
  /** The highest sequence this instance knows to exist: where its next claim starts. */
  #known = 0;
  #published = 0;
  /** This instance's entries that its reader hasn't passed yet: it needn't read them back. */
  readonly #own = new Set<number>();
  #unsent: Record<string, unknown>[] = [];
  #sending: Promise<void> = Promise.resolve();
  // The first prune waits a quarter of the retention, like every later one.
  #prunedAt = Date.now();
  #recheck: NodeJS.Timeout | null = null;

  constructor(changes: Model<ViewChangeDoc>, meta: () => HeadCollection | undefined) {
    this.#changes = changes;
    this.#meta = meta;
  }

  /** The announced head: one read by `_id`. */
  async head(): Promise<number> {
    const doc = await this.#meta()?.findOne({ _id: HEAD_ID });
    const seq = doc?.seq ?? 0;
    this.#known = Math.max(this.#known, seq);
    return seq;
  }

  /**
   * Appends changes in the order given, after any that an earlier call couldn't send. A failure keeps them
   * to send with the next call (the write they describe has landed: it is reported, not undone) and
   * rejects, so that the caller can say so.
   */
  append(change: Record<string, unknown>): Promise<void> {
    if (this.#unsent.length >= UNSENT_MAX) this.#unsent = [{ op: 'reload' }];
    this.#unsent.push(change);
    return this.flush();
  }

  /**
   * Sends what is waiting, one send at a time: changes queued while a send is under way go together in the
   * next entry (`op: 'batch'`), so a burst of logins costs a few entries, not one round trip each in turn.
   */
  flush(): Promise<void> {
    const next = this.#sending.then(async () => {
      while (this.#unsent.length > 0) {
        const batch = this.#unsent.slice(0, BATCH_MAX);
        await this.#send(
          batch.length === 1 ? (batch[0] as Record<string, unknown>) : { op: 'batch', changes: batch },
        );
        this.#unsent.splice(0, batch.length);
      }
    });
    this.#sending = next.catch(() => undefined);
    return next;
  }

  get unsent(): number {
    return this.#unsent.length;
  }

  async #send(change: Record<string, unknown>): Promise<void> {
    let seq = this.#known + 1;
    for (;;) {
      try {
        const doc: ViewChangeDoc = { _id: idOf(seq), seq, at: new Date(), by: this.instance, change };
        await this.#changes.insertMany([doc], { lean: true });
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Taken: the head says how far the others got (it may lag a little; then the next number is tried).
        seq = Math.max(seq + 1, (await this.head()) + 1);
      }
    }
    this.#known = Math.max(this.#known, seq);
    this.#published = Math.max(this.#published, seq);
    this.#own.add(seq);
    await this.#announce(seq);
  }

  async #announce(seq: number): Promise<void> {
    const meta = this.#meta();
    if (!meta) return;
    try {
      await meta.updateOne({ _id: HEAD_ID }, { $max: { seq } }, { upsert: true });
    } catch (error) {
      // Two first writers both inserted the head: the other's stands, and this one raises it.
      if (!isDuplicateKey(error)) throw error;
      await meta.updateOne({ _id: HEAD_ID }, { $max: { seq } });
    }
    this.#recheck ??= setTimeout(() => {
      this.#recheck = null;
      void this.head()
        .then((head) => (head < this.#published ? this.#announce(this.#published) : undefined))
        .catch(() => undefined);
    }, HEAD_RECHECK_MS);
    this.#recheck.unref();
  }

  /**
   * The entries after `after`, in order. `gap` when some were removed before this instance read them (it
   * must load everything again).
   */
  async since(after: number, head: number): Promise<{ entries: LogEntry[]; gap: boolean }> {
    const docs = await this.#changes
      .find({ _id: { $gt: idOf(after) } })
      .sort({ _id: 1 })
      .lean<ViewChangeDoc[]>();
    const entries = docs.map((d) => ({ seq: d.seq, by: d.by, change: d.change }));
    const first = entries[0]?.seq;
    const gap = first === undefined ? head > after : first !== after + 1;
    for (const e of entries) {
      this.#known = Math.max(this.#known, e.seq);
      this.#own.delete(e.seq);
    }
    return { entries, gap };
  }

  /** `seen` moved past this instance's own entries that directly follow it. */
  skipOwn(seen: number): number {
    let at = seen;
    while (this.#own.delete(at + 1)) at++;
    return at;
  }

  /** Removes entries older than the retention, at most every quarter of it. */
  async prune(now: number): Promise<void> {
    if (now - this.#prunedAt < RETENTION_MS / 4) return;
    this.#prunedAt = now;
    await this.#changes.deleteMany({ at: { $lt: new Date(now - RETENTION_MS) } });
  }

  stop(): void {
    if (this.#recheck) clearTimeout(this.#recheck);
    this.#recheck = null;
  }
}

function idOf(seq: number): string {
  return `c${String(seq).padStart(12, '0')}`;
}

import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Model } from 'mongoose';
import type { LiveSessionDoc } from './models.js';
import type { TouchLeaseDoc } from './suspensionModels.js';

/** A lease older than this belongs to an instance that stopped mid-write: a mark no longer waits for it. */
const STALE_MS = 30_000;
/** How often a mark looks again for the writes it waits on (a write of one small document: milliseconds). */
const POLL_MS = 5;
/** A session's activity writes never stop for long (one per touch interval per instance): a bound all the same. */
const MAX_POLLS = 2_000;
/** Rewrites of a mark that was lost; beyond a few, another mark is being written and core's record decides. */
const MARK_ATTEMPTS = 5;

/**
 * Why a suspension mark can't be dropped by a request's activity write. On FerretDB an update reads the
 * document, then writes it whole by `_id` (`UpdateAll` in its SQLite backend): an activity write that read
 * before the mark and lands after it writes the old document back, and requests then pass until it is noticed.
 * So every other update of a live document holds a lease (a small keyed insert) from before its read until
 * after its write, and a mark answers only once it has read itself back after a moment when no lease was open:
 * every update that begins later reads the mark and keeps it. On MongoDB an update is atomic and the check
 * passes at once; the lease costs two keyed writes per activity write (once per touch interval, not per
 * request).
 */
export class TouchLeases {
  readonly #leases: Model<TouchLeaseDoc>;

  constructor(leases: Model<TouchLeaseDoc>) {
    this.#leases = leases;
  }

  /** Runs an update of the live document `tokenHash` under a lease. */
  async around<T>(tokenHash: string, write: () => Promise<T>): Promise<T> {
    const _id = randomUUID();
    await this.#leases.create([{ _id, tokenHash, at: new Date() }]);
    try {
      return await write();
    } finally {
      await this.#leases.deleteOne({ _id });
    }
  }

  /**
   * Writes the mark (`write`) and answers once it holds: the open leases waited out, the document read back,
   * and the mark written again when one of them dropped it. Nothing to hold once the session ended.
   */
  async mark(
    live: Model<LiveSessionDoc>,
    tokenHash: string,
    write: () => Promise<unknown>,
    holds: (doc: LiveSessionDoc) => boolean,
  ): Promise<void> {
    for (let attempt = 0; attempt < MARK_ATTEMPTS; attempt++) {
      await write();
      await this.#settle(tokenHash);
      const doc = await live.findOne({ _id: tokenHash }).read('primary').lean<LiveSessionDoc>();
      if (!doc || holds(doc)) return;
    }
  }

  /**
   * Waits for a moment when no update of the document is in flight. Not only the leases open when the mark was
   * written: an update that began later may have read the document a wipe had just written back. Once none is
   * open, the document is what every later update reads, so the read back that follows is the last word.
   */
  async #settle(tokenHash: string): Promise<void> {
    for (let polls = 0; polls < MAX_POLLS && (await this.#open(tokenHash)) > 0; polls++) await delay(POLL_MS);
  }

  async #open(tokenHash: string): Promise<number> {
    const docs = await this.#leases.find({ tokenHash }).read('primary').lean<TouchLeaseDoc[]>();
    const staleBefore = Date.now() - STALE_MS;
    let open = 0;
    for (const d of docs) {
      if (new Date(d.at).getTime() >= staleBefore) open++;
      // Left by an instance that stopped between its insert and its delete: cleared as it is found.
      else await this.#leases.deleteOne({ _id: d._id });
    }
    return open;
  }
}

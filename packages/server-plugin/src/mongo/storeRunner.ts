import { SessionKitError, isSessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';

/** Server error codes that mean "not now" (failover, shutdown), not "this command is wrong". */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * Runs every store operation: waits until the store is ready, and turns an unreachable server into
 * `store_unavailable` (a 503) within `outageTimeoutMs` instead of the driver's 30-second server selection.
 */
export class StoreRunner {
  readonly #connection: Connection;
  readonly #outageTimeoutMs: number;
  readonly #ready: () => Promise<void>;
  #probe: Promise<boolean> | null = null;
  #lastProbe = { answered: true, at: 0 };
  // Any operation that completed is as good as a ping: a busy server keeps answering, so it is never taken
  // for a dead one just because one ping was slow.
  #lastAnswerAt = 0;
  #listening = false;

  constructor(connection: Connection, outageTimeoutMs: number, ready: () => Promise<void>) {
    this.#connection = connection;
    this.#outageTimeoutMs = outageTimeoutMs;
    this.#ready = ready;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
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
    this.#listen();
    const run = (async () => {
      await this.#ready();
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

  /**
   * Every command that completes hands its connection back to the pool: the surest sign that the server
   * answers, even while one long operation (an import, the start-up's index builds) is still running.
   */
  #listen(): void {
    if (this.#listening || this.#connection.readyState !== 1) return;
    this.#listening = true;
    this.#connection.getClient().on('connectionCheckedIn', () => {
      this.#lastAnswerAt = Date.now();
    });
  }

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
      const wait = this.#outageTimeoutMs / 2;
      const started = performance.now();
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), wait);
      });
      const ping = db
        .admin()
        .ping()
        .then(() => true)
        .catch(() => false);
      try {
        if (await Promise.race([ping, late])) return true;
        // A timer that fired far too late means this process was starved of CPU: the ping's answer may be
        // waiting to be read. That says nothing about the server, so it counts as answered; the next check
        // asks again (measured: false 503s at a load average of 22 on two cores).
        return performance.now() - started > wait * 1.5;
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
}

/** FerretDB's E11000 carries no keyValue or keyPattern: the code alone decides. */
export function isDuplicateKey(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; writeErrors?: { code?: unknown }[] };
  return e.code === 11000 || e.writeErrors?.some((w) => w.code === 11000) === true;
}

/** Network, selection and shutdown failures become `store_unavailable`; the server maps it to 503. */
export function toStoreError(error: unknown): unknown {
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

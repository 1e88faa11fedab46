import { SessionKitError, isSessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';

/** Server error codes that mean "not now" (failover, shutdown), not "this command is wrong". */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/** How many `outageTimeoutMs` a server may stay wholly silent (no command, heartbeat or probe answered) before it counts as hung. */
export const HUNG_AFTER_TIMEOUTS = 3;

/**
 * Runs every store operation: waits until the store is ready, and turns an unreachable server into
 * `store_unavailable` (a 503) instead of the driver's 30-second server selection.
 *
 * An outage is judged by what the driver and the server say, not by how long an answer takes: the connection
 * closed, the driver's heartbeat failing, or a probe that fails. A slow server is not a dead one: on a machine
 * with a load average of 20, a healthy FerretDB took over half a second to answer a ping, and the store answered
 * 503 for it. Silence alone counts only once the server has answered nothing at all, not one command, heartbeat
 * or probe, for {@link HUNG_AFTER_TIMEOUTS} times `outageTimeoutMs` while this process kept time (a paused
 * server, or a network that drops packets, gives no error to judge by).
 */
export class StoreRunner {
  readonly #connection: Connection;
  readonly #outageTimeoutMs: number;
  readonly #ready: () => Promise<void>;
  #probe: { startedAt: number; hung: boolean; settled: Promise<Verdict> } | null = null;
  /** The last sign of life: a command completed, a heartbeat or a probe answered. */
  #lastAnswerAt = 0;
  /** What the driver last reported failing (a heartbeat, a cleared pool) since the server last answered. */
  #failure: unknown = null;
  #listening = false;

  constructor(connection: Connection, outageTimeoutMs: number, ready: () => Promise<void>) {
    this.#connection = connection;
    this.#outageTimeoutMs = outageTimeoutMs;
    this.#ready = ready;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // Checked every half `outageTimeoutMs`: while nothing says the server is gone, the operation may take as
    // long as it needs; once something does, the request gets its 503 at the next check.
    const outage = new Promise<never>((_, reject) => {
      const check = () => {
        void this.#judge().then((verdict) => {
          if (verdict === 'up') timer = setTimeout(check, this.#outageTimeoutMs / 2);
          else
            reject(new SessionKitError('store_unavailable', `the session store is unavailable (${verdict})`));
        });
      };
      timer = setTimeout(check, this.#outageTimeoutMs / 2);
    });
    this.#listen();
    const run = (async () => {
      await this.#ready();
      const result = await operation();
      this.#answered();
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

  #answered(): void {
    this.#lastAnswerAt = Date.now();
    this.#failure = null;
  }

  /**
   * The driver's own signs: every command that completes hands its connection back to the pool (the surest
   * sign that the server answers, even while one long operation is still running); its monitor's heartbeats
   * say whether the server answers `hello`, and it clears a pool when a connection to the server failed.
   */
  #listen(): void {
    if (this.#listening || this.#connection.readyState !== 1) return;
    this.#listening = true;
    const client = this.#connection.getClient();
    client.on('connectionCheckedIn', () => {
      this.#lastAnswerAt = Date.now();
    });
    client.on('serverHeartbeatSucceeded', () => this.#answered());
    client.on('serverHeartbeatFailed', (event) => {
      this.#failure = event.failure;
    });
    client.on('connectionPoolCleared', () => {
      this.#failure ??= new Error('connection pool cleared');
    });
  }

  /** Up, or what says the server is gone. */
  async #judge(): Promise<Verdict> {
    if (this.#connection.readyState !== 1 || !this.#connection.db) return 'disconnected';
    if (this.#failure === null && Date.now() - this.#lastAnswerAt < this.#outageTimeoutMs) return 'up';
    const probe = this.#startProbe();
    if (probe.hung) return 'hung';
    // The probe gets half `outageTimeoutMs` to settle; still waiting then is no verdict on its own.
    let timer: NodeJS.Timeout | undefined;
    const pending = new Promise<'pending'>((resolve) => {
      timer = setTimeout(() => resolve('pending'), this.#outageTimeoutMs / 2);
    });
    try {
      const verdict = await Promise.race([probe.settled, pending]);
      if (verdict !== 'pending') return verdict;
      // A driver that reported a failure and a server that doesn't answer the probe: gone.
      return this.#failure === null ? 'up' : 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One `hello` at a time, shared by every caller. `hello` is what the driver's own monitor asks: a server
   * answers it without touching its storage, so a busy storage engine doesn't slow it (FerretDB 1.24's `ping`
   * lists every collection of every database, under the lock that creating a collection holds). An error is an outage; no answer at all only once it has lasted
   * {@link HUNG_AFTER_TIMEOUTS} times `outageTimeoutMs` of this process keeping time.
   */
  #startProbe(): { hung: boolean; settled: Promise<Verdict> } {
    if (this.#probe) return this.#probe;
    const probe = {
      startedAt: performance.now(),
      hung: false,
      settled: Promise.resolve<Verdict>('up'),
    };
    const hungAfter = this.#outageTimeoutMs * HUNG_AFTER_TIMEOUTS;
    let timer: NodeJS.Timeout | undefined;
    const watch = () => {
      timer = setTimeout(() => {
        // A timer that fired far too late means this process was starved of CPU: the answer may be waiting
        // to be read, so the silence counts again from now (measured: false 503s at a load average of 22).
        const late = performance.now() - probe.startedAt > hungAfter * 1.5;
        if (late) {
          probe.startedAt = performance.now();
          watch();
        } else {
          probe.hung = true;
        }
      }, hungAfter);
    };
    watch();
    const db = this.#connection.db;
    probe.settled = (async (): Promise<Verdict> => {
      try {
        await db?.admin().command({ hello: 1 });
        this.#answered();
        return 'up';
      } catch (error) {
        // A server that answered with an error is there; a network or selection failure says it isn't.
        if ((error as { name?: string }).name !== 'MongoServerError') return 'unreachable';
        this.#answered();
        return 'up';
      } finally {
        clearTimeout(timer);
        if (this.#probe === probe) this.#probe = null;
      }
    })();
    this.#probe = probe;
    return probe;
  }
}

type Verdict = 'up' | 'disconnected' | 'unreachable' | 'hung';

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

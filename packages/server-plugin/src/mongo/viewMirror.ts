import type { Ending, LiveSession, Session, SessionRef, TouchPatch } from '@sessionkit/core';
import { MemorySessionStore, isSessionKitError, withLiveState } from '@sessionkit/core';
import { fromLiveDoc, fromSessionDoc } from './docs.js';
import { withEnd } from './ends.js';
import type { LiveSessionDoc, SessionDoc, SessionEndDoc } from './models.js';
import type { Partitions } from './partitions.js';
import type { ViewLog } from './viewLog.js';

/** One write to sessions, as every instance's mirror applies it. */
export type ViewChange =
  | { op: 'insert'; sessions: Session[] }
  | { op: 'touch'; tokenHash: string; patch: TouchPatch }
  | { op: 'slot'; tokenHash: string; slot: number | null }
  | { op: 'end'; ref: SessionRef; ending: Ending }
  | { op: 'purge'; tenantId: string; endedBefore: Date }
  | { op: 'reload' };

type AppliedChange = Exclude<ViewChange, { op: 'reload' }>;

// Ends of sessions the mirror didn't know are kept this long, for their inserts read later.
const ENDED_UNKNOWN_MS = 5 * 60_000;
// A bigger insert (an import) tells the other instances to load again instead of putting every session in the log.
const LOGGED_INSERT_MAX = 100;
const LOAD_BATCH = 5_000;

/**
 * The sessions of every account, held in process memory in the memory store's shape, so that admin views,
 * the limit's per-user lists and the sweeper's candidates cost a page instead of a read of the whole
 * collection. FerretDB 1.24 answers every filter but `{ _id }` by reading the collection (at 300,000
 * sessions the team view took 36 s there); MongoDB has indexes and never needs this.
 *
 * Loaded once in the background (views answer from the database until then); kept current by this instance's
 * own writes, and by the other instances' writes through a short-lived change log that is read before a view
 * answers. The database stays the authority: ends, slots and the per-request check never read the mirror.
 */
export class ViewMirror {
  readonly #partitions: Partitions;
  readonly #log: ViewLog;
  #store: MemorySessionStore | null = null;
  #loading: Promise<void> | null = null;
  /** Why the last load failed, until one succeeds: views then fail rather than answer from stale memory. */
  #loadError: unknown = null;
  // Changes that arrive while a load runs, applied to the loaded store before it answers anything.
  #buffer: AppliedChange[] | null = null;
  // Ends of sessions the mirror doesn't know (yet): an insert read later from the log is ended at once.
  readonly #endedUnknown = new Map<string, { at: number; end: { ref: SessionRef; ending: Ending } }>();
  /** The last sequence of the log read and applied (every entry up to it). */
  #seen = 0;
  #caughtUpAt = 0;
  #catchUp: { startedAt: number; done: Promise<void> } | null = null;

  constructor(partitions: Partitions, log: ViewLog) {
    this.#partitions = partitions;
    this.#log = log;
  }

  /** Starts the load unless it runs or ran. */
  start(): void {
    if (!this.#store && !this.#loading) this.#reload();
  }

  /**
   * Waits for a load under way; answers whether the mirror is loaded, and rejects with the load's error when
   * the last load failed (the next call tries again).
   */
  async loaded(): Promise<boolean> {
    this.start();
    while (this.#loading) await this.#loading;
    if (!this.#store && this.#loadError) throw this.#loadError;
    return this.#store !== null;
  }

  /** The session as this mirror holds it now, without reading the log: null when it doesn't know it. */
  async known(ref: SessionRef): Promise<Session | null> {
    const session = await this.#store?.findSessionById(ref.tenantId, ref.id);
    return session && session.tokenHash === ref.tokenHash ? session : null;
  }

  /**
   * The mirror with every instance's changes up to `maxAgeMs` ago applied, or null while it loads (the
   * caller then reads the database), unless told to `wait` for the load, which then rejects if it failed.
   */
  async current(maxAgeMs: number, wait = false): Promise<MemorySessionStore | null> {
    if (wait) await this.loaded();
    this.start();
    if (!this.#store) return null;
    const asked = Date.now();
    if (asked - this.#caughtUpAt > maxAgeMs) {
      // A catch-up already under way counts only if it started recently enough; otherwise one more follows it.
      if (this.#catchUp && this.#catchUp.startedAt < asked - maxAgeMs) await this.#catchUp.done;
      if (Date.now() - this.#caughtUpAt > maxAgeMs) {
        this.#catchUp ??= {
          startedAt: Date.now(),
          done: this.#readLog().finally(() => {
            this.#catchUp = null;
          }),
        };
        await this.#catchUp.done;
      }
    }
    if (wait && !this.#store) await this.loaded();
    return this.#store;
  }

  /**
   * Applies this instance's own write, which has landed in the database, and logs it for the others. A log
   * that can't be written keeps the change to send with the next one: the write is not reported as failed,
   * and this mirror holds what the database holds.
   */
  async publish(change: ViewChange): Promise<void> {
    await this.#route(change);
    const logged: ViewChange =
      change.op === 'insert' && change.sessions.length > LOGGED_INSERT_MAX ? { op: 'reload' } : change;
    await this.#log.append(logged as unknown as Record<string, unknown>).catch(() => undefined);
  }

  /** A write whose outcome is unknown (a bulk insert that failed half-way): every instance loads again. */
  async publishReload(): Promise<void> {
    await this.publish({ op: 'reload' });
  }

  #reload(): void {
    if (this.#loading) return;
    this.#loading = this.#load()
      .then(() => {
        this.#loadError = null;
      })
      .catch((error: unknown) => {
        // A mirror that missed changes must not answer as if it hadn't: views fail (503) until a load succeeds.
        this.#loadError = error;
        this.#store = null;
        this.#buffer = null;
      })
      .finally(() => {
        this.#loading = null;
      });
  }

  async #load(): Promise<void> {
    const buffer: AppliedChange[] = [];
    this.#buffer = buffer;
    // Whatever the log announces from here on is read after the load; what this instance does is buffered.
    const head = await this.#log.head();
    const p = this.#partitions;
    const live = new Map<string, LiveSession>();
    for (const model of p.live) {
      for await (const doc of model.find({}).lean<LiveSessionDoc[]>().cursor({ batchSize: LOAD_BATCH }))
        live.set(doc._id, fromLiveDoc(doc));
    }
    const ends = new Map<string, SessionEndDoc>();
    for (const model of p.ends) {
      for await (const doc of model.find({}).lean<SessionEndDoc[]>().cursor({ batchSize: LOAD_BATCH }))
        ends.set(doc._id, doc);
    }
    const store = new MemorySessionStore();
    let batch: Session[] = [];
    for (const model of p.records) {
      for await (const doc of model.find({}).lean<SessionDoc[]>().cursor({ batchSize: LOAD_BATCH })) {
        const session = fromSessionDoc(doc);
        const state = session.status === 'active' ? live.get(session.tokenHash) : undefined;
        const end = session.status === 'active' && !state ? ends.get(session.tokenHash) : undefined;
        // An active record with neither its live document nor an end is a login between its inserts: its
        // insert is applied from the log.
        if (session.status === 'active' && !state && !end) continue;
        batch.push(state ? withLiveState(session, state) : end ? withEnd(session, end) : session);
        if (batch.length >= LOAD_BATCH) {
          await applyTo(store, { op: 'insert', sessions: batch });
          batch = [];
        }
      }
    }
    await applyTo(store, { op: 'insert', sessions: batch });
    this.#seen = head;
    this.#caughtUpAt = 0;
    while (buffer.length > 0) await this.#applyOrRemember(store, buffer.shift() as AppliedChange);
    this.#store = store;
    this.#buffer = null;
  }

  async #route(change: ViewChange): Promise<void> {
    if (change.op === 'reload') {
      this.#reload();
      return;
    }
    this.#buffer?.push(change);
    if (this.#store) await this.#applyOrRemember(this.#store, change);
  }

  async #applyOrRemember(store: MemorySessionStore, change: AppliedChange): Promise<void> {
    if (change.op === 'end') {
      if (!(await store.findSessionById(change.ref.tenantId, change.ref.id))) {
        this.#endedUnknown.set(change.ref.tokenHash, { at: Date.now(), end: change });
      }
    }
    await applyTo(store, change);
    if (change.op === 'insert') {
      for (const s of change.sessions) {
        const end = this.#endedUnknown.get(s.tokenHash);
        if (end) await store.endSession(end.end.ref, end.end.ending);
      }
    }
  }

  async #readLog(): Promise<void> {
    const startedAt = Date.now();
    // What this instance couldn't log before goes first (a failure here is the catch-up's failure).
    if (this.#log.unsent > 0) await this.#log.flush();
    const head = await this.#log.head();
    this.#seen = this.#log.skipOwn(this.#seen);
    if (head > this.#seen) {
      const { entries, gap } = await this.#log.since(this.#seen, head);
      // Entries this instance never read were removed: it loads everything again.
      if (gap) this.#reload();
      for (const entry of gap ? [] : entries) {
        if (entry.by !== this.#log.instance) {
          const { change } = entry;
          const changes =
            change.op === 'batch' ? (change.changes as ViewChange[]) : [change as unknown as ViewChange];
          for (const c of changes) await this.#route(c);
        }
        this.#seen = entry.seq;
      }
    }
    this.#caughtUpAt = startedAt;
    for (const [hash, { at }] of this.#endedUnknown)
      if (at < startedAt - ENDED_UNKNOWN_MS) this.#endedUnknown.delete(hash);
    await this.#log.prune(startedAt);
  }
}

/** Applies a change; one that is already there (read twice, or loaded and then read) changes nothing. */
async function applyTo(store: MemorySessionStore, change: AppliedChange): Promise<void> {
  switch (change.op) {
    case 'insert':
      for (const session of change.sessions) {
        await store.insertSession(session).catch((error: unknown) => {
          if (!isSessionKitError(error) || error.code !== 'invalid_input') throw error;
        });
      }
      return;
    case 'touch':
      return store.touchSession(change.tokenHash, change.patch);
    case 'slot':
      return store.setSessionSlot(change.tokenHash, change.slot);
    case 'end':
      await store.endSession(change.ref, change.ending);
      return;
    case 'purge':
      await store.deleteEndedSessions(change.tenantId, change.endedBefore);
  }
}

/** Whether the mirror holds a session of the tenant that ended before `before`: work for the retention sweep. */
export async function hasEndedBefore(
  mirror: MemorySessionStore,
  tenantId: string,
  before: Date,
): Promise<boolean> {
  const { items } = await mirror.listSessions({
    tenantId,
    status: 'ended',
    sort: { field: 'endedAt', order: 'asc' },
    limit: 1,
  });
  const oldest = items[0]?.endedAt;
  return oldest !== undefined && oldest !== null && oldest < before;
}

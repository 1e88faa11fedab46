import { randomUUID } from 'node:crypto';
import type { Ending, LiveSession, Session, SessionRef, TouchPatch } from '@sessionkit/core';
import { MemorySessionStore, isSessionKitError, withLiveState } from '@sessionkit/core';
import { fromLiveDoc, fromSessionDoc } from './docs.js';
import type { LiveSessionDoc, SessionDoc, SessionKitModels, ViewChangeDoc } from './models.js';
import type { Partitions } from './partitions.js';

/** One write to sessions, as every instance's mirror applies it. */
export type ViewChange =
  | { op: 'insert'; sessions: Session[] }
  | { op: 'touch'; tokenHash: string; patch: TouchPatch }
  | { op: 'slot'; tokenHash: string; slot: number | null }
  | { op: 'end'; ref: SessionRef; ending: Ending }
  | { op: 'purge'; tenantId: string; endedBefore: Date }
  | { op: 'reload' };

type AppliedChange = Exclude<ViewChange, { op: 'reload' }>;

// A change is stamped before its insert lands: readers read this far back again, so a change inserted late
// (a busy server, hosts' clocks a little apart) is still applied, once.
const OVERLAP_MS = 30_000;
// How long changes stay in the log. An instance that hasn't read the log for longer loads everything again.
const RETENTION_MS = 5 * 60_000;
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
  readonly #models: SessionKitModels;
  readonly #partitions: Partitions;
  readonly #instance = randomUUID();
  #store: MemorySessionStore | null = null;
  #loading: Promise<void> | null = null;
  // Changes that arrive while a load runs, applied to the loaded store before it answers anything.
  #buffer: AppliedChange[] | null = null;
  // Ends of sessions the mirror doesn't know (yet): an insert read later from the log is ended at once.
  readonly #endedUnknown = new Map<string, { at: number; end: { ref: SessionRef; ending: Ending } }>();
  #readFrom = 0;
  readonly #seen = new Map<string, number>();
  #caughtUpAt = 0;
  #catchUp: { startedAt: number; done: Promise<void> } | null = null;
  #prunedAt = 0;
  #sequence = 0;

  constructor(models: SessionKitModels, partitions: Partitions) {
    this.#models = models;
    this.#partitions = partitions;
  }

  /** Starts the load unless it runs or ran. */
  start(): void {
    if (!this.#store && !this.#loading) this.#reload();
  }

  /** Waits for a load under way; answers whether the mirror is loaded. */
  async loaded(): Promise<boolean> {
    this.start();
    while (this.#loading) await this.#loading;
    return this.#store !== null;
  }

  /**
   * The mirror with every instance's changes up to `maxAgeMs` ago applied, or null while it loads (the
   * caller then reads the database), unless told to `wait` for the load.
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
    return this.#store;
  }

  /** Applies this instance's own write and logs it for the others. */
  async publish(change: ViewChange): Promise<void> {
    await this.#route(change);
    const logged: ViewChange =
      change.op === 'insert' && change.sessions.length > LOGGED_INSERT_MAX ? { op: 'reload' } : change;
    const at = new Date();
    const doc: ViewChangeDoc = {
      _id: `${at.getTime()}-${this.#instance}-${this.#sequence++}`,
      at,
      by: this.#instance,
      change: logged as unknown as Record<string, unknown>,
    };
    await this.#models.viewChanges.insertMany([doc], { lean: true });
  }

  /** A write whose outcome is unknown (a bulk insert that failed half-way): every instance loads again. */
  async publishReload(): Promise<void> {
    this.#reload();
    await this.publish({ op: 'reload' });
  }

  #reload(): void {
    if (this.#loading) return;
    this.#loading = this.#load()
      .catch(() => {
        // The database is unreachable or busy: views keep reading it, and the next one tries the load again.
        this.#buffer = null;
      })
      .finally(() => {
        this.#loading = null;
      });
  }

  async #load(): Promise<void> {
    const buffer: AppliedChange[] = [];
    this.#buffer = buffer;
    const startedAt = Date.now();
    const store = new MemorySessionStore();
    const live = new Map<string, LiveSession>();
    for (const model of this.#partitions.live) {
      for await (const doc of model.find({}).lean<LiveSessionDoc[]>().cursor({ batchSize: LOAD_BATCH }))
        live.set(doc._id, fromLiveDoc(doc));
    }
    let batch: Session[] = [];
    for await (const doc of this.#models.sessions
      .find({})
      .lean<SessionDoc[]>()
      .cursor({ batchSize: LOAD_BATCH })) {
      const session = fromSessionDoc(doc);
      const state = session.status === 'active' ? live.get(session.tokenHash) : undefined;
      // An active record without its live document ended meanwhile, or is a login between its two inserts:
      // either way its change (the end, or the insert) is applied from the log.
      if (session.status === 'active' && !state) continue;
      batch.push(state ? withLiveState(session, state) : session);
      if (batch.length >= LOAD_BATCH) {
        await applyTo(store, { op: 'insert', sessions: batch });
        batch = [];
      }
    }
    await applyTo(store, { op: 'insert', sessions: batch });
    // What the other instances logged since the load began is read again; what this one did is buffered.
    this.#readFrom = startedAt;
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
    if (this.#caughtUpAt !== 0 && startedAt - this.#caughtUpAt > RETENTION_MS - OVERLAP_MS) this.#reload();
    const docs = await this.#models.viewChanges
      .find({ at: { $gte: new Date(this.#readFrom - OVERLAP_MS) } })
      .sort({ at: 1, _id: 1 })
      .lean<ViewChangeDoc[]>();
    for (const doc of docs) {
      if (doc.by === this.#instance || this.#seen.has(doc._id)) continue;
      this.#seen.set(doc._id, doc.at.getTime());
      await this.#route(doc.change as unknown as ViewChange);
    }
    this.#readFrom = startedAt;
    this.#caughtUpAt = startedAt;
    for (const [id, at] of this.#seen) if (at < startedAt - 2 * OVERLAP_MS) this.#seen.delete(id);
    for (const [hash, { at }] of this.#endedUnknown)
      if (at < startedAt - RETENTION_MS) this.#endedUnknown.delete(hash);
    if (startedAt - this.#prunedAt > RETENTION_MS / 4) {
      this.#prunedAt = startedAt;
      await this.#models.viewChanges.deleteMany({ at: { $lt: new Date(startedAt - RETENTION_MS) } });
    }
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

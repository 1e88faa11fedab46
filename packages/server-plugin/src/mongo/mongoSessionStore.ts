import type {
  ActiveCounts,
  ActiveUsersQuery,
  AuditEvent,
  AuditQuery,
  CredentialStore,
  DeviceStore,
  Ending,
  LiveSession,
  MemorySessionStore,
  Page,
  Session,
  SessionEnd,
  SessionPolicy,
  SessionQuery,
  SessionRef,
  SessionStore,
  SlotHolder,
  SlotKey,
  TouchPatch,
  UserSessionSummary,
  SuspensionStore,
} from '@sessionkit/core';
import { SessionKitError } from '@sessionkit/core';
import type { Connection } from 'mongoose';
import { MongoCredentials } from './credentials.js';
import { MongoDevices } from './devices.js';
import { MongoLifecycle } from './lifecycle.js';
import type { SessionKitModels } from './models.js';
import { defineModels } from './models.js';
import { StoreRunner, toStoreError } from './storeRunner.js';
import type { MongoSessionStoreOptions } from './storeOptions.js';
import { prepare, readOptions } from './storeOptions.js';
import type { ViewChange } from './viewMirror.js';
import { ViewMirror, hasEndedBefore } from './viewMirror.js';
import { ViewLog } from './viewLog.js';
import { MongoEnds } from './ends.js';
import { Partitions, readLayout } from './partitions.js';
import { MongoViews } from './views.js';
import { MongoSuspensions } from './suspensions.js';
import { TouchLeases } from './touchLeases.js';
import { guarded } from './guarded.js';

// A view may answer from a mirror that read the other instances' changes this long ago; what decides who is
// ended (the limit's list of a person's sessions, the sweeper) always reads the change log first.
const VIEW_FRESH_MS = 1_000;
// A new database with the mirror splits its sessions this many ways: on FerretDB an end's delete reads its
// partition of the live sessions twice (the match, then an SQL delete no index serves), so an end costs the
// size of a 1/128 of them (docs/scaling.md has the figures at 300,000 sessions).
const DEFAULT_PARTITIONS = 128;

/**
 * The Mongo store: MongoDB 6+ and FerretDB 1.24 run the same code. Reads that decide whether a request is
 * signed in use the primary (the connection's default); a host that lets admin lists read secondaries sets that
 * on its own connection for those reads, not here.
 */
export class MongoSessionStore implements SessionStore {
  readonly models: SessionKitModels;
  readonly #connection: Connection;
  readonly #runner: StoreRunner;
  readonly #lifecycle: MongoLifecycle;
  readonly #ends: MongoEnds;
  readonly #views: MongoViews;
  readonly #credentials: MongoCredentials;
  readonly #suspensions: MongoSuspensions;
  readonly #devices: MongoDevices;
  readonly #teamView: 'auto' | 'index' | 'fold';
  readonly #viewMode: 'auto' | 'mirror' | 'database';
  #ready: Promise<void> | null = null;
  /** FerretDB (1.24, SQLite) reads a whole collection for every filter but `{ _id }`. */
  #scansEveryFilter = false;
  #mirror: ViewMirror | null = null;
  #partitions: Partitions;
  readonly #wantedPartitions: number | undefined;
  readonly #prefix: string;

  constructor(connection: Connection, options: MongoSessionStoreOptions = {}) {
    if (!connection || typeof connection.model !== 'function') {
      throw new SessionKitError('misconfigured', 'MongoSessionStore needs a Mongoose Connection');
    }
    const { prefix, outageTimeoutMs, teamView, views, livePartitions } = readOptions(options);
    this.#teamView = teamView;
    this.#viewMode = views;
    this.#wantedPartitions = livePartitions;
    this.#connection = connection;
    this.#prefix = prefix;
    this.models = defineModels(connection, prefix);
    this.#partitions = new Partitions(connection, this.models, { version: 1, count: 1 });
    this.#runner = new StoreRunner(connection, outageTimeoutMs, () => this.ready());
    const leases = new TouchLeases(this.models.touchLeases);
    this.#lifecycle = new MongoLifecycle(this.models, () => this.#partitions, leases);
    this.#ends = new MongoEnds(() => this.#partitions);
    this.#views = new MongoViews(
      this.models,
      () => this.#teamView === 'fold' || (this.#teamView === 'auto' && this.#scansEveryFilter),
      () => this.#partitions,
    );
    const run = <R>(op: () => Promise<R>) => this.#run(op);
    this.#credentials = guarded(new MongoCredentials(this.models), run);
    this.#suspensions = guarded(new MongoSuspensions(this.models, () => this.#partitions, leases), run);
    this.#devices = guarded(new MongoDevices(this.models), run);
  }

  /**
   * Waits for the connection and builds the indexes once. Every operation waits for it, so a host may
   * pass a connection that is still opening.
   */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      await this.#connection.asPromise();
      const info = await this.#connection.db?.admin().command({ buildInfo: 1 });
      this.#scansEveryFilter = typeof info?.ferretdbVersion === 'string';
      const mirrored = this.#viewMode === 'mirror' || (this.#viewMode === 'auto' && this.#scansEveryFilter);
      await prepare(Object.values(this.models));
      const layout = await readLayout(this.#connection, this.models, this.#prefix, {
        split: mirrored,
        count: this.#wantedPartitions ?? (mirrored ? DEFAULT_PARTITIONS : 1),
      });
      if ((layout.count > 1 || layout.version === 2) && !mirrored) {
        throw new SessionKitError(
          'misconfigured',
          `this database splits its sessions ${layout.count} ways (layout ${layout.version}), which needs \`views: 'mirror'\``,
        );
      }
      this.#partitions = new Partitions(this.#connection, this.models, layout);
      // FerretDB answers nothing from secondary indexes and makes a collection at its first insert: its
      // partitions need no start-up work (a read of one not made yet finds nothing).
      if (!this.#scansEveryFilter) await prepare(this.#partitions.extra());
      if (mirrored) {
        const log = new ViewLog(this.models.viewChanges, () =>
          this.#connection.db?.collection<{ _id: string; seq: number }>(`${this.#prefix}meta`),
        );
        this.#mirror = new ViewMirror(this.#partitions, log);
        this.#mirror.start();
      }
    })().catch((error: unknown) => {
      this.#ready = null;
      throw error;
    });
    return this.#ready;
  }

  /**
   * Waits until the view mirror holds every session (see the `views` option): true once it does, false when
   * this store reads views from the collections. A host can hold its readiness probe on it.
   */
  async viewsLoaded(): Promise<boolean> {
    await this.ready();
    try {
      return this.#mirror ? await this.#mirror.loaded() : false;
    } catch (error) {
      throw toStoreError(error);
    }
  }

  #run<T>(operation: () => Promise<T>): Promise<T> {
    return this.#runner.run(operation);
  }

  /** A write, then the same change in the mirror (and its log), when there is one. */
  #write<T>(operation: () => Promise<T>, change: (result: T) => ViewChange | null): Promise<T> {
    return this.#run(async () => {
      const result = await operation();
      const applied = change(result);
      if (this.#mirror && applied) await this.#mirror.publish(applied);
      return result;
    });
  }

  /** A read from the mirror when it is loaded, else from the collections. */
  #read<T>(
    maxAgeMs: number,
    fromMirror: (mirror: MemorySessionStore) => Promise<T>,
    fromDatabase: () => Promise<T>,
  ): Promise<T> {
    return this.#run(async () => {
      const mirror = await this.#mirror?.current(maxAgeMs);
      return mirror ? fromMirror(mirror) : fromDatabase();
    });
  }

  /** A view: from the mirror, which a partitioned database must wait for (the views' queries read one collection). */
  #view<T>(
    fromMirror: (mirror: MemorySessionStore) => Promise<T>,
    fromDatabase: () => Promise<T>,
  ): Promise<T> {
    return this.#run(async () => {
      const partitioned = this.#partitions.live.length > 1;
      const mirror = await this.#mirror?.current(VIEW_FRESH_MS, partitioned);
      if (mirror) return fromMirror(mirror);
      if (partitioned) throw new SessionKitError('store_unavailable', 'the session views are still loading');
      return fromDatabase();
    });
  }

  // ── Sessions ───────────────────────────────────────────────────────────────────────────────────────

  insertSession(session: Session): Promise<void> {
    return this.insertSessions([session]);
  }

  insertSessions(sessions: readonly Session[]): Promise<void> {
    return this.#run(async () => {
      try {
        await this.#lifecycle.insertSessions(sessions);
      } catch (error) {
        // Some batches may be stored: every mirror loads again rather than guess which.
        if (this.#mirror && sessions.length > 1) await this.#mirror.publishReload();
        throw error;
      }
      await this.#mirror?.publish({ op: 'insert', sessions: [...sessions] });
    });
  }

  findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    return this.#run(() => this.#lifecycle.findLiveSession(tokenHash));
  }

  findSessionEnd(tokenHash: string): Promise<SessionEnd | null> {
    return this.#run(() => this.#lifecycle.findSessionEnd(tokenHash));
  }

  findSessionById(tenantId: string, id: string): Promise<Session | null> {
    // A session the mirror doesn't know yet (a login on another instance a moment ago) is read from the database.
    return this.#read(
      VIEW_FRESH_MS,
      async (m) => (await m.findSessionById(tenantId, id)) ?? this.#lifecycle.findSessionById(tenantId, id),
      () => this.#lifecycle.findSessionById(tenantId, id),
    );
  }

  listSessions(query: SessionQuery): Promise<Page<Session>> {
    return this.#view(
      (m) => m.listSessions(query),
      () => this.#views.listSessions(query),
    );
  }

  listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]> {
    return this.#read(
      0,
      (m) => m.listLiveSessions(tenantId, userId),
      () => this.#lifecycle.listLiveSessions(tenantId, userId),
    );
  }

  touchSession(tokenHash: string, patch: TouchPatch): Promise<void> {
    return this.#write(
      () => this.#lifecycle.touchSession(tokenHash, patch),
      () => ({ op: 'touch', tokenHash, patch }),
    );
  }

  setSessionSlot(tokenHash: string, slot: number | null): Promise<void> {
    return this.#write(
      () => this.#lifecycle.setSessionSlot(tokenHash, slot),
      () => ({ op: 'slot', tokenHash, slot }),
    );
  }

  endSession(ref: SessionRef, ending: Ending): Promise<Session | null> {
    // Only the call that ended it changes the mirror, with the end that won.
    return this.#write(
      async () => this.#ends.endSession(ref, ending, (await this.#mirror?.known(ref)) ?? null),
      (ended) => (ended ? { op: 'end', ref: { ...ref }, ending: { ...ending } } : null),
    );
  }

  deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number> {
    return this.#write(
      async () => {
        // The mirror says whether anything is that old, sparing FerretDB a read of every record each sweep.
        const mirror = await this.#mirror?.current(VIEW_FRESH_MS);
        if (mirror && !(await hasEndedBefore(mirror, tenantId, endedBefore))) return 0;
        return this.#ends.deleteEndedSessions(tenantId, endedBefore);
      },
      (removed) => (removed > 0 ? { op: 'purge', tenantId, endedBefore } : null),
    );
  }

  listTenantIds(): Promise<string[]> {
    return this.#read(
      VIEW_FRESH_MS,
      (m) => m.listTenantIds(),
      () => this.#lifecycle.listTenantIds(),
    );
  }

  listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]> {
    return this.#read(
      0,
      (m) => m.listLapseCandidates(tenantId, bounds, limit),
      () => this.#lifecycle.listLapseCandidates(tenantId, bounds, limit),
    );
  }

  countActiveSessions(tenantId: string): Promise<ActiveCounts> {
    return this.#view(
      (m) => m.countActiveSessions(tenantId),
      () => this.#views.countActiveSessions(tenantId),
    );
  }

  listActiveUsers(query: ActiveUsersQuery): Promise<Page<UserSessionSummary>> {
    return this.#view(
      (m) => m.listActiveUsers(query),
      () => this.#views.listActiveUsers(query),
    );
  }

  // ── Concurrency slots, policies, audit ─────────────────────────────────────────────────────────────

  claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean> {
    return this.#run(() => this.#lifecycle.claimSlot(key, holder, claimedAt));
  }

  releaseSlot(key: SlotKey, sessionId: string): Promise<void> {
    return this.#run(() => this.#lifecycle.releaseSlot(key, sessionId));
  }

  listSlots(tenantId: string, userId: string): Promise<SlotHolder[]> {
    return this.#run(() => this.#lifecycle.listSlots(tenantId, userId));
  }

  getPolicy(tenantId: string): Promise<SessionPolicy | null> {
    return this.#run(() => this.#lifecycle.getPolicy(tenantId));
  }

  savePolicy(tenantId: string, policy: SessionPolicy): Promise<void> {
    return this.#run(() => this.#lifecycle.savePolicy(tenantId, policy));
  }

  appendAuditEvent(event: AuditEvent): Promise<void> {
    return this.#run(() => this.#lifecycle.appendAuditEvent(event));
  }

  listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>> {
    return this.#run(() => this.#views.listAuditEvents(query));
  }

  // ── Suspensions, credentials, device names: parts of their own, each call through the outage guard ──
  readonly saveSuspension: SuspensionStore['saveSuspension'] = (...a) =>
    this.#suspensions.saveSuspension(...a);
  readonly findSuspension: SuspensionStore['findSuspension'] = (...a) =>
    this.#suspensions.findSuspension(...a);
  readonly listSuspensions: SuspensionStore['listSuspensions'] = (...a) =>
    this.#suspensions.listSuspensions(...a);
  readonly liftSuspension: SuspensionStore['liftSuspension'] = (...a) =>
    this.#suspensions.liftSuspension(...a);
  readonly markSession: SuspensionStore['markSession'] = (...a) => this.#suspensions.markSession(...a);

  readonly insertAuthorizedApp: CredentialStore['insertAuthorizedApp'] = (...a) =>
    this.#credentials.insertAuthorizedApp(...a);
  readonly listAuthorizedApps: CredentialStore['listAuthorizedApps'] = (...a) =>
    this.#credentials.listAuthorizedApps(...a);
  readonly deleteAuthorizedApp: CredentialStore['deleteAuthorizedApp'] = (...a) =>
    this.#credentials.deleteAuthorizedApp(...a);
  readonly findAuthorizedAppByHash: CredentialStore['findAuthorizedAppByHash'] = (...a) =>
    this.#credentials.findAuthorizedAppByHash(...a);
  readonly recordAuthorizedAppUse: CredentialStore['recordAuthorizedAppUse'] = (...a) =>
    this.#credentials.recordAuthorizedAppUse(...a);
  readonly insertPushRegistration: CredentialStore['insertPushRegistration'] = (...a) =>
    this.#credentials.insertPushRegistration(...a);
  readonly listPushRegistrations: CredentialStore['listPushRegistrations'] = (...a) =>
    this.#credentials.listPushRegistrations(...a);
  readonly deletePushRegistration: CredentialStore['deletePushRegistration'] = (...a) =>
    this.#credentials.deletePushRegistration(...a);
  readonly insertApiKey: CredentialStore['insertApiKey'] = (...a) => this.#credentials.insertApiKey(...a);
  readonly listApiKeys: CredentialStore['listApiKeys'] = (...a) => this.#credentials.listApiKeys(...a);
  readonly findApiKeyByHash: CredentialStore['findApiKeyByHash'] = (...a) =>
    this.#credentials.findApiKeyByHash(...a);
  readonly findApiKeyById: CredentialStore['findApiKeyById'] = (...a) =>
    this.#credentials.findApiKeyById(...a);
  readonly revokeApiKey: CredentialStore['revokeApiKey'] = (...a) => this.#credentials.revokeApiKey(...a);
  readonly recordApiKeyUse: CredentialStore['recordApiKeyUse'] = (...a) =>
    this.#credentials.recordApiKeyUse(...a);
  readonly countApiKeyRequests: CredentialStore['countApiKeyRequests'] = (...a) =>
    this.#credentials.countApiKeyRequests(...a);
  readonly listDevices: DeviceStore['listDevices'] = (...a) => this.#devices.listDevices(...a);
  readonly findDevice: DeviceStore['findDevice'] = (...a) => this.#devices.findDevice(...a);
  readonly saveDevice: DeviceStore['saveDevice'] = (...a) => this.#devices.saveDevice(...a);
  readonly insertSignInAlert: DeviceStore['insertSignInAlert'] = (...a) =>
    this.#devices.insertSignInAlert(...a);
  readonly findSignInAlert: DeviceStore['findSignInAlert'] = (...a) => this.#devices.findSignInAlert(...a);
  readonly listSignInAlerts: DeviceStore['listSignInAlerts'] = (...a) => this.#devices.listSignInAlerts(...a);
  readonly resolveSignInAlert: DeviceStore['resolveSignInAlert'] = (...a) =>
    this.#devices.resolveSignInAlert(...a);
  readonly setPasswordChangeAsk: DeviceStore['setPasswordChangeAsk'] = (...a) =>
    this.#devices.setPasswordChangeAsk(...a);
  readonly getPasswordChangeAsk: DeviceStore['getPasswordChangeAsk'] = (...a) =>
    this.#devices.getPasswordChangeAsk(...a);
}

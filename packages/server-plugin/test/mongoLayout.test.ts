import type { Session } from '@sessionkit/core';
import { StaticUserDirectory } from '@sessionkit/core';
import { aSession } from '@sessionkit/core/testing';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MongoSessionStore, createSessionKit } from '../src/index.js';
import { partitionOf } from '../src/mongo/partitions.js';
import { TENANT, openDatabase } from './support.js';

// Layout 2 (a new database with the view mirror): sessions split by hash, records written once, the end in
// `session_ends` alone; every write of an end and every read of a force logout targets one `_id`.
let database: Awaited<ReturnType<typeof openDatabase>>;
const base = new Date('2026-03-01T09:00:00Z');
const session = (userId: string, minutes: number, extra: Partial<Session> = {}) =>
  aSession({
    tenantId: TENANT,
    userId,
    createdAt: new Date(base.getTime() + minutes * 60_000),
    lastSeenAt: new Date(base.getTime() + minutes * 60_000),
    ...extra,
  });

beforeAll(async () => {
  database = await openDatabase('mongoLayout');
});
afterAll(() => database.drop());

interface Seen {
  command: string;
  collection: string;
  /** Every filter the command carries: find's, each delete's and update's, findAndModify's. */
  filters: unknown[];
  returned?: number;
}

/** A second connection to the same database whose commands are recorded while `recording` is on. */
async function monitored(): Promise<{ connection: Connection; seen: Seen[]; recording: { on: boolean } }> {
  const connection = await mongoose.createConnection(database.uri, { monitorCommands: true }).asPromise();
  const seen: Seen[] = [];
  const recording = { on: false };
  const byRequest = new Map<number, Seen>();
  connection.getClient().on('commandStarted', (event) => {
    if (!recording.on) return;
    const c = event.command;
    const collection: unknown = c[event.commandName];
    if (typeof collection !== 'string') return;
    const filters: unknown[] =
      event.commandName === 'find'
        ? [c.filter]
        : event.commandName === 'findAndModify'
          ? [c.query]
          : event.commandName === 'delete'
            ? (c.deletes as { q: unknown }[]).map((d) => d.q)
            : event.commandName === 'update'
              ? (c.updates as { q: unknown }[]).map((u) => u.q)
              : [];
    const entry = { command: event.commandName, collection, filters };
    seen.push(entry);
    byRequest.set(event.requestId, entry);
  });
  connection.getClient().on('commandSucceeded', (event) => {
    const entry = byRequest.get(event.requestId);
    const batch = (event.reply as { cursor?: { firstBatch?: unknown[] } }).cursor?.firstBatch;
    if (entry && batch) entry.returned = batch.length;
  });
  return { connection, seen, recording };
}

const exactlyById = (filter: unknown) =>
  typeof filter === 'object' &&
  filter !== null &&
  Object.keys(filter).join() === '_id' &&
  typeof (filter as { _id: unknown })._id === 'string';

describe('layout 2: split records, ends that never rewrite a record', () => {
  it('force logout of a person with 30 sessions reads and writes by `_id` alone, one partition each', async () => {
    const watch = await monitored();
    try {
      const store = new MongoSessionStore(watch.connection, { views: 'mirror' });
      const kit = createSessionKit({
        store,
        directory: new StaticUserDirectory([{ id: 'u_many', tenantId: TENANT, name: 'Many' }]),
        csrfSecret: 'test-csrf-secret-0123456789-abcdefghijkl',
        sweepIntervalMs: 0,
        defaultTenantId: TENANT,
      });
      const mine = Array.from({ length: 30 }, (_, i) => session('u_many', i));
      await store.insertSessions([...mine, ...Array.from({ length: 40 }, (_, i) => session(`u_o${i}`, i))]);
      expect(await store.viewsLoaded()).toBe(true);

      watch.recording.on = true;
      const ended = await kit.service.revokeAllForUser(TENANT, 'u_many', {
        actor: { userId: 'u_admin' },
        reason: 'lost laptop',
      });
      watch.recording.on = false;
      expect(ended).toBe(30);

      const sessionCommands = watch.seen.filter(
        (c) => !/meta$|view_changes$|audit_events$/.test(c.collection),
      );
      expect(sessionCommands.length).toBeGreaterThan(0);
      for (const c of sessionCommands) {
        expect(['find', 'insert', 'delete'], `${c.command} ${c.collection}`).toContain(c.command);
        for (const f of c.filters) expect(exactlyById(f), `${c.command} ${c.collection}`).toBe(true);
      }
      // No record is written at the end, and the freshness check is one `_id` read of the head.
      expect(sessionCommands.filter((c) => /session_records/.test(c.collection))).toEqual([]);
      for (const c of watch.seen.filter((x) => /meta$/.test(x.collection)))
        for (const f of c.filters) expect(exactlyById(f)).toBe(true);
      expect(
        watch.seen.filter((c) => c.collection.endsWith('view_changes') && c.command !== 'insert'),
      ).toEqual([]);

      // Every reader sees them ended: this store, a store that loads afresh, and a record read by id.
      const fresh = new MongoSessionStore(database.connection, { views: 'mirror' });
      expect(await fresh.viewsLoaded()).toBe(true);
      for (const s of [store, fresh]) {
        expect(await s.listLiveSessions(TENANT, 'u_many')).toEqual([]);
        const one = await s.findSessionById(TENANT, mine[7]?.id ?? '');
        expect(one).toMatchObject({ status: 'ended', endReason: 'force_logout', endNote: 'lost laptop' });
      }
      const record = await store.models.sessions.db
        .collection(`sessionkit_session_records_${0}`)
        .countDocuments({ status: 'ended' });
      expect(record).toBe(0);
    } finally {
      await watch.connection.close();
    }
  });

  it('keeps the final activity in the end: a store loading afterwards shows it', async () => {
    const store = new MongoSessionStore(database.connection, { views: 'mirror' });
    const s = session('u_final', 0);
    await store.insertSession(s);
    const seen = new Date(base.getTime() + 3_600_000);
    await store.touchSession(s.tokenHash, {
      lastSeenAt: seen,
      lastIp: '9.9.9.9',
      addActions: 4,
      lastPath: '/p',
    });
    const ended = await store.endSession(s, { endedAt: seen, endReason: 'revoked', endedBy: 'u_admin' });
    expect(ended).toMatchObject({
      status: 'ended',
      lastIp: '9.9.9.9',
      activity: { actions: 4, lastPath: '/p' },
    });
    const later = new MongoSessionStore(database.connection, { views: 'mirror' });
    expect(await later.viewsLoaded()).toBe(true);
    expect(await later.findSessionById(TENANT, s.id)).toMatchObject({
      status: 'ended',
      endReason: 'revoked',
      lastSeenAt: seen,
      lastIp: '9.9.9.9',
      activity: { actions: 4, lastPath: '/p' },
    });
    // The sweeper removes it after retention, record and end together.
    expect(await store.deleteEndedSessions(TENANT, new Date(seen.getTime() + 1))).toBeGreaterThanOrEqual(1);
    expect(await store.findSessionEnd(s.tokenHash)).toBeNull();
    expect(await store.findSessionById(TENANT, s.id)).toBeNull();
  });
});

describe('slots in layout 2', () => {
  it("keep a person's slots in one partition, whose unique index lets one of 25 racing claims in", async () => {
    const store = new MongoSessionStore(database.connection, { views: 'mirror' });
    await store.ready();
    // A person whose slots fall outside partition 0, which start-up builds: this one's index is built lazily.
    const userId = ['u_s1', 'u_s2', 'u_s3', 'u_s4'].find(
      (u) => partitionOf(`${TENANT}\u0000${u}`, 128) !== 0,
    );
    const key = { tenantId: TENANT, userId: userId ?? '', slot: 0 };
    const claims = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.claimSlot(key, { sessionId: `ses_${i}`, tokenHash: `h${i}` }, base),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holders = await store.listSlots(TENANT, key.userId);
    expect(holders).toHaveLength(1);
    await store.releaseSlot(key, holders[0]?.sessionId ?? '');
    expect(await store.listSlots(TENANT, key.userId)).toEqual([]);
    const p = partitionOf(`${TENANT}\u0000${key.userId}`, 128);
    const names = (await database.connection.db?.listCollections({}, { nameOnly: true }).toArray())?.map(
      (c) => c.name,
    );
    expect(names).toContain(`sessionkit_slots_${p}`);
  });
});

describe('the change log', () => {
  it('a catch-up with nothing new is one `_id` read of the head; with news, it reads the entries after the last seen', async () => {
    const writer = new MongoSessionStore(database.connection, { views: 'mirror' });
    await writer.insertSession(session('u_log', 0));
    const watch = await monitored();
    try {
      const reader = new MongoSessionStore(watch.connection, { views: 'mirror' });
      expect(await reader.viewsLoaded()).toBe(true);
      watch.recording.on = true;
      await reader.listLiveSessions(TENANT, 'u_log');
      expect(watch.seen.map((c) => `${c.command} ${c.collection}`)).toEqual(['find sessionkit_meta']);
      expect(exactlyById(watch.seen[0]?.filters[0])).toBe(true);

      watch.seen.length = 0;
      const two = [session('u_log', 1), session('u_log', 2)];
      for (const s of two) await writer.insertSession(s);
      const live = await reader.listLiveSessions(TENANT, 'u_log');
      expect(live.map((l) => l.id)).toEqual(expect.arrayContaining(two.map((s) => s.id)));
      const log = watch.seen.filter((c) => c.collection === 'sessionkit_view_changes');
      expect(log).toHaveLength(1);
      expect(Object.keys(log[0]?.filters[0] as object)).toEqual(['_id']);
      expect(log[0]?.returned).toBe(2);
    } finally {
      await watch.connection.close();
    }
  });

  it('changes written at once by one instance reach the other, whether they were sent alone or together', async () => {
    const writer = new MongoSessionStore(database.connection, { views: 'mirror' });
    const reader = new MongoSessionStore(database.connection, { views: 'mirror' });
    expect(await reader.viewsLoaded()).toBe(true);
    const burst = Array.from({ length: 20 }, (_, i) => session('u_burst', i));
    await Promise.all(burst.map((s) => writer.insertSession(s)));
    const live = await reader.listLiveSessions(TENANT, 'u_burst');
    expect(live.map((l) => l.id).sort()).toEqual(burst.map((s) => s.id).sort());
  });

  it('a change the log could not take is not reported as a failed write, and reaches the others with the next one', async () => {
    const writer = new MongoSessionStore(database.connection, { views: 'mirror' });
    const reader = new MongoSessionStore(database.connection, { views: 'mirror' });
    const s = session('u_lost', 0);
    await writer.insertSession(s);
    expect(await reader.viewsLoaded()).toBe(true);
    expect((await reader.listLiveSessions(TENANT, 'u_lost')).length).toBe(1);

    const insert = vi
      .spyOn(writer.models.viewChanges, 'insertMany')
      .mockRejectedValueOnce(Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }));
    await expect(
      writer.endSession(s, { endedAt: base, endReason: 'revoked', endedBy: null }),
    ).resolves.toMatchObject({ status: 'ended' });
    insert.mockRestore();
    expect(await writer.listLiveSessions(TENANT, 'u_lost')).toEqual([]);
    // The writer's next catch-up sends what waited; the reader then sees the end.
    expect(await reader.listLiveSessions(TENANT, 'u_lost')).toEqual([]);
  });
});

describe('a load that fails', () => {
  it('is reported by viewsLoaded and by the views, never answered from memory, and the next call loads again', async () => {
    const broken = await openDatabase('mongoLayout.broken');
    try {
      const first = new MongoSessionStore(broken.connection, { views: 'mirror' });
      await first.ready();
      // A record no load can read: its creation time is not a date.
      const bad = { ...session('u_bad', 0), createdAt: 'not a date' as unknown as Date };
      await first.insertSession(bad);
      const store = new MongoSessionStore(broken.connection, { views: 'mirror' });
      await expect(store.viewsLoaded()).rejects.toBeInstanceOf(Error);
      await expect(store.countActiveSessions(TENANT)).rejects.toBeInstanceOf(Error);

      await first.endSession(bad, { endedAt: base, endReason: 'revoked', endedBy: null });
      await first.deleteEndedSessions(TENANT, new Date(base.getTime() + 1));
      expect(await store.viewsLoaded()).toBe(true);
      expect(await store.countActiveSessions(TENANT)).toMatchObject({ sessions: 0 });
    } finally {
      await broken.drop();
    }
  });
});

describe('upgrading a database laid out before layout 2', () => {
  it('keeps its 32 live partitions and one record collection, and its ends still rewrite the record', async () => {
    const older = await openDatabase('mongoLayout.upgrade');
    try {
      await older.connection
        .collection('sessionkit_meta')
        .insertOne({ _id: 'layout' as never, livePartitions: 32 });
      const store = new MongoSessionStore(older.connection, { views: 'mirror' });
      const s = session('u_old', 0);
      await store.insertSession(s);
      await store.endSession(s, { endedAt: base, endReason: 'revoked', endedBy: null });
      const names = (await older.connection.db?.listCollections({}, { nameOnly: true }).toArray())?.map(
        (c) => c.name,
      );
      expect(names?.filter((n) => /session_records_\d+$/.test(n))).toEqual([]);
      const record = await older.connection
        .collection('sessionkit_session_records')
        .findOne({ _id: s.id as never });
      expect(record).toMatchObject({ status: 'ended', endReason: 'revoked' });
      expect(
        await older.connection.collection('sessionkit_meta').findOne({ _id: 'layout' as never }),
      ).toMatchObject({
        livePartitions: 32,
      });
    } finally {
      await older.drop();
    }
  });
});

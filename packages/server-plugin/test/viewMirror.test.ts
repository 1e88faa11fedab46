import { HOUR } from '@sessionkit/core';
import { aSession } from '@sessionkit/core/testing';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../src/index.js';
import { TENANT, openDatabase } from './support.js';

// Two instances of the store on one database, as two app servers run it, both with the view mirror that
// FerretDB gets by default: what one writes, the other's views show once it has read the change log.
let database: Awaited<ReturnType<typeof openDatabase>>;
let first: MongoSessionStore;
let second: MongoSessionStore;
const base = new Date('2026-03-01T09:00:00Z');

beforeAll(async () => {
  database = await openDatabase('viewMirror');
  first = new MongoSessionStore(database.connection, { views: 'mirror' });
  second = new MongoSessionStore(database.connection, { views: 'mirror' });
  expect(await first.viewsLoaded()).toBe(true);
  expect(await second.viewsLoaded()).toBe(true);
});
afterAll(() => database.drop());

const session = (userId: string, minutes: number) =>
  aSession({
    tenantId: TENANT,
    userId,
    createdAt: new Date(base.getTime() + minutes * 60_000),
    lastSeenAt: new Date(base.getTime() + minutes * 60_000),
  });

describe('the view mirror across two instances', () => {
  it('shows a login, its activity and its end made on the other instance', async () => {
    const s = session('u_mira', 0);
    await first.insertSession(s);
    const seen = new Date(base.getTime() + HOUR);
    await first.touchSession(s.tokenHash, {
      lastSeenAt: seen,
      lastIp: '8.8.4.4',
      addActions: 3,
      lastPath: '/x',
    });

    // The limit's list reads the change log first, whatever the view freshness.
    const live = await second.listLiveSessions(TENANT, 'u_mira');
    expect(live.map((l) => [l.id, l.lastSeenAt, l.lastIp, l.activity.actions])).toEqual([
      [s.id, seen, '8.8.4.4', 3],
    ]);
    expect(await second.countActiveSessions(TENANT)).toMatchObject({ users: 1, sessions: 1 });
    const rows = await second.listActiveUsers({ tenantId: TENANT, limit: 10 });
    expect(rows.items).toEqual([expect.objectContaining({ userId: 'u_mira', lastActiveAt: seen })]);

    await first.endSession(s, {
      endedAt: seen,
      endReason: 'force_logout',
      endedBy: 'u_admin',
      note: 'lost phone',
    });
    expect(await second.listLiveSessions(TENANT, 'u_mira')).toEqual([]);
    expect(await second.findSessionById(TENANT, s.id)).toMatchObject({
      status: 'ended',
      endReason: 'force_logout',
      endNote: 'lost phone',
    });
    const ended = await second.listSessions({ tenantId: TENANT, userId: 'u_mira', status: 'ended' });
    expect(ended.items.map((e) => e.id)).toEqual([s.id]);
  });

  it('answers views from memory: no read of the session collections', async () => {
    const monitored = await mongoose.createConnection(database.uri, { monitorCommands: true }).asPromise();
    try {
      const watched = new MongoSessionStore(monitored, { views: 'mirror' });
      expect(await watched.viewsLoaded()).toBe(true);
      const commands: string[] = [];
      monitored.getClient().on('commandStarted', (event) => {
        const collection: unknown = event.command[event.commandName];
        if (typeof collection === 'string') commands.push(`${event.commandName} ${collection}`);
      });
      await second.listLiveSessions(TENANT, 'u_mira');
      await watched.listSessions({ tenantId: TENANT, status: 'active', limit: 25 });
      await watched.listActiveUsers({ tenantId: TENANT, limit: 25 });
      await watched.countActiveSessions(TENANT);
      // The monitor sees the store's commands: the change log's head read before the first view answered,
      // and nothing else, since nothing changed after the load.
      expect(commands).toContain('find sessionkit_meta');
      expect(commands.filter((c) => /live_sessions|session_records|view_changes/.test(c))).toEqual([]);
    } finally {
      await monitored.close();
    }
  });

  it('loads again when the other instance imports in bulk, and then shows every imported session', async () => {
    const imported = Array.from({ length: 150 }, (_, i) => session(`u_imp${i % 50}`, i));
    await first.insertSessions(imported);
    expect((await first.countActiveSessions(TENANT)).sessions).toBe(150);
    // Reading the log finds the import's "load again" and starts the load; the next views come from it.
    await second.listLiveSessions(TENANT, 'u_imp0');
    expect(await second.viewsLoaded()).toBe(true);
    expect(await second.countActiveSessions(TENANT)).toMatchObject({ users: 50, sessions: 150 });
    expect((await second.listLiveSessions(TENANT, 'u_imp7')).length).toBe(3);
  });

  it('a third instance started later loads what the others wrote', async () => {
    const third = new MongoSessionStore(database.connection, { views: 'mirror' });
    expect(await third.viewsLoaded()).toBe(true);
    expect(await third.countActiveSessions(TENANT)).toEqual(await first.countActiveSessions(TENANT));
    const lapsed = await third.listLapseCandidates(
      TENANT,
      { idleBefore: new Date(base.getTime() + 10 * 60_000), createdBefore: base },
      500,
    );
    expect(lapsed).toHaveLength(10);
  });

  it('splits the sessions by hash (layout 2), and a store that reads the collections refuses that layout', async () => {
    const layout = await database.connection
      .collection('sessionkit_meta')
      .findOne({ _id: 'layout' as never });
    expect(layout).toMatchObject({ livePartitions: 128, recordPartitions: 128 });
    // Partitions are made at their first insert: the 150 imported sessions landed in many of them.
    const split = await database.connection.db?.listCollections({}, { nameOnly: true }).toArray();
    const names = split?.map((c) => c.name) ?? [];
    expect(names.filter((n) => /^sessionkit_live_sessions_\d+$/.test(n)).length).toBeGreaterThan(50);
    expect(names.filter((n) => /^sessionkit_session_records_\d+$/.test(n)).length).toBeGreaterThan(50);
    const direct = new MongoSessionStore(database.connection, { views: 'database' });
    await expect(direct.ready()).rejects.toMatchObject({ code: 'misconfigured' });
  });
});

describe('upgrading a database that already holds sessions', () => {
  it('keeps one live collection, so that every stored session still signs in', async () => {
    const older = await openDatabase('viewMirror.upgrade');
    try {
      // Written the way a store without partitions wrote them.
      const unsplit = new MongoSessionStore(older.connection, { views: 'database', livePartitions: 1 });
      const s = session('u_old', 0);
      await unsplit.insertSession(s);
      await older.connection.collection('sessionkit_meta').deleteMany({});

      const upgraded = new MongoSessionStore(older.connection, { views: 'mirror' });
      expect(await upgraded.findLiveSession(s.tokenHash)).toMatchObject({ id: s.id });
      expect(await upgraded.viewsLoaded()).toBe(true);
      expect((await upgraded.listLiveSessions(TENANT, 'u_old')).map((l) => l.id)).toEqual([s.id]);
      const names = (await older.connection.db?.listCollections({}, { nameOnly: true }).toArray())?.map(
        (c) => c.name,
      );
      expect(names).not.toContain('sessionkit_live_sessions_1');
    } finally {
      await older.drop();
    }
  });
});

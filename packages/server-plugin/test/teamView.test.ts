import { aSession } from '@sessionkit/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../src/index.js';
import { mongoStore, openDatabase } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let walk: MongoSessionStore;
let fold: MongoSessionStore;

const T0 = Date.parse('2026-01-15T09:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

beforeAll(async () => {
  database = await openDatabase('teamView');
  walk = new MongoSessionStore(database.connection, { teamView: 'index' });
  fold = await mongoStore(database.connection);
  // 40 people, some with several sessions, and ties on the last-active time across people.
  const sessions = [];
  for (let i = 0; i < 90; i++) {
    const userId = `u_${String(i % 40).padStart(2, '0')}`;
    const createdAt = at(i);
    sessions.push(
      aSession({
        userId,
        createdAt,
        lastSeenAt: at(i + ((i * 37) % 50) - (((i * 37) % 50) % 3)),
        ip: `10.0.0.${i}`,
      }),
    );
  }
  sessions.push(
    aSession({ userId: 'u_ended', status: 'ended', endedAt: at(500), endReason: 'logout', endedBy: null }),
  );
  sessions.push(aSession({ userId: 'u_other', tenantId: 't_other', lastSeenAt: at(999) }));
  await fold.insertSessions(sessions);
});
afterAll(() => database.drop());

describe('the team view on the Mongo store', () => {
  it('walks the newest-first index to the same pages and totals as a fold of every session', async () => {
    const queries = [
      { limit: 10 },
      { offset: 10, limit: 10 },
      { offset: 35, limit: 10 },
      { sort: { field: 'lastLoginAt' as const, order: 'desc' as const }, limit: 7 },
      { sort: { field: 'lastLoginAt' as const, order: 'desc' as const }, offset: 7, limit: 7 },
      { sort: { field: 'lastActiveAt' as const, order: 'asc' as const }, limit: 5 },
      { sort: { field: 'activeSessions' as const, order: 'desc' as const }, limit: 5 },
      { excludeUserIds: ['u_00', 'u_39'], limit: 12 },
      { userIds: ['u_05', 'u_06', 'u_nobody'], limit: 1 },
    ];
    for (const q of queries) {
      const expected = await fold.listActiveUsers({ tenantId: 't_acme', ...q });
      expect(await walk.listActiveUsers({ tenantId: 't_acme', ...q }), JSON.stringify(q)).toEqual(expected);
    }
    // The data holds the hard case: people tied on their last activity, which the walk must order by id.
    const all = (await fold.listActiveUsers({ tenantId: 't_acme' })).items;
    const times = all.map((r) => r.lastActiveAt.getTime());
    expect(new Set(times).size).toBeLessThan(times.length);
    expect((await fold.listActiveUsers({ tenantId: 't_acme', limit: 1 })).total).toBe(40);
    expect(await walk.countActiveSessions('t_acme')).toEqual({ users: 40, sessions: 90 });
    expect(await fold.countActiveSessions('t_acme')).toEqual({ users: 40, sessions: 90 });
  });
});

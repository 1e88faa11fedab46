import { HOUR, ManualClock, SessionService } from '@sessionkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import { TENANT, mongoStore, openDatabase } from './support.js';

// The leases that keep a suspension mark from being written over (src/mongo/touchLeases.ts), on the real server.
describe('activity-write leases in the Mongo store', () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let store: MongoSessionStore;
  let tokenHash: string;
  const T0 = new Date('2026-03-02T09:00:00Z');
  const mark = { id: 'sus_1', until: new Date(T0.getTime() + HOUR), reason: 'Investigation' };

  beforeAll(async () => {
    database = await openDatabase('touchLeases');
    store = await mongoStore(database.connection);
    const service = new SessionService({ store, clock: new ManualClock(T0) });
    const issued = await service.issue({ tenantId: TENANT, userId: 'u_ada', ip: '81.2.69.1' });
    if (issued.status !== 'issued') throw new Error('login refused');
    tokenHash = issued.session.tokenHash;
  });
  afterAll(() => database.drop());

  it('closes its lease once the write is done, and when the write fails', async () => {
    await store.touchSession(tokenHash, {
      lastSeenAt: new Date(T0.getTime() + 1_000),
      lastIp: '81.2.69.2',
      addActions: 1,
      lastPath: '/x',
    });
    await store.setSessionSlot(tokenHash, 0);
    // A patch the server refuses (a `$inc` of a string): the update throws, and its lease still closes.
    await expect(
      store.touchSession(tokenHash, {
        lastSeenAt: new Date(T0.getTime() + 2_000),
        lastIp: '81.2.69.2',
        addActions: 'many' as unknown as number,
        lastPath: null,
      }),
    ).rejects.toThrow();
    expect(await store.models.touchLeases.countDocuments({})).toBe(0);
    expect((await store.findLiveSession(tokenHash))?.slot).toBe(0);
  });

  it('waits for a lease that is open, and clears one left by an instance that stopped mid-write', async () => {
    const models = store.models.touchLeases;
    await models.create([{ _id: 'stale', tokenHash, at: new Date(Date.now() - 60_000) }]);
    await models.create([{ _id: 'open', tokenHash, at: new Date() }]);
    let answered = false;
    const marking = store.markSession(tokenHash, mark).then(() => {
      answered = true;
    });
    // The mark can't answer while the open lease stands: wait until it has read the leases (the stale one goes).
    await expect.poll(() => models.countDocuments({ _id: 'stale' }), { timeout: 10_000 }).toBe(0);
    expect(answered).toBe(false);
    await models.deleteOne({ _id: 'open' });
    await marking;
    expect((await store.findLiveSession(tokenHash))?.suspension).toEqual(mark);
  });
});

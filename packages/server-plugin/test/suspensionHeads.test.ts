import { HOUR, ManualClock, SessionService } from '@sessionkit/core';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../src/index.js';
import { TENANT, openDatabase } from './support.js';

// The suspension checks of a login and of an activity write read by `_id` (src/mongo/suspensionModels.ts):
// on FerretDB any other filter reads the whole collection.
describe('suspension checks in the Mongo store', () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let connection: mongoose.Connection;
  let store: MongoSessionStore;
  const finds: unknown[] = [];
  const clock = new ManualClock('2026-03-02T09:00:00Z');
  const admin = { userId: 'u_admin' };

  beforeAll(async () => {
    database = await openDatabase('suspensionHeads');
    connection = await mongoose.createConnection(database.uri, { monitorCommands: true }).asPromise();
    connection.getClient().on('commandStarted', (event) => {
      const collection: unknown = event.command[event.commandName];
      if (event.commandName === 'find' && typeof collection === 'string' && /suspension/.test(collection))
        finds.push(event.command.filter);
    });
    store = new MongoSessionStore(connection, { views: 'database' });
    await store.ready();
  });
  afterAll(async () => {
    await connection.close();
    await database.drop();
  });

  it('a login checks the suspension by `_id` alone, suspended or not', async () => {
    const service = new SessionService({ store, clock });
    finds.length = 0;
    expect((await service.issue({ tenantId: TENANT, userId: 'u_ada', ip: '81.2.69.1' })).status).toBe(
      'issued',
    );
    await service.suspend(
      TENANT,
      'u_bob',
      { until: new Date(clock.now().getTime() + HOUR).toISOString(), reason: 'Check' },
      admin,
    );
    await service.resume(TENANT, 'u_bob', admin);
    finds.length = 0;
    expect((await service.issue({ tenantId: TENANT, userId: 'u_bob', ip: '81.2.69.2' })).status).toBe(
      'issued',
    );
    expect(finds.length).toBeGreaterThan(0);
    for (const filter of finds) expect(Object.keys(filter as object)).toEqual(['_id']);
  });

  it('finds the newest of two suspensions, none once it is lifted, and a new one after that', async () => {
    const service = new SessionService({ store, clock });
    const until = new Date(clock.now().getTime() + HOUR).toISOString();
    await service.suspend(TENANT, 'u_carl', { until, reason: 'First' }, admin);
    await service.suspend(TENANT, 'u_carl', { until, reason: 'Second' }, admin);
    expect(await store.findSuspension(TENANT, 'u_carl')).toMatchObject({ reason: 'Second' });
    await service.resume(TENANT, 'u_carl', admin);
    expect(await store.findSuspension(TENANT, 'u_carl')).toBeNull();
    await service.suspend(TENANT, 'u_carl', { until, reason: 'Third' }, admin);
    expect(await store.findSuspension(TENANT, 'u_carl')).toMatchObject({ reason: 'Third' });
  });
});

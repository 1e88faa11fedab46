import { isSessionKitError } from '@sessionkit/core';
import { freePort } from '@sessionkit/ferretdb-runner';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoSessionStore } from '../src/index.js';
import { openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  database = await openDatabase('outage');
});
afterAll(() => database.drop());

describe('a store outage', () => {
  it('answers 503 store_unavailable, never 401, and keeps the cookie; service resumes when the store is back', async () => {
    const connection = await mongoose
      .createConnection(database.uri, { serverSelectionTimeoutMS: 1_000 })
      .asPromise();
    const host = await startHost({ mongoose: connection });
    try {
      const ada = await host.login('u_ada');
      const admin = await host.login('u_admin');
      expect((await ada.get('/api/hello')).status).toBe(200);

      await connection.close();
      for (const reply of [
        await ada.get('/api/hello'),
        await ada.get('/api/sessions/me/sessions'),
        await admin.post('/api/sessions/admin/users/u_ada/force-logout', { reason: 'x' }),
      ]) {
        expect(reply.status).toBe(503);
        expect(reply.body).toEqual({ error: 'store_unavailable', message: expect.any(String) });
        expect(reply.setCookies).toEqual([]);
      }
      const login = await host.anonymous().request('POST', '/auth/login', { body: { userId: 'u_bob' } });
      expect(login.status).toBe(503);

      await connection.openUri(database.uri);
      expect((await ada.get('/api/hello')).status).toBe(200);
    } finally {
      await host.close();
      await connection.close();
    }
  });

  it('reports a server that cannot be reached as store_unavailable', async () => {
    const port = await freePort();
    const connection = mongoose.createConnection(
      `mongodb://127.0.0.1:${port}/nothing?directConnection=true`,
      {
        serverSelectionTimeoutMS: 300,
      },
    );
    connection.on('error', () => undefined);
    const store = new MongoSessionStore(connection);
    const error = await store.findLiveSession('0'.repeat(64)).catch((e: unknown) => e);
    expect(isSessionKitError(error, 'store_unavailable')).toBe(true);
    await connection.close();
  });
});

import { execSync } from 'node:child_process';
import { isSessionKitError } from '@sessionkit/core';
import { freePort, startMongo } from '@sessionkit/ferretdb-runner';
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

  it(
    'answers 503 within seconds when the server hangs, not after the driver’s selection timeout',
    { timeout: 40_000 },
    async () => {
      const server = await startMongo({ dbName: 'outage_hung', ferretdbOnly: true });
      // The driver's default: left alone it would hold every request for 30 s during the outage.
      const connection = await mongoose
        .createConnection(server.uri, { serverSelectionTimeoutMS: 30_000 })
        .asPromise();
      connection.on('error', () => undefined);
      const host = await startHost({ mongoose: connection });
      let paused = 0;
      try {
        const ada = await host.login('u_ada');
        expect((await ada.get('/api/hello')).status).toBe(200);
        // A server that hangs (paused, or a network that drops packets) rather than one that refuses
        // connections: the case where the driver waits out its whole selection timeout.
        paused = ferretdbPid(new URL(server.uri).port);
        process.kill(paused, 'SIGSTOP');
        const started = Date.now();
        const replies = [];
        for (let i = 0; i < 3; i++) replies.push(await ada.get('/api/hello'));
        expect(replies.map((r) => r.status)).toEqual([503, 503, 503]);
        expect(replies[0]?.body).toMatchObject({ error: 'store_unavailable' });
        // Three requests well inside the 30 s one would take: a bound, not a timing measurement.
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        if (paused) process.kill(paused, 'SIGCONT');
        await host.close();
        await connection.close().catch(() => undefined);
        await server.stop();
      }
    },
  );

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

/** The FerretDB process listening on this port (pgrep's own shell excluded by matching the binary's name). */
function ferretdbPid(port: string): number {
  const lines = execSync('ps -eo pid=,args=').toString().split('\n');
  const line = lines.find((l) => /ferretdb/.test(l) && l.includes(`127.0.0.1:${port}`) && !/\bps\b/.test(l));
  if (!line) throw new Error(`no FerretDB process on port ${port}`);
  return Number(line.trim().split(/\s+/)[0]);
}

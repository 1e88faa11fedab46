import type { DirectoryUser } from '@sessionkit/core';
import { StaticUserDirectory } from '@sessionkit/core';
import expressPackage from 'express/package.json';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, TestHost } from './support.js';
import { USERS, openDatabase, startHost } from './support.js';

/**
 * Express 4 does not pass a rejected promise from a handler to `next`: the request then never gets an answer,
 * and Node ends the process on the unhandled rejection. This file runs on Express 5 and, in the matrix run
 * (vitest.matrix.config.ts), on Express 4; it listens for unhandled rejections while it sends what makes the
 * kit throw (unknown ids, bad input, a failing directory) and fails on the first one.
 */
const EXPRESS = expressPackage.version;
const seen: unknown[] = [];
let crashed: ((reason: unknown) => void) | null = null;
const listener = (reason: unknown) => {
  seen.push(reason);
  crashed?.(reason);
};

let database: Awaited<ReturnType<typeof openDatabase>>;
let host: TestHost;

beforeAll(async () => {
  process.on('unhandledRejection', listener);
  database = await openDatabase('unhandledRejections');
  host = await startHost({ mongoose: database.connection });
});
afterAll(async () => {
  process.off('unhandledRejection', listener);
  await host?.close();
  await database?.drop();
});
afterEach(() => {
  expect(seen.splice(0).map(String)).toEqual([]);
});

/** The answer to a request, or a failure naming the unhandled rejection that took its place. */
async function answerOf(send: () => Promise<Reply>): Promise<Reply> {
  const rejection = new Promise<never>((_resolve, reject) => {
    crashed = (reason) => reject(new Error(`unhandled rejection on Express ${EXPRESS}: ${String(reason)}`));
  });
  try {
    const reply = await Promise.race([send(), rejection]);
    // A rejection left behind after the answer surfaces once the pending callbacks have run.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    return reply;
  } finally {
    crashed = null;
  }
}

const API = '/api/sessions';
const UNKNOWN_SESSION = 'ses_nobody000000000000000000';

describe(`no unhandled rejection on Express ${EXPRESS}`, () => {
  it('answers 404 for an unknown session id, on the owner’s and the admin’s routes', async () => {
    const ada = await host.login('u_ada');
    const admin = await host.login('u_admin');
    for (const [client, method, path, body] of [
      [ada, 'GET', `/me/sessions/${UNKNOWN_SESSION}`],
      [ada, 'DELETE', `/me/sessions/${UNKNOWN_SESSION}`],
      [admin, 'DELETE', `/admin/sessions/${UNKNOWN_SESSION}`, { reason: 'gone' }],
      [admin, 'POST', '/admin/users/u_nobody/force-logout', { reason: 'gone' }],
    ] as const) {
      const reply = await answerOf(() =>
        client.request(method, `${API}${path}`, body === undefined ? {} : { body }),
      );
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(reply.body.error, `${method} ${path}`).toBe('not_found');
    }
  });

  it('answers 400 naming the field for bad queries, bodies and path escapes', async () => {
    const admin = await host.login('u_admin');
    const cases = [
      { method: 'GET', path: '/me/sessions?_start=soon', field: '_start' },
      { method: 'GET', path: '/me/sessions?status[$ne]=x', field: 'status[$ne]' },
      { method: 'PUT', path: '/policy', body: { idleTimeout: 'forever' }, field: 'idleTimeout' },
      { method: 'POST', path: '/me/sessions/revoke-others', rawBody: '{"broken', field: 'body' },
      { method: 'GET', path: '/me/sessions/%E0%A4%A', field: 'id' },
    ];
    for (const { method, path, field, ...body } of cases) {
      const reply = await answerOf(() => admin.request(method, `${API}${path}`, body));
      expect(reply.status, `${method} ${path}`).toBe(400);
      expect(reply.body, `${method} ${path}`).toMatchObject({ error: 'invalid_input', field });
    }
  });

  it('answers 401 for an unknown session secret, on the kit’s routes and the host’s', async () => {
    const stranger = host.anonymous();
    stranger.bearer = 'not-a-session-the-kit-issued';
    for (const path of [`${API}/me/sessions`, '/api/hello']) {
      const reply = await answerOf(() => stranger.get(path));
      expect(reply.status, path).toBe(401);
    }
  });

  it('answers the host’s login with bad input through the host’s error handler', async () => {
    const reply = await answerOf(() => host.anonymous().post('/auth/login', { userId: '' }));
    expect(reply.status).toBe(400);
  });
});

describe(`a failing user directory on Express ${EXPRESS}`, () => {
  it('answers 500 on a guarded route instead of leaving the request hanging', async () => {
    const working = new StaticUserDirectory(USERS);
    let failing = false;
    const directory = {
      async getUsers(tenantId: string, ids: string[]): Promise<DirectoryUser[]> {
        if (failing) throw new Error('the directory is down');
        return working.getUsers(tenantId, ids);
      },
      searchUserIds: (tenantId: string, q: string) => working.searchUserIds(tenantId, q),
    };
    const flaky = await startHost({ mongoose: database.connection, directory, directoryCacheMs: 0 });
    try {
      const ada = await flaky.login('u_ada');
      failing = true;
      for (const path of ['/api/hello', `${API}/me/sessions`]) {
        const reply = await answerOf(() => ada.get(path));
        expect(reply.status, path).toBe(500);
      }
    } finally {
      await flaky.close();
    }
  });
});

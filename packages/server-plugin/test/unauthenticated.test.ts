import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestHost } from './support.js';
import { openDatabase, startHost } from './support.js';

let database: Awaited<ReturnType<typeof openDatabase>>;
let host: TestHost;

beforeAll(async () => {
  database = await openDatabase('unauthenticated');
  host = await startHost({ mongoose: database.connection });
});
afterAll(async () => {
  await host.close();
  await database.drop();
});

const ROUTES: [string, string, unknown?][] = [
  ['GET', '/me/sessions'],
  ['GET', '/me/access?userId=u_bob'],
  ['GET', '/me/sessions/ses_someone0000000000000000'],
  ['DELETE', '/me/sessions/ses_someone0000000000000000'],
  ['POST', '/me/sessions/revoke-others', {}],
  ['GET', '/me/authorized-apps'],
  ['DELETE', '/me/authorized-apps/app_someone0000000000000000'],
  ['GET', '/me/push-registrations'],
  ['DELETE', '/me/push-registrations/push_someone000000000000000'],
  ['GET', '/admin/summary'],
  ['GET', '/admin/users'],
  ['GET', '/admin/sessions'],
  ['DELETE', '/admin/sessions/ses_someone0000000000000000', { reason: 'x' }],
  ['POST', '/admin/users/u_bob/force-logout', { reason: 'x' }],
  ['POST', '/admin/sessions/revoke-all', { reason: 'x' }],
  ['GET', '/admin/users/u_bob/authorized-apps'],
  ['DELETE', '/admin/users/u_bob/authorized-apps/app_someone0000000000000000'],
  ['GET', '/admin/users/u_bob/login-stats'],
  ['GET', '/policy'],
  ['PUT', '/policy', { idleTimeout: { value: 1, unit: 'days' } }],
  ['GET', '/api-keys'],
  ['GET', '/audit-events'],
];

describe('every route without a session', () => {
  for (const [method, path, body] of ROUTES) {
    it(`${method} ${path}: 401 unauthenticated`, async () => {
      const reply = await host
        .anonymous()
        .request(method, `/api/sessions${path}`, body === undefined ? {} : { body });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('unauthenticated');
      expect(reply.headers.get('cache-control')).toBe('no-store');
    });
  }
});

describe('every route with a session revoked a moment ago', () => {
  for (const [method, path, body] of ROUTES) {
    it(`${method} ${path}: 401 session_ended with the reason on the very next request`, async () => {
      const stale = await host.login('u_root');
      const admin = await host.login('u_root2');
      await admin.request('DELETE', `/api/sessions/admin/sessions/${stale.sessionId}`, {
        body: { reason: 'test' },
      });
      const reply = await stale.request(method, `/api/sessions${path}`, body === undefined ? {} : { body });
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ error: 'session_ended', reason: 'revoked' });
      expect(reply.headers.get('cache-control')).toBe('no-store');
    });
  }
});

import { anAuthorizedApp, aPushRegistration } from '@sessionkit/core/testing';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MongoSessionStore } from '../src/index.js';
import type { Client, TestHost } from './support.js';
import { TENANT, mongoStore, openDatabase, routesOf, snapshot, startHost } from './support.js';

/**
 * Bad input on every route answers 400 naming the field (or 404 for a well-formed unknown id), and leaves the
 * database exactly as it was. The caller is a super user, so authorization never hides a validation gap.
 */
let database: Awaited<ReturnType<typeof openDatabase>>;
let store: MongoSessionStore;
let host: TestHost;
let root: Client;
let adaSessionId: string;
let appId: string;
let pushId: string;

beforeAll(async () => {
  database = await openDatabase('malformedInput');
  store = await mongoStore(database.connection);
  host = await startHost({ mongoose: database.connection });
  const ada = await host.login('u_ada');
  adaSessionId = ada.sessionId ?? '';
  root = await host.login('u_root');
  const app = anAuthorizedApp({ tenantId: TENANT, userId: 'u_root' });
  const push = aPushRegistration({ tenantId: TENANT, userId: 'u_root' });
  await store.insertAuthorizedApp(app);
  await store.insertPushRegistration(push);
  appId = app.id;
  pushId = push.id;
});
afterAll(async () => {
  await host.close();
  await database.drop();
});

const API = '/api/sessions';
const MEGABYTE = JSON.stringify({ reason: 'x'.repeat(1024 * 1024) });
const OP_NE = encodeURIComponent('{"$ne":null}');

const INVISIBLE_REASONS = [
  '\u0000',
  '\u200b',
  ' \u200b\u200c\u200d\u2060\ufeff ',
  '\u0007\u0085\u009b',
  '\t\r\n',
  '\u00a0\u3000',
  '\u202e\u2066',
  '\u00ad\u180e\u3164',
  '\u0301',
];

type Case = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  status?: 400 | 404;
  field?: string;
};

/** Device names, the "was this you?" answers and the "this wasn't me" link's two routes. */
function alertCases(): Record<string, Case[]> {
  const mine = `${API}/me/sessions/${adaSessionId}`;
  const unknown = `${API}/me/sessions/ses_doesNotExist0000000000`;
  const link = (path: string): Case[] => [
    { method: 'POST', path, body: {}, field: 'token' },
    { method: 'POST', path, body: { token: 5 }, field: 'token' },
    { method: 'POST', path, body: { token: { $ne: null } }, field: 'token' },
    { method: 'POST', path, body: { token: 'x'.repeat(600) }, field: 'token' },
    { method: 'POST', path, body: { token: 'abc', also: 1 }, field: 'also' },
  ];
  const answer = (path: string, unknownPath: string): Case[] => [
    { method: 'POST', path, body: { x: 1 }, field: 'x' },
    { method: 'POST', path: unknownPath, status: 404 },
  ];
  return {
    'GET /me/password-change': [{ method: 'GET', path: `${API}/me/password-change?x=1`, field: 'x' }],
    'PATCH /me/sessions/:id/device': [
      { method: 'PATCH', path: `${mine}/device`, body: { name: 5 }, field: 'name' },
      { method: 'PATCH', path: `${mine}/device`, body: { trusted: 'yes' }, field: 'trusted' },
      { method: 'PATCH', path: `${mine}/device`, body: { label: 'x' }, field: 'label' },
      { method: 'PATCH', path: `${unknown}/device`, body: { name: 'Work laptop' }, status: 404 },
    ],
    'POST /me/sessions/:id/confirm': answer(`${mine}/confirm`, `${unknown}/confirm`),
    'POST /me/sessions/:id/not-me': answer(`${mine}/not-me`, `${unknown}/not-me`),
    'POST /alerts/lookup': link(`${API}/alerts/lookup`),
    'POST /alerts/not-me': link(`${API}/alerts/not-me`),
  };
}

/** The suspension routes (an hour from the test host's clock is a good `until`). */
function suspensionCases(): Record<string, Case[]> {
  const ada = `${API}/admin/users/u_ada/suspension`;
  const until = '2026-01-15T10:00:00.000Z';
  return {
    'GET /admin/suspensions': [
      { method: 'GET', path: `${API}/admin/suspensions?_start=1.5`, field: '_start' },
      { method: 'GET', path: `${API}/admin/suspensions?userId=u_ada`, field: 'userId' },
    ],
    'GET /admin/users/:userId/suspension': [
      { method: 'GET', path: `${ada}?x=1`, field: 'x' },
      { method: 'GET', path: `${API}/admin/users/a%20b/suspension`, field: 'userId' },
      { method: 'GET', path: `${API}/admin/users/${OP_NE}/suspension`, field: 'userId' },
      { method: 'GET', path: `${API}/admin/users/u_nobody/suspension`, status: 404 },
    ],
    'POST /admin/users/:userId/suspension': [
      { method: 'POST', path: ada, body: {}, field: 'until' },
      { method: 'POST', path: ada, body: { until: 'soon', reason: 'x' }, field: 'until' },
      { method: 'POST', path: ada, body: { until: { $gt: '' }, reason: 'x' }, field: 'until' },
      { method: 'POST', path: ada, body: { until: '2026-01-14T10:00:00.000Z', reason: 'x' }, field: 'until' },
      { method: 'POST', path: ada, body: { until: '2026-06-15T10:00:00.000Z', reason: 'x' }, field: 'until' },
      { method: 'POST', path: ada, body: { until }, field: 'reason' },
      { method: 'POST', path: ada, body: { until, reason: ['a'] }, field: 'reason' },
      { method: 'POST', path: ada, body: { until, reason: 'x'.repeat(600) }, field: 'reason' },
      ...INVISIBLE_REASONS.map((reason) => ({
        method: 'POST' as const,
        path: ada,
        body: { until, reason },
        field: 'reason',
      })),
      { method: 'POST', path: ada, body: { until, reason: 'x', extra: 1 }, field: 'extra' },
      { method: 'POST', path: ada, rawBody: MEGABYTE, field: 'body' },
      {
        method: 'POST',
        path: `${API}/admin/users/a%20b/suspension`,
        body: { until, reason: 'x' },
        field: 'userId',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_nobody/suspension`,
        body: { until, reason: 'x' },
        status: 404,
      },
    ],
    'DELETE /admin/users/:userId/suspension': [
      { method: 'DELETE', path: ada, body: { x: 1 }, field: 'x' },
      { method: 'DELETE', path: ada, status: 404 },
      { method: 'DELETE', path: `${API}/admin/users/u_nobody/suspension`, status: 404 },
    ],
  };
}

function cases(): Record<string, Case[]> {
  const mine = `${API}/me/sessions/${adaSessionId}`;
  return {
    'GET /me/sessions': [
      { method: 'GET', path: `${API}/me/sessions?status=bogus`, field: 'status' },
      { method: 'GET', path: `${API}/me/sessions?status[$ne]=active`, field: 'status[$ne]' },
      { method: 'GET', path: `${API}/me/sessions?status=active&status=ended`, field: 'status' },
      { method: 'GET', path: `${API}/me/sessions?status=${OP_NE}`, field: 'status' },
      { method: 'GET', path: `${API}/me/sessions?since=yesterday`, field: 'since' },
      { method: 'GET', path: `${API}/me/sessions?since=2026-02-30`, field: 'since' },
      { method: 'GET', path: `${API}/me/sessions?since=2026-13-01T00:00:00Z`, field: 'since' },
      { method: 'GET', path: `${API}/me/sessions?_start=-1`, field: '_start' },
      { method: 'GET', path: `${API}/me/sessions?_start=abc`, field: '_start' },
      { method: 'GET', path: `${API}/me/sessions?_end=99999999999`, field: '_end' },
      { method: 'GET', path: `${API}/me/sessions?_start=0&_end=5000`, field: '_end' },
      { method: 'GET', path: `${API}/me/sessions?_start=10&_end=5`, field: '_end' },
      { method: 'GET', path: `${API}/me/sessions?_limit=0`, field: '_limit' },
      { method: 'GET', path: `${API}/me/sessions?_limit=100000`, field: '_limit' },
      { method: 'GET', path: `${API}/me/sessions?_page=0`, field: '_page' },
      { method: 'GET', path: `${API}/me/sessions?_sort=tokenHash`, field: '_sort' },
      { method: 'GET', path: `${API}/me/sessions?_order=sideways`, field: '_order' },
      { method: 'GET', path: `${API}/me/sessions?userId=u_ada`, field: 'userId' },
      { method: 'GET', path: `${API}/me/sessions?=active`, field: 'query' },
    ],
    'GET /me/sessions/:id': [
      { method: 'GET', path: `${API}/me/sessions/${encodeURIComponent('<script>')}`, field: 'id' },
      { method: 'GET', path: `${API}/me/sessions/${'a'.repeat(200)}`, field: 'id' },
      { method: 'GET', path: `${API}/me/sessions/${OP_NE}`, field: 'id' },
      { method: 'GET', path: `${API}/me/sessions/ses_doesNotExist0000000000`, status: 404 },
      { method: 'GET', path: `${mine}?expand=1`, field: 'expand' },
    ],
    'DELETE /me/sessions/:id': [
      { method: 'DELETE', path: mine, body: { force: true }, field: 'force' },
      { method: 'DELETE', path: mine, body: { $ne: null }, field: '$ne' },
      { method: 'DELETE', path: mine, body: [], field: 'body' },
      { method: 'DELETE', path: mine, rawBody: MEGABYTE, field: 'body' },
      { method: 'DELETE', path: `${API}/me/sessions/${encodeURIComponent('$gt')}`, field: 'id' },
      { method: 'DELETE', path: `${API}/me/sessions/ses_doesNotExist0000000000`, status: 404 },
    ],
    'POST /me/sessions/revoke-others': [
      { method: 'POST', path: `${API}/me/sessions/revoke-others`, body: { all: true }, field: 'all' },
      { method: 'POST', path: `${API}/me/sessions/revoke-others`, body: { '': 1 }, field: 'body' },
      { method: 'POST', path: `${API}/me/sessions/revoke-others`, rawBody: '{"broken": ', field: 'body' },
      { method: 'POST', path: `${API}/me/sessions/revoke-others`, rawBody: '{"all":true,}', field: 'body' },
      { method: 'POST', path: `${API}/me/sessions/revoke-others`, rawBody: MEGABYTE, field: 'body' },
      {
        method: 'POST',
        path: `${API}/me/sessions/revoke-others`,
        rawBody: 'all=true',
        contentType: 'application/x-www-form-urlencoded',
        field: 'body',
      },
      { method: 'POST', path: `${API}/me/sessions/revoke-others?except=x`, field: 'except' },
    ],
    'GET /me/authorized-apps': [
      { method: 'GET', path: `${API}/me/authorized-apps?_end=-5`, field: '_end' },
      { method: 'GET', path: `${API}/me/authorized-apps?_sort=tokenPreview`, field: '_sort' },
      { method: 'GET', path: `${API}/me/authorized-apps?userId[$ne]=x`, field: 'userId[$ne]' },
    ],
    'DELETE /me/authorized-apps/:id': [
      { method: 'DELETE', path: `${API}/me/authorized-apps/bad%20id`, field: 'id' },
      {
        method: 'DELETE',
        path: `${API}/me/authorized-apps/${appId}`,
        body: { id: { $gt: '' } },
        field: 'id',
      },
      { method: 'DELETE', path: `${API}/me/authorized-apps/app_unknown00000000000000`, status: 404 },
    ],
    'GET /me/push-registrations': [
      { method: 'GET', path: `${API}/me/push-registrations?userId=u_bob`, field: 'userId' },
      { method: 'GET', path: `${API}/me/push-registrations?_page=-2`, field: '_page' },
    ],
    'DELETE /me/push-registrations/:id': [
      { method: 'DELETE', path: `${API}/me/push-registrations/${OP_NE}`, field: 'id' },
      { method: 'DELETE', path: `${API}/me/push-registrations/${pushId}`, rawBody: MEGABYTE, field: 'body' },
      { method: 'DELETE', path: `${API}/me/push-registrations/push_unknown0000000000000`, status: 404 },
    ],
    'GET /admin/summary': [
      { method: 'GET', path: `${API}/admin/summary?tenantId=t_other`, field: 'tenantId' },
    ],
    'GET /admin/users': [
      { method: 'GET', path: `${API}/admin/users?superUser=yes`, field: 'superUser' },
      { method: 'GET', path: `${API}/admin/users?q[$regex]=.*`, field: 'q[$regex]' },
      { method: 'GET', path: `${API}/admin/users?q=${'x'.repeat(500)}`, field: 'q' },
      { method: 'GET', path: `${API}/admin/users?_sort=password`, field: '_sort' },
      { method: 'GET', path: `${API}/admin/users?_start=1.5`, field: '_start' },
    ],
    'GET /admin/sessions': [
      { method: 'GET', path: `${API}/admin/sessions?userId[$ne]=x`, field: 'userId[$ne]' },
      { method: 'GET', path: `${API}/admin/sessions?userId=${OP_NE}`, field: 'userId' },
      { method: 'GET', path: `${API}/admin/sessions?status=gone`, field: 'status' },
      { method: 'GET', path: `${API}/admin/sessions?_sort=ip`, field: '_sort' },
    ],
    'DELETE /admin/sessions/:id': [
      {
        method: 'DELETE',
        path: `${API}/admin/sessions/${adaSessionId}`,
        body: { reason: { $ne: null } },
        field: 'reason',
      },
      {
        method: 'DELETE',
        path: `${API}/admin/sessions/${adaSessionId}`,
        body: { reason: 5 },
        field: 'reason',
      },
      {
        method: 'DELETE',
        path: `${API}/admin/sessions/${adaSessionId}`,
        body: { reason: 'x'.repeat(600) },
        field: 'reason',
      },
      {
        method: 'DELETE',
        path: `${API}/admin/sessions/${adaSessionId}`,
        body: { reason: 'ok', all: 1 },
        field: 'all',
      },
      {
        method: 'DELETE',
        path: `${API}/admin/sessions/${adaSessionId}`,
        body: { reason: '\u200b\u200b' },
        field: 'reason',
      },
      { method: 'DELETE', path: `${API}/admin/sessions/${adaSessionId}`, rawBody: MEGABYTE, field: 'body' },
      { method: 'DELETE', path: `${API}/admin/sessions/${encodeURIComponent('ses_$where')}`, field: 'id' },
      { method: 'DELETE', path: `${API}/admin/sessions/ses_doesNotExist0000000000`, status: 404 },
    ],
    'POST /admin/users/:userId/force-logout': [
      { method: 'POST', path: `${API}/admin/users/u_ada/force-logout`, body: {}, field: 'reason' },
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/force-logout`,
        body: { reason: '   ' },
        field: 'reason',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/force-logout`,
        body: { reason: ['a'] },
        field: 'reason',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/force-logout`,
        body: { reason: { $gt: '' } },
        field: 'reason',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/force-logout`,
        body: { reason: 'x', extra: 1 },
        field: 'extra',
      },
      { method: 'POST', path: `${API}/admin/users/u_ada/force-logout`, rawBody: MEGABYTE, field: 'body' },
      // Reasons that show nothing: control characters, zero-width and other format characters, blanks.
      ...INVISIBLE_REASONS.map((reason) => ({
        method: 'POST' as const,
        path: `${API}/admin/users/u_ada/force-logout`,
        body: { reason },
        field: 'reason',
      })),
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/force-logout`,
        rawBody: '{"reason":"left the company",}',
        field: 'body',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/a%20b/force-logout`,
        body: { reason: 'x' },
        field: 'userId',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/${OP_NE}/force-logout`,
        body: { reason: 'x' },
        field: 'userId',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_nobody/force-logout`,
        body: { reason: 'x' },
        status: 404,
      },
    ],
    'POST /admin/sessions/revoke-all': [
      { method: 'POST', path: `${API}/admin/sessions/revoke-all`, body: {}, field: 'reason' },
      {
        method: 'POST',
        path: `${API}/admin/sessions/revoke-all`,
        body: { reason: { $gt: '' } },
        field: 'reason',
      },
      {
        method: 'POST',
        path: `${API}/admin/sessions/revoke-all`,
        body: { reason: 'x', except: ['u_ada'] },
        field: 'except',
      },
      { method: 'POST', path: `${API}/admin/sessions/revoke-all`, rawBody: MEGABYTE, field: 'body' },
      ...INVISIBLE_REASONS.map((reason) => ({
        method: 'POST' as const,
        path: `${API}/admin/sessions/revoke-all`,
        body: { reason },
        field: 'reason',
      })),
    ],
    'POST /admin/bulk-force-logout/preview': [
      { method: 'POST', path: `${API}/admin/bulk-force-logout/preview`, body: {}, field: 'userIds' },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout/preview`,
        body: { userIds: { $in: ['u_ada'] } },
        field: 'userIds',
      },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout/preview`,
        body: { filter: { q: { $regex: '.' } } },
        field: 'filter.q',
      },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout/preview`,
        body: { filter: { role: 'admin' } },
        field: 'role',
      },
    ],
    'POST /admin/bulk-force-logout': [
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout`,
        body: { userIds: ['u_ada'] },
        field: 'reason',
      },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout`,
        body: { userIds: ['u ada'], reason: 'x' },
        field: 'userIds.0',
      },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout`,
        body: { userIds: Array.from({ length: 501 }, (_, i) => `u_${i}`), reason: 'x' },
        field: 'userIds',
      },
      {
        method: 'POST',
        path: `${API}/admin/bulk-force-logout`,
        body: { filter: { superUser: 'true' }, reason: 'x' },
        field: 'filter.superUser',
      },
      { method: 'POST', path: `${API}/admin/bulk-force-logout`, rawBody: MEGABYTE, field: 'body' },
    ],
    'GET /admin/users/:userId/authorized-apps': [
      { method: 'GET', path: `${API}/admin/users/u_ada/authorized-apps?_limit=abc`, field: '_limit' },
      {
        method: 'GET',
        path: `${API}/admin/users/${encodeURIComponent('u ada')}/authorized-apps`,
        field: 'userId',
      },
    ],
    'DELETE /admin/users/:userId/authorized-apps/:id': [
      {
        method: 'DELETE',
        path: `${API}/admin/users/u_root/authorized-apps/${encodeURIComponent('$ne')}`,
        field: 'id',
      },
      { method: 'DELETE', path: `${API}/admin/users/u_ada/authorized-apps/${appId}`, status: 404 },
      {
        method: 'DELETE',
        path: `${API}/admin/users/u_root/authorized-apps/${appId}`,
        body: { x: 1 },
        field: 'x',
      },
    ],
    'GET /me/access': [
      { method: 'GET', path: `${API}/me/access?userId=a%20b`, field: 'userId' },
      { method: 'GET', path: `${API}/me/access?userId=u_ada&userId=u_bob`, field: 'userId' },
      { method: 'GET', path: `${API}/me/access?userId[$ne]=x`, field: 'userId[$ne]' },
      { method: 'GET', path: `${API}/me/access?target=u_ada`, field: 'target' },
    ],
    ...suspensionCases(),
    ...alertCases(),
    'GET /admin/users/:userId/login-stats': [
      { method: 'GET', path: `${API}/admin/users/u_ada/login-stats?from=notadate`, field: 'from' },
      {
        method: 'GET',
        path: `${API}/admin/users/u_ada/login-stats?from=2026-01-10&to=2025-01-01`,
        field: 'to',
      },
      {
        method: 'GET',
        path: `${API}/admin/users/u_ada/login-stats?from=2020-01-01&to=2026-01-01`,
        field: 'to',
      },
      { method: 'GET', path: `${API}/admin/users/u_ada/login-stats?from[$gt]=`, field: 'from[$gt]' },
      { method: 'GET', path: `${API}/admin/users/u_ada/login-stats?to=99999-01-01`, field: 'to' },
    ],
    'GET /policy': [{ method: 'GET', path: `${API}/policy?tenantId=t_other`, field: 'tenantId' }],
    'GET /admin/sessions/:id': [
      { method: 'GET', path: `${API}/admin/sessions/${encodeURIComponent('<script>')}`, field: 'id' },
      { method: 'GET', path: `${API}/admin/sessions/${OP_NE}`, field: 'id' },
      { method: 'GET', path: `${API}/admin/sessions/ses_doesNotExist0000000000`, status: 404 },
      { method: 'GET', path: `${API}/admin/sessions/${adaSessionId}?expand=1`, field: 'expand' },
    ],
    'PUT /policy': [
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { roles: { admin: { idleTimeout: { value: { $gt: '' }, unit: 'hours' } } } },
        field: 'roles.admin.idleTimeout.value',
      },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { roles: { admin: { $set: 1 } } },
        field: 'roles.admin.$set',
      },
      {
        method: 'PUT',
        path: `${API}/policy`,
        rawBody: '{"roles":{"__proto__":{"idleTimeout":{"enabled":false}}}}',
        field: 'roles',
      },
      { method: 'PUT', path: `${API}/policy`, body: { roles: [] }, field: 'roles' },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { idleTimeout: { value: -5 } },
        field: 'idleTimeout.value',
      },
      { method: 'PUT', path: `${API}/policy`, body: { '': { enabled: true } }, field: 'policy' },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { idleTimeout: { unit: 'fortnights' } },
        field: 'idleTimeout.unit',
      },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { concurrentSessions: { max: 1e9 } },
        field: 'concurrentSessions.max',
      },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { idleTimeout: { value: { $gt: '' } } },
        field: 'idleTimeout.value',
      },
      {
        method: 'PUT',
        path: `${API}/policy`,
        body: { retention: { endedSessionDays: '30' } },
        field: 'retention.endedSessionDays',
      },
      { method: 'PUT', path: `${API}/policy`, body: { $set: { idleTimeout: {} } }, field: '$set' },
      { method: 'PUT', path: `${API}/policy`, body: [], field: 'policy' },
      { method: 'PUT', path: `${API}/policy`, rawBody: '{"__proto__":{"isAdmin":true}}', field: '__proto__' },
      { method: 'PUT', path: `${API}/policy`, body: { constructor: { prototype: 1 } }, field: 'constructor' },
      { method: 'PUT', path: `${API}/policy`, body: { toString: 'x' }, field: 'toString' },
      {
        method: 'PUT',
        path: `${API}/policy`,
        rawBody: '{"idleTimeout":{"__proto__":{"value":1}}}',
        field: 'idleTimeout.__proto__',
      },
      { method: 'PUT', path: `${API}/policy`, rawBody: MEGABYTE, field: 'body' },
      { method: 'PUT', path: `${API}/policy?x=1`, body: {}, field: 'x' },
    ],
    'GET /api-keys': [
      { method: 'GET', path: `${API}/api-keys?_sort=keyHash`, field: '_sort' },
      { method: 'GET', path: `${API}/api-keys?tenantId=t_other`, field: 'tenantId' },
    ],
    'GET /api-key-scopes': [
      { method: 'GET', path: `${API}/api-key-scopes?tenantId=t_other`, field: 'tenantId' },
    ],
    'GET /me/api-keys': [
      { method: 'GET', path: `${API}/me/api-keys?_sort=keyHash`, field: '_sort' },
      { method: 'GET', path: `${API}/me/api-keys?userId=u_ada`, field: 'userId' },
    ],
    'POST /me/api-keys': [
      { method: 'POST', path: `${API}/me/api-keys`, body: { scopes: ['read'] }, field: 'name' },
      {
        method: 'POST',
        path: `${API}/me/api-keys`,
        body: { name: { $ne: null }, scopes: ['read'] },
        field: 'name',
      },
      {
        method: 'POST',
        path: `${API}/me/api-keys`,
        body: { name: 'k', scopes: ['read', 'sudo'] },
        field: 'scopes',
      },
      {
        method: 'POST',
        path: `${API}/me/api-keys`,
        body: { name: 'k', scopes: [{ $gt: '' }] },
        field: 'scopes.0',
      },
      {
        method: 'POST',
        path: `${API}/me/api-keys`,
        body: { name: 'k', scopes: ['read'], expiresAt: '2020-01-01' },
        field: 'expiresAt',
      },
      {
        method: 'POST',
        path: `${API}/me/api-keys`,
        body: { name: 'k', scopes: ['read'], keyHash: 'a'.repeat(64) },
        field: 'keyHash',
      },
      { method: 'POST', path: `${API}/me/api-keys`, rawBody: MEGABYTE, field: 'body' },
    ],
    'DELETE /me/api-keys/:id': [
      { method: 'DELETE', path: `${API}/me/api-keys/${OP_NE}`, field: 'id' },
      { method: 'DELETE', path: `${API}/me/api-keys/key_unknown00000000000000`, status: 404 },
      {
        method: 'DELETE',
        path: `${API}/me/api-keys/key_unknown00000000000000`,
        body: { all: 1 },
        field: 'all',
      },
    ],
    'POST /admin/users/:userId/api-keys': [
      {
        method: 'POST',
        path: `${API}/admin/users/u_ada/api-keys`,
        body: { name: 'k', scopes: 'read' },
        field: 'scopes',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/${OP_NE}/api-keys`,
        body: { name: 'k', scopes: ['read'] },
        field: 'userId',
      },
      {
        method: 'POST',
        path: `${API}/admin/users/u_nobody/api-keys`,
        body: { name: 'k', scopes: ['read'] },
        status: 404,
      },
    ],
    'DELETE /api-keys/:id': [
      { method: 'DELETE', path: `${API}/api-keys/bad%20id`, field: 'id' },
      { method: 'DELETE', path: `${API}/api-keys/key_unknown00000000000000`, status: 404 },
    ],
    'POST /me/authorized-apps': [
      { method: 'POST', path: `${API}/me/authorized-apps`, body: { rights: ['read'] }, field: 'name' },
      {
        method: 'POST',
        path: `${API}/me/authorized-apps`,
        body: { name: 'Site', kind: 'mobile', rights: ['read'] },
        field: 'kind',
      },
      {
        method: 'POST',
        path: `${API}/me/authorized-apps`,
        body: { name: 'Site', rights: [] },
        field: 'rights',
      },
      {
        method: 'POST',
        path: `${API}/me/authorized-apps`,
        body: { name: 'Site', rights: ['read', 'sudo'] },
        field: 'rights',
      },
      {
        method: 'POST',
        path: `${API}/me/authorized-apps`,
        body: { name: 'Site', rights: [{ $gt: '' }] },
        field: 'rights.0',
      },
    ],
    'POST /me/push-registrations': [
      {
        method: 'POST',
        path: `${API}/me/push-registrations`,
        body: { appName: 'A', deviceName: 'D', platform: 'ios' },
        field: 'pushToken',
      },
      {
        method: 'POST',
        path: `${API}/me/push-registrations`,
        body: { appName: 'A', deviceName: 'D', platform: 'ios', pushToken: 't', userId: 'u_bob' },
        field: 'userId',
      },
      {
        method: 'POST',
        path: `${API}/me/push-registrations`,
        body: { appName: 'A', deviceName: '', platform: 'ios', pushToken: 't' },
        field: 'deviceName',
      },
    ],
    'GET /audit-events': [
      { method: 'GET', path: `${API}/audit-events?action=hack`, field: 'action' },
      { method: 'GET', path: `${API}/audit-events?userId=`, field: 'userId' },
      { method: 'GET', path: `${API}/audit-events?action[$in]=login`, field: 'action[$in]' },
      { method: 'GET', path: `${API}/audit-events?q[$ne]=x`, field: 'q[$ne]' },
    ],
  };
}

describe('malformed input', () => {
  it('covers every route the router has', () => {
    expect(Object.keys(cases()).sort()).toEqual(routesOf(host.kit.router));
  });

  for (const route of Object.keys(cases())) {
    it(`${route}: answers 400 naming the field (404 for unknown ids) and changes nothing`, async () => {
      const before = await snapshot(store);
      for (const c of cases()[route] ?? []) {
        const reply = await root.request(c.method, c.path, {
          ...(c.body !== undefined ? { body: c.body } : {}),
          ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : {}),
          ...(c.contentType ? { contentType: c.contentType } : {}),
        });
        const label = `${c.method} ${c.path.slice(0, 90)}`;
        expect(reply.status, label).toBe(c.status ?? 400);
        if ((c.status ?? 400) === 400) {
          expect(reply.body, label).toMatchObject({
            error: 'invalid_input',
            field: c.field,
            message: expect.any(String),
          });
        } else {
          expect(reply.body.error, label).toBe('not_found');
        }
      }
      expect(JSON.parse(await snapshot(store))).toEqual(JSON.parse(before));
    });
  }
});

describe('bodies that are not JSON', () => {
  it('are refused with 400 naming the body, and no part of them reaches the log', async () => {
    const secret = 'password-hunter2-never-logged';
    const printed: unknown[][] = [];
    const spies = (['error', 'warn', 'log', 'info', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args);
      }),
    );
    try {
      for (const rawBody of [`{"reason":"${secret}",}`, `{"reason":"${secret}"`, `reason=${secret}`]) {
        for (const path of [`${API}/admin/sessions/revoke-all`, `${API}/me/sessions/revoke-others`]) {
          const reply = await root.request('POST', path, { rawBody });
          expect(reply.status, `${path} ${rawBody}`).toBe(400);
          expect(reply.body).toMatchObject({ error: 'invalid_input', field: 'body' });
          expect(JSON.stringify(reply.body)).not.toContain(secret);
        }
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(inspect(printed, { depth: 20 })).not.toContain(secret);
  });
});

import type { SessionDetailsRecord, SessionRecord, TeamSessionRecord } from '../httpShapes.js';
import type { Json } from '../jsonShape.js';
import { ACCESS_CASES } from './httpContractAccessCases.js';
import { BULK_CASES } from './httpContractBulkCases.js';
import { ALERT_CHANGES, ALERT_READS, ALERT_REFUSALS } from './httpContractAlertCases.js';
import { CREDENTIAL_CHANGES, CREDENTIAL_READS, CREDENTIAL_REFUSALS } from './httpContractCredentialCases.js';
import type { Found, HttpContractCase } from './httpContractTypes.js';
import { SUSPENSION_CASES } from './httpContractSuspensionCases.js';
import { ROLE_POLICY_CASES } from './httpContractRoleCases.js';

const sessions = (body: unknown) => body as Json<SessionRecord>[];
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`the contract's account has no ${what}`);
  return value;
};
const ended = (reason: string) => (body: Json<SessionRecord>) =>
  body.status === 'ended' && body.endReason === reason
    ? []
    : [`expected an ended session (${reason}), got ${body.status} (${body.endReason})`];

/**
 * The HTTP API as every server of it must answer: the kit's router and Storybook's mock server alike. Cases run
 * in order; reads come first, then refusals, then changes, and signing everyone out comes last.
 */
export const HTTP_CONTRACT: readonly HttpContractCase[] = [
  // The person's own view.
  {
    route: 'GET /me/sessions',
    as: 'person',
    path: '/me/sessions?status=active',
    status: 200,
    says: (body: Json<SessionRecord>[]) => [
      ...(body.filter((s) => s.current).length === 1 ? [] : ['exactly one session must be current']),
      ...(body.every((s) => s.status === 'active') ? [] : ['status=active lists only active sessions']),
    ],
    keep: (body: Json<SessionRecord>[], found) => {
      found.person = need(
        body.find((s) => s.current),
        'current session',
      ).userId;
      found.otherSession = need(
        body.find((s) => !s.current),
        'second session of the person',
      ).id;
    },
  },
  {
    route: 'GET /me/sessions/:id',
    as: 'person',
    path: '/me/sessions/{otherSession}',
    status: 200,
    says: (body: Json<SessionDetailsRecord>) =>
      body.deviceSignIns.count >= 1 && body.deviceSignIns.days >= 1
        ? []
        : [`a session counts among its device's sign-ins, got ${JSON.stringify(body.deviceSignIns)}`],
  },
  {
    route: 'GET /me/sessions/:id',
    as: 'person',
    path: '/me/sessions/ses_not_there',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'GET /me/sessions',
    as: 'person',
    path: '/me/sessions?status=sleeping',
    status: 400,
    error: 'invalid_input',
    field: 'status',
  },
  {
    route: 'GET /me/authorized-apps',
    as: 'person',
    path: '/me/authorized-apps',
    status: 200,
    keep: (body: { id: string }[], found) => {
      found.app = need(body[0], 'authorized app').id;
      found.secondApp = need(body[1], 'second authorized app').id;
    },
  },
  {
    route: 'GET /me/push-registrations',
    as: 'person',
    path: '/me/push-registrations',
    status: 200,
    keep: (body: { id: string }[], found) => {
      found.push = need(body[0], 'push registration').id;
    },
  },
  { route: 'GET /policy', as: 'person', path: '/policy', status: 200 },

  // What administrators see.
  {
    route: 'GET /admin/summary',
    as: 'admin',
    path: '/admin/summary',
    status: 200,
    says: (body: { activeUsers: number; activeSessions: number }) =>
      body.activeSessions >= body.activeUsers ? [] : ['every active user has an active session'],
  },
  {
    route: 'GET /admin/users',
    as: 'admin',
    path: '/admin/users',
    status: 200,
    keep: (body: { id: string; superUser: boolean }[], found) => {
      found.superUser = need(
        body.find((u) => u.superUser),
        'signed-in super user',
      ).id;
    },
  },
  {
    route: 'GET /admin/sessions',
    as: 'admin',
    path: '/admin/sessions?status=active',
    status: 200,
    keep: (body: Json<TeamSessionRecord>[], found) => {
      const target = need(
        body.find((s) => s.userId !== found.person && !s.current && !s.user.superUser),
        'active session of a third user who is not a super user',
      );
      found.teamSession = target.id;
      found.teamUser = target.userId;
    },
  },
  {
    route: 'GET /admin/sessions',
    as: 'admin',
    path: '/admin/sessions?status=all',
    status: 200,
    says: (body: Json<SessionRecord>[]) =>
      sessions(body).some((s) => s.status === 'active') ? [] : ['status=all lists the active sessions too'],
  },
  {
    route: 'GET /admin/sessions',
    as: 'admin',
    path: '/admin/sessions?status=sleeping',
    status: 400,
    error: 'invalid_input',
    field: 'status',
  },
  // What each caller may do, as the client is told it.
  ...ACCESS_CASES,
  ...ROLE_POLICY_CASES,
  {
    route: 'GET /admin/users/:userId/authorized-apps',
    as: 'admin',
    path: '/admin/users/{person}/authorized-apps',
    status: 200,
  },
  {
    route: 'GET /admin/users/:userId/login-stats',
    as: 'admin',
    path: '/admin/users/{person}/login-stats',
    status: 200,
  },
  {
    route: 'GET /admin/users/:userId/login-stats',
    as: 'admin',
    path: '/admin/users/{person}/login-stats?from=last-week',
    status: 400,
    error: 'invalid_input',
    field: 'from',
  },
  { route: 'GET /api-keys', as: 'admin', path: '/api-keys', status: 200 },
  { route: 'GET /audit-events', as: 'admin', path: '/audit-events', status: 200 },
  {
    route: 'GET /audit-events',
    as: 'admin',
    path: '/audit-events?q={person}',
    status: 200,
    says: (body: { actorId: string | null; targetUserId: string | null }[], found) =>
      body.every((e) => e.actorId === found.person || e.targetUserId === found.person)
        ? []
        : ['q finds only the events of the people it names'],
  },
  {
    route: 'GET /audit-events',
    as: 'admin',
    path: `/audit-events?q=${'x'.repeat(201)}`,
    status: 400,
    error: 'invalid_input',
    field: 'q',
  },
  {
    route: 'GET /policy',
    as: 'admin',
    path: '/policy',
    status: 200,
    keep: (body: Found['policy'], found) => {
      found.policy = body;
    },
  },

  ...CREDENTIAL_READS,
  ...ALERT_READS,

  // Refusals: nobody signed in, people who aren't administrators, a forged change, a route that isn't there.
  { route: 'GET /me/sessions', as: 'anonymous', path: '/me/sessions', status: 401, error: 'unauthenticated' },
  { route: 'GET /admin/summary', as: 'person', path: '/admin/summary', status: 403, error: 'forbidden' },
  { route: 'GET /admin/users', as: 'person', path: '/admin/users', status: 403, error: 'forbidden' },
  { route: 'GET /admin/sessions', as: 'person', path: '/admin/sessions', status: 403, error: 'forbidden' },
  { route: 'GET /api-keys', as: 'person', path: '/api-keys', status: 403, error: 'forbidden' },
  ...CREDENTIAL_REFUSALS,
  ...ALERT_REFUSALS,
  {
    route: 'PUT /policy',
    as: 'person',
    path: '/policy',
    body: (found: Found) => ({ ...found.policy }),
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'DELETE /admin/sessions/:id',
    as: 'person',
    path: '/admin/sessions/{teamSession}',
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'GET /admin/users/:userId/login-stats',
    as: 'person',
    path: '/admin/users/{teamUser}/login-stats',
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /admin/users/:userId/force-logout',
    as: 'admin',
    path: '/admin/users/{superUser}/force-logout',
    body: { reason: 'Contract' },
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /me/sessions/revoke-others',
    as: 'person',
    path: '/me/sessions/revoke-others',
    wrongCsrf: true,
    status: 403,
    error: 'csrf',
  },
  { route: null, as: 'person', path: '/no-such-route', status: 404, error: 'not_found' },

  ...SUSPENSION_CASES,

  // Changes.
  ...ALERT_CHANGES,
  {
    route: 'PUT /policy',
    as: 'admin',
    path: '/policy',
    body: (found: Found) => ({ ...found.policy, idleTimeout: { ...found.policy.idleTimeout, value: 0 } }),
    status: 400,
    error: 'invalid_input',
    field: 'idleTimeout.value',
  },
  {
    route: 'PUT /policy',
    as: 'admin',
    path: '/policy',
    body: (found: Found) => ({ ...found.policy }),
    status: 200,
  },
  {
    route: 'DELETE /me/sessions/:id',
    as: 'person',
    path: '/me/sessions/{otherSession}',
    status: 200,
    says: ended('revoked'),
  },
  {
    route: 'DELETE /me/sessions/:id',
    as: 'person',
    path: '/me/sessions/{otherSession}',
    status: 404,
    error: 'not_found',
  },
  { route: 'POST /me/sessions/revoke-others', as: 'person', path: '/me/sessions/revoke-others', status: 200 },
  { route: 'DELETE /me/authorized-apps/:id', as: 'person', path: '/me/authorized-apps/{app}', status: 200 },
  {
    route: 'DELETE /me/authorized-apps/:id',
    as: 'person',
    path: '/me/authorized-apps/{app}',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'DELETE /me/push-registrations/:id',
    as: 'person',
    path: '/me/push-registrations/{push}',
    status: 200,
  },
  ...CREDENTIAL_CHANGES,
  {
    route: 'DELETE /admin/users/:userId/authorized-apps/:id',
    as: 'admin',
    path: '/admin/users/{person}/authorized-apps/{secondApp}',
    status: 200,
  },
  {
    route: 'DELETE /admin/sessions/:id',
    as: 'admin',
    path: '/admin/sessions/{teamSession}',
    body: { reason: 'Contract' },
    status: 200,
    says: ended('revoked'),
  },
  {
    route: 'GET /admin/sessions',
    as: 'admin',
    path: '/admin/sessions',
    status: 200,
    says: (body: Json<SessionRecord>[], found) =>
      body.some((s) => s.id === found.teamSession && s.status === 'ended')
        ? []
        : ['without a status, an administrator’s list shows ended sessions too'],
  },
  {
    route: 'GET /admin/sessions',
    as: 'admin',
    path: '/admin/sessions?status=ended',
    status: 200,
    says: (body: Json<TeamSessionRecord>[], found) => {
      const ended = body.find((s) => s.id === found.teamSession);
      if (!ended) return ['status=ended lists the session an administrator just ended'];
      return [
        ...(body.every((s) => s.status === 'ended') ? [] : ['status=ended lists only ended sessions']),
        ...(ended.endedByName ? [] : ['an ended session names who ended it (endedByName)']),
        ...(ended.endNote === 'Contract' ? [] : ['an ended session keeps the reason it was given (endNote)']),
      ];
    },
  },
  {
    route: 'GET /me/sessions',
    as: 'person',
    path: '/me/sessions',
    status: 200,
    says: (body: Json<SessionRecord>[], found) =>
      body.some((s) => s.id === found.otherSession)
        ? ['without a status, a person’s list shows active sessions only']
        : [],
  },
  {
    route: 'POST /admin/users/:userId/force-logout',
    as: 'admin',
    path: '/admin/users/{teamUser}/force-logout',
    body: {},
    status: 400,
    error: 'invalid_input',
    field: 'reason',
  },
  {
    route: 'POST /admin/users/:userId/force-logout',
    as: 'admin',
    path: '/admin/users/u_nobody_here/force-logout',
    body: { reason: 'Contract' },
    status: 404,
    error: 'not_found',
    field: 'userId',
  },
  ...BULK_CASES,
  {
    route: 'POST /admin/users/:userId/force-logout',
    as: 'admin',
    path: '/admin/users/{teamUser}/force-logout',
    body: { reason: 'Contract' },
    status: 200,
  },
  {
    route: 'POST /admin/sessions/revoke-all',
    as: 'admin',
    path: '/admin/sessions/revoke-all',
    body: {},
    status: 400,
    error: 'invalid_input',
    field: 'reason',
  },
  {
    route: 'POST /admin/sessions/revoke-all',
    as: 'admin',
    path: '/admin/sessions/revoke-all',
    body: { reason: 'Contract' },
    status: 200,
    says: (body: { ended: number }) => (body.ended >= 1 ? [] : ['the person’s session, at least, ends']),
  },
];

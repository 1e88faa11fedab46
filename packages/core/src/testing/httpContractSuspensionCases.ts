import type { Json } from '../jsonShape.js';
import type { SessionRecord } from '../httpShapes.js';
import type { SuspensionChangeRecord, SuspensionRecord, UserSuspensionRecord } from '../suspensionShapes.js';
import type { Found, HttpContractCase } from './httpContractTypes.js';

const HOUR = 3_600_000;
// The server's own clock, as its answers show it (a test host's is a manual clock): the suspension's end is
// set from it, so every server sees it in the future.
let serverNow = 0;
const later = (hours: number) => new Date(serverNow + hours * HOUR).toISOString();

/**
 * Suspending a person's sessions (docs/http-api.md, "Suspending sessions"): reads, refusals (bad input naming
 * its field, another administrator's super user, nobody by that id, a wrong CSRF token), then a suspension of
 * the team user and its resume, leaving the account as it was.
 */
export const SUSPENSION_CASES: readonly HttpContractCase[] = [
  {
    route: 'GET /me/sessions',
    as: 'person',
    path: '/me/sessions?status=active',
    status: 200,
    keep: (body: Json<SessionRecord>[]) => {
      serverNow = Math.max(...body.map((s) => Date.parse(s.lastSeenAt)));
    },
  },
  {
    route: 'GET /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    status: 200,
    says: (body: Json<UserSuspensionRecord>) => (body.suspension === null ? [] : ['nobody is suspended yet']),
  },
  {
    route: 'GET /admin/users/:userId/suspension',
    as: 'person',
    path: '/admin/users/{teamUser}/suspension',
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'GET /admin/suspensions',
    as: 'person',
    path: '/admin/suspensions',
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    body: { reason: 'Contract' },
    status: 400,
    error: 'invalid_input',
    field: 'until',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    body: () => ({ until: later(-1), reason: 'Contract' }),
    status: 400,
    error: 'invalid_input',
    field: 'until',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    body: () => ({ until: later(2) }),
    status: 400,
    error: 'invalid_input',
    field: 'reason',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{superUser}/suspension',
    body: () => ({ until: later(2), reason: 'Contract' }),
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/u_nobody_here/suspension',
    body: () => ({ until: later(2), reason: 'Contract' }),
    status: 404,
    error: 'not_found',
    field: 'userId',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    body: () => ({ until: later(2), reason: 'Contract' }),
    wrongCsrf: true,
    status: 403,
    error: 'csrf',
  },
  {
    route: 'DELETE /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'POST /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    body: () => ({ until: later(2), reason: 'Contract' }),
    status: 200,
    says: (body: Json<SuspensionChangeRecord>, found: Found) => [
      ...(body.suspension.userId === found.teamUser ? [] : ['the suspension names the person']),
      ...(body.suspension.reason === 'Contract' ? [] : ['the suspension keeps the reason']),
      ...(body.sessions >= 1 ? [] : ['the team user’s signed-in session pauses']),
    ],
  },
  {
    route: 'GET /admin/suspensions',
    as: 'admin',
    path: '/admin/suspensions',
    status: 200,
    says: (body: Json<SuspensionRecord>[], found: Found) =>
      body.some((s) => s.userId === found.teamUser && s.until === later(2))
        ? []
        : ['the suspended person is listed with the end given'],
  },
  {
    route: 'DELETE /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    status: 200,
    says: (body: Json<SuspensionChangeRecord>) => (body.sessions >= 1 ? [] : ['the paused session resumes']),
  },
  {
    route: 'GET /admin/users/:userId/suspension',
    as: 'admin',
    path: '/admin/users/{teamUser}/suspension',
    status: 200,
    says: (body: Json<UserSuspensionRecord>) =>
      body.suspension === null ? [] : ['a resumed person is no longer suspended'],
  },
];

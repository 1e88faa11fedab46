import type { AdminSessionDetailsRecord } from '../httpShapes.js';
import type { Json } from '../jsonShape.js';
import { POLICY_FIELDS } from '../rolePolicies.js';
import type { HttpContractCase } from './httpContractTypes.js';

/**
 * Role policies in the contract: a bad override is refused naming the role's field, and one session of the
 * account in full carries its owner's effective policy with a source for every field. Needs `teamSession`.
 */
export const ROLE_POLICY_CASES: readonly HttpContractCase[] = [
  {
    route: 'PUT /policy',
    as: 'admin',
    path: '/policy',
    body: { roles: { admin: { idleTimeout: { value: 0, unit: 'minutes' } } } },
    status: 400,
    error: 'invalid_input',
    field: 'roles.admin.idleTimeout.value',
  },
  {
    route: 'PUT /policy',
    as: 'admin',
    path: '/policy',
    body: { roles: { admin: { retention: { endedSessionDays: 1 } } } },
    status: 400,
    error: 'invalid_input',
    field: 'roles.admin.retention',
  },
  {
    route: 'GET /admin/sessions/:id',
    as: 'admin',
    path: '/admin/sessions/{teamSession}',
    status: 200,
    says: (body: Json<AdminSessionDetailsRecord>, found) => [
      ...(body.id === found.teamSession ? [] : [`answers the session asked for, got ${body.id}`]),
      ...POLICY_FIELDS.filter((f) => !body.effectivePolicy.sources[f]).map((f) => `no source for ${f}`),
    ],
  },
  {
    route: 'GET /admin/sessions/:id',
    as: 'admin',
    path: '/admin/sessions/ses_not_there',
    status: 404,
    error: 'not_found',
  },
  {
    route: 'GET /admin/sessions/:id',
    as: 'person',
    path: '/admin/sessions/{teamSession}',
    status: 403,
    error: 'forbidden',
  },
];

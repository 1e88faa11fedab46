import type { AccessAnswer } from '../access.js';
import type { Json } from '../jsonShape.js';
import type { Found, HttpContractCase } from './httpContractTypes.js';

/** What each caller may do, as GET /me/access tells the client; a part of HTTP_CONTRACT. */
export const ACCESS_CASES: readonly HttpContractCase[] = [
  {
    route: 'GET /me/access',
    as: 'person',
    path: '/me/access',
    status: 200,
    says: (body: Json<AccessAnswer>) =>
      body.actions.manage_own && !body.actions.admin && body.target === undefined
        ? []
        : ['a person manages their own sessions and is no administrator'],
  },
  {
    route: 'GET /me/access',
    as: 'admin',
    path: '/me/access?userId={teamUser}',
    status: 200,
    says: (body: Json<AccessAnswer>, found: Found) =>
      body.actions.admin && body.target?.userId === found.teamUser && body.target.actions.admin
        ? []
        : ['an administrator may act on a user who is not a super user'],
  },
  {
    route: 'GET /me/access',
    as: 'admin',
    path: '/me/access?userId={superUser}',
    status: 200,
    says: (body: Json<AccessAnswer>) =>
      body.actions.admin && body.target?.actions.admin === false
        ? []
        : ['an administrator who is not a super user may not act on a super user'],
  },
  { route: 'GET /me/access', as: 'anonymous', path: '/me/access', status: 401, error: 'unauthenticated' },
  {
    route: 'GET /me/access',
    as: 'person',
    path: '/me/access?userId=a&userId=b',
    status: 400,
    error: 'invalid_input',
    field: 'userId',
  },
];

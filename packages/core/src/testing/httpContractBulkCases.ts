import type { BulkRevokePreview, BulkRevokeResult } from '../bulkShapes.js';
import type { Json } from '../jsonShape.js';
import type { Found, HttpContractCase } from './httpContractTypes.js';

const ids = (people: { userId: string }[]) => people.map((p) => p.userId);

/**
 * Bulk force logout: the preview names the super user apart as refused for an administrator who is not one,
 * the action refuses them and bad input, then forces a fourth user out.
 */
export const BULK_CASES: readonly HttpContractCase[] = [
  {
    // Everyone signed in, as the caller may force them out: the caller's own account is left out, super users
    // are refused. The fourth user is picked from here, so it is never the administrator.
    route: 'POST /admin/bulk-force-logout/preview',
    as: 'admin',
    path: '/admin/bulk-force-logout/preview',
    body: { filter: {} },
    status: 200,
    says: (body: Json<BulkRevokePreview>) => [
      ...(body.selfExcluded ? [] : ['the administrator is signed in, and left out of their own action']),
      ...(body.refused.every((p) => p.superUser) && body.refused.length > 0
        ? []
        : ['the signed-in super user is refused to an administrator who is not one']),
      ...(body.superUsers.length === 0 ? [] : ['no super user is among the people']),
    ],
    keep: (body: Json<BulkRevokePreview>, found) => {
      const other = body.people.find((p) => p.userId !== found.person && p.userId !== found.teamUser);
      if (!other)
        throw new Error('the contract’s account has no fourth signed-in user who is not a super user');
      found.bulkUser = other.userId;
    },
  },
  {
    route: 'POST /admin/bulk-force-logout/preview',
    as: 'admin',
    path: '/admin/bulk-force-logout/preview',
    body: (found: Found) => ({ userIds: [found.bulkUser, found.superUser] }),
    status: 200,
    says: (body: Json<BulkRevokePreview>, found: Found) => [
      ...(ids(body.people).join() === found.bulkUser ? [] : [`people: ${ids(body.people).join()}`]),
      ...(ids(body.refused).join() === found.superUser
        ? []
        : ['the super user is refused to a non-super admin']),
      ...(body.sessions >= 1 ? [] : ['the team user’s sessions are counted']),
    ],
  },
  {
    route: 'POST /admin/bulk-force-logout/preview',
    as: 'person',
    path: '/admin/bulk-force-logout/preview',
    body: { filter: {} },
    status: 403,
    error: 'forbidden',
  },
  {
    route: 'POST /admin/bulk-force-logout/preview',
    as: 'admin',
    path: '/admin/bulk-force-logout/preview',
    body: { filter: { q: 'x' }, userIds: ['u_x'] },
    status: 400,
    error: 'invalid_input',
    field: 'userIds',
  },
  {
    route: 'POST /admin/bulk-force-logout',
    as: 'admin',
    path: '/admin/bulk-force-logout',
    body: (found: Found) => ({ userIds: [found.bulkUser, found.superUser], reason: 'Contract' }),
    status: 403,
    error: 'forbidden',
    field: 'userIds',
  },
  {
    route: 'POST /admin/bulk-force-logout',
    as: 'admin',
    path: '/admin/bulk-force-logout',
    body: (found: Found) => ({ userIds: [found.bulkUser] }),
    status: 400,
    error: 'invalid_input',
    field: 'reason',
  },
  {
    route: 'POST /admin/bulk-force-logout',
    as: 'admin',
    path: '/admin/bulk-force-logout',
    body: { reason: 'Contract' },
    status: 400,
    error: 'invalid_input',
    field: 'userIds',
  },
  {
    route: 'POST /admin/bulk-force-logout',
    as: 'admin',
    path: '/admin/bulk-force-logout',
    body: (found: Found) => ({ userIds: [found.bulkUser], reason: 'Contract' }),
    status: 200,
    says: (body: Json<BulkRevokeResult>) =>
      body.people === 1 && body.ended >= 1 && body.bulkId.length > 0
        ? []
        : [`expected one person forced out, got ${JSON.stringify(body)}`],
  },
];

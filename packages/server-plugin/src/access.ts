import type { DirectoryUser } from '@sessionkit/core';

/**
 * What a request wants to do, as the authorization hook sees it:
 * - `manage_own`: the user's own sessions, apps and push registrations;
 * - `read_policy`: read the account's policy (any signed-in user);
 * - `admin`: every session of the account, the policy, API keys and the audit trail;
 * - `act_on_behalf`: another user's authorized apps and login statistics.
 */
export type AccessAction = 'manage_own' | 'read_policy' | 'admin' | 'act_on_behalf';

export interface AccessRequest {
  action: AccessAction;
  tenantId: string;
  /** The signed-in user's id. */
  actorId: string;
  /** The signed-in user as the host's directory describes them; null when the directory doesn't know them. */
  actor: DirectoryUser | null;
  /** The user acted on, when the route names one (admin and act-on-behalf routes). */
  target?: DirectoryUser | null;
}

/** The host's rule. Answer false to refuse with 403. */
export type AuthorizeHook = (request: AccessRequest) => boolean | Promise<boolean>;

export const ADMIN_PERMISSION = 'sessions:admin';
export const ACT_ON_BEHALF_PERMISSION = 'sessions:act_on_behalf';

/** Role `admin`, a super user, or the `sessions:admin` permission. */
export function isSessionAdmin(user: DirectoryUser | null): boolean {
  if (!user || user.active === false) return false;
  return user.role === 'admin' || user.superUser === true || hasPermission(user, ADMIN_PERMISSION);
}

/**
 * The default rule: people manage their own sessions; administrators manage everyone's; acting on behalf of a
 * user needs admin or `sessions:act_on_behalf`; and only super users act on super users.
 */
export const defaultAuthorize: AuthorizeHook = ({ action, actor, actorId, target }) => {
  if (action === 'manage_own' || action === 'read_policy') return true;
  if (target && target.id !== actorId && target.superUser === true && actor?.superUser !== true) return false;
  if (action === 'admin') return isSessionAdmin(actor);
  return isSessionAdmin(actor) || (actor?.active !== false && hasPermission(actor, ACT_ON_BEHALF_PERMISSION));
};

function hasPermission(user: DirectoryUser | null, permission: string): boolean {
  return user?.permissions?.includes(permission) === true;
}

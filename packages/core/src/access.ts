import type { DirectoryUser } from './userDirectory.js';

/**
 * What a request wants to do, as the authorization hook sees it:
 * - `manage_own`: the user's own sessions, apps and push registrations;
 * - `read_policy`: read the account's policy (any signed-in user);
 * - `admin`: every session of the account, the policy, API keys and the audit trail;
 * - `act_on_behalf`: another user's authorized apps and login statistics.
 */
export type AccessAction = 'manage_own' | 'read_policy' | 'admin' | 'act_on_behalf';

/** Every action, in the order the access answer lists them. */
export const ACCESS_ACTIONS: readonly AccessAction[] = [
  'manage_own',
  'read_policy',
  'admin',
  'act_on_behalf',
];

/** The actions a route may take on one user (a force logout, another user's apps): the hook sees the target. */
export type TargetAction = 'admin' | 'act_on_behalf';

/** Who asks: the signed-in user, in their account. */
export interface AccessCaller {
  tenantId: string;
  /** The signed-in user's id. */
  actorId: string;
  /** The signed-in user as the host's directory describes them; null when the directory doesn't know them. */
  actor: DirectoryUser | null;
}

export interface AccessRequest extends AccessCaller {
  action: AccessAction;
  /** The user acted on, when the route names one (admin and act-on-behalf routes); null when unknown. */
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

/**
 * What the caller may do, as `GET /me/access` answers: the hook's answer for every action, and with a target
 * its answer for each action a route takes on that user. A client hides what the server would refuse from
 * this, so it never holds a rule of its own.
 */
export interface AccessAnswer {
  actions: Record<AccessAction, boolean>;
  /** Present when the question named a user. */
  target?: { userId: string; actions: Record<TargetAction, boolean> };
}

/**
 * Asks the host's hook every question the routes would ask, so the answer is the routes' own. On a target,
 * `admin` is the hook's answer without the target and with it (the admin routes ask both: may they act on the
 * account, then on this user), `act_on_behalf` its answer with it. An unknown target is `null` to the hook, as it
 * is to the routes. A hook that throws fails the whole answer rather than passing for a refusal.
 */
export async function answerAccess(
  authorize: AuthorizeHook,
  caller: AccessCaller,
  target?: { userId: string; user: DirectoryUser | null },
): Promise<AccessAnswer> {
  // Truthiness, as the routes read the hook's answer.
  const ask = async (action: AccessAction, on?: DirectoryUser | null) =>
    Boolean(await authorize({ ...caller, action, ...(on !== undefined ? { target: on } : {}) }));
  const [own, adminOn, actOn] = await Promise.all([
    Promise.all(ACCESS_ACTIONS.map((action) => ask(action))),
    target ? ask('admin', target.user) : false,
    target ? ask('act_on_behalf', target.user) : false,
  ]);
  const actions = Object.fromEntries(ACCESS_ACTIONS.map((a, i) => [a, own[i]])) as AccessAnswer['actions'];
  if (!target) return { actions };
  return {
    actions,
    target: { userId: target.userId, actions: { admin: actions.admin && adminOn, act_on_behalf: actOn } },
  };
}

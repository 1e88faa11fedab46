import type { AccessControlProvider } from '@refinedev/core';
import { SESSIONKIT_ACCESS } from '@sessionkit/ui-components';
import { fetchMe } from './identity';

type Right = 'anyone' | 'admin' | 'actOnBehalf';

const key = (a: { resource: string; action: string }) => `${a.resource}:${a.action}`;

/**
 * Who may do what, from `/auth/me`. The server enforces the same rules (and the super-user rule) and answers
 * 403; this only hides what would be refused. Unlisted pairs are allowed: the kit's own routes decide.
 */
const RULES = new Map<string, Right>([
  [key(SESSIONKIT_ACCESS.signOutSession), 'anyone'],
  [key(SESSIONKIT_ACCESS.signOutOtherSessions), 'anyone'],
  [key(SESSIONKIT_ACCESS.removePushRegistration), 'anyone'],
  [key(SESSIONKIT_ACCESS.viewTeam), 'admin'],
  [key(SESSIONKIT_ACCESS.forceLogout), 'admin'],
  [key(SESSIONKIT_ACCESS.signOutTeam), 'admin'],
  [key(SESSIONKIT_ACCESS.editPolicy), 'admin'],
  [key(SESSIONKIT_ACCESS.viewApiKeys), 'admin'],
  [key(SESSIONKIT_ACCESS.viewAuditLog), 'admin'],
  [key(SESSIONKIT_ACCESS.viewLoginStats), 'actOnBehalf'],
  // The demo's own screens (Refine resources in App.tsx).
  ['login-management:list', 'admin'],
  ['people:list', 'actOnBehalf'],
  ['people:show', 'actOnBehalf'],
  ['session-policy:list', 'admin'],
  ['api-keys:list', 'admin'],
  ['audit-log:list', 'admin'],
]);

let superUsers: Promise<Set<string>> | null = null;

/** Who the super users are, from the host's people API (asked once, and only for administrators). */
function superUserIds(): Promise<Set<string>> {
  superUsers ??= fetch('/api/directory/users', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ id: string; superUser: boolean }[]>) : []))
    .then((people) => new Set(people.filter((p) => p.superUser).map((p) => p.id)))
    .catch(() => {
      superUsers = null;
      return new Set<string>();
    });
  return superUsers;
}

export const accessControlProvider: AccessControlProvider = {
  async can({ resource, action, params }) {
    const me = await fetchMe();
    if (me.status !== 'signed_in') return { can: false, reason: 'Sign in first' };
    const { admin, actOnBehalf } = me.identity.permissions;
    let right = RULES.get(`${resource}:${action}`) ?? 'anyone';
    // Removing another person's app needs the act-on-behalf right; one's own needs nothing.
    const target = (params as { userId?: string } | undefined)?.userId;
    if (resource === SESSIONKIT_ACCESS.revokeApp.resource && target && target !== me.identity.id)
      right = 'actOnBehalf';
    if (right === 'admin' && !admin) return { can: false, reason: 'Administrators only' };
    // Only a super user may force a super user out (the server refuses it too).
    const forceTarget = (params as { id?: string } | undefined)?.id;
    if (
      resource === SESSIONKIT_ACCESS.forceLogout.resource &&
      action === SESSIONKIT_ACCESS.forceLogout.action &&
      forceTarget &&
      !me.identity.superUser &&
      (await superUserIds()).has(forceTarget)
    ) {
      return { can: false, reason: 'Only a super user can sign out a super user' };
    }
    if (right === 'actOnBehalf' && !(actOnBehalf || admin)) {
      return { can: false, reason: 'Needs the right to act on behalf of other users' };
    }
    return { can: true };
  },
  options: { buttons: { enableAccessControl: true, hideIfUnauthorized: true } },
};

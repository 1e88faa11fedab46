import type { AccessAnswer } from '@sessionkit/core';
import { SessionKitError, answerAccess } from '@sessionkit/core';
import type { KitInternals, SessionKitRequestContext } from './kitContext.js';

/**
 * What the signed-in caller may do, and with `targetId` what they may do to that user, by the host's hook: the
 * answer of `GET /me/access` and of `kit.access(req)` alike. The target is looked up in the caller's account only.
 */
export async function accessOf(
  kit: Pick<KitInternals, 'authorize' | 'directory'>,
  context: SessionKitRequestContext,
  targetId?: string,
): Promise<AccessAnswer> {
  if (context.userId === null)
    throw new SessionKitError('forbidden', 'an account-level API key acts for nobody in particular');
  const caller = { tenantId: context.tenantId, actorId: context.userId, actor: context.user };
  if (targetId === undefined) return answerAccess(kit.authorize, caller);
  const user = (await kit.directory.getUsers(context.tenantId, [targetId]))[0] ?? null;
  return answerAccess(kit.authorize, caller, { userId: targetId, user });
}

import type { Actor } from './audit.js';
import type { Admission } from './admission.js';
import type { Clock } from './clock.js';
import type { Endings } from './endings.js';
import type { SessionPolicy } from './policy.js';
import type { Session } from './session.js';
import type { Suspensions } from './suspension.js';
import { hashSecret, newSecret, newSessionId } from './tokens.js';

/**
 * A password change's rotation: the current session ends and a replacement on the same device takes its
 * place with a new secret, so a secret that may have leaked with the old password stops working.
 */
export async function rotateSession(
  current: Session,
  policy: SessionPolicy,
  actor: Actor,
  d: { clock: Clock; endings: Endings; admission: Admission; suspensions: Pick<Suspensions, 'markArrivals'> },
): Promise<{ session: Session; secret: string } | null> {
  const now = d.clock.now();
  const secret = newSecret();
  const replacement: Session = {
    ...structuredClone(current),
    id: newSessionId(),
    tokenHash: hashSecret(secret),
    ip: current.lastIp,
    createdAt: now,
    lastSeenAt: now,
    activity: { actions: 0, lastPath: null },
    slot: null,
  };
  await d.endings.end(current, 'password_changed', actor);
  const result = await d.admission.admit(replacement, secret, policy, []);
  if (result.status !== 'issued') return null;
  await d.suspensions.markArrivals([result.session]);
  return { session: result.session, secret };
}

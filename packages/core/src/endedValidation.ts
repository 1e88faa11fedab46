import type { Validation } from './serviceTypes.js';
import type { SessionEnd } from './store.js';

/** How `validate` answers a request on a session that ended: why, and the words whoever ended it gave. */
export function endedValidation(end: SessionEnd): Validation {
  return {
    status: 'ended',
    reason: end.endReason,
    note: end.note,
    sessionId: end.id,
    userId: end.userId,
    tenantId: end.tenantId,
  };
}

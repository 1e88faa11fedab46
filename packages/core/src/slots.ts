import type { Session } from './session.js';
import { compareStrings } from './storeSupport.js';

// The small pieces of the concurrent limit's slot bookkeeping.

/**
 * A short random wait between contended slot attempts (real time: it spaces out database round trips, it
 * decides nothing), growing with the attempt up to 50 ms.
 */
export function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 5 + attempt * 5);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function slotKey(session: Pick<Session, 'tenantId' | 'userId'>, slot: number) {
  return { tenantId: session.tenantId, userId: session.userId, slot };
}

export function oldestFirst<S extends Pick<Session, 'createdAt' | 'id'>>(sessions: readonly S[]): S[] {
  return [...sessions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.id, b.id),
  );
}

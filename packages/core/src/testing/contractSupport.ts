import { hashSecret } from '../tokens.js';
import type { SessionRef, SessionStore } from '../store.js';

export interface StoreContractOptions {
  /** A fresh, empty store for each test. */
  makeStore: () => Promise<SessionStore> | SessionStore;
  /** Runs once after the suite (close connections, stop servers). */
  teardown?: () => Promise<void> | void;
  /** Parallel logins in the race tests. Default 25. */
  raceSize?: number;
  /** Rounds of the revoke-against-requests race. Default 20. */
  raceRounds?: number;
}

export const T0 = new Date('2026-01-15T09:00:00.000Z');
export const holder = (sessionId: string) => ({ sessionId, tokenHash: hashSecret(sessionId) });
export const at = (ms: number) => new Date(T0.getTime() + ms);
export const aSessionRef = (id: string, session: SessionRef | null): SessionRef => {
  if (!session) throw new Error(`no session ${id}`);
  return { id, tokenHash: session.tokenHash, tenantId: session.tenantId, userId: session.userId };
};

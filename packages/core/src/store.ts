import type { AuditAction, AuditEvent } from './audit.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from './credentials.js';
import type { SessionPolicy } from './policy.js';
import type { EndReason, Session, SessionStatus } from './session.js';

export interface Page<T> {
  items: T[];
  total: number;
}

export type SortOrder = 'asc' | 'desc';

export interface SessionQuery {
  tenantId: string;
  userId?: string;
  status?: SessionStatus;
  /** Only sessions seen at or after this time (the "last 7 days" view). */
  seenSince?: Date;
  /** Default: `createdAt` descending. Ties are broken by `id` in the same order, so paging is stable. */
  sort?: { field: 'createdAt' | 'lastSeenAt' | 'endedAt'; order: SortOrder };
  offset?: number;
  /** Default: no limit. */
  limit?: number;
}

export interface AuditQuery {
  tenantId: string;
  /** Events where this user is the target or the actor. */
  userId?: string;
  actions?: readonly AuditAction[];
  from?: Date;
  /** Exclusive. */
  to?: Date;
  offset?: number;
  limit?: number;
}

export interface TouchPatch {
  lastSeenAt: Date;
  lastIp: string;
  /** Added to `activity.actions`. */
  addActions: number;
  lastPath: string | null;
}

export interface Ending {
  endedAt: Date;
  endReason: EndReason;
  endedBy: string | null;
  /** Stored as the session's `endNote`; none when absent. */
  note?: string | null;
}

/** One user's active sessions, folded: what the admin team view shows per row. */
export interface UserSessionSummary {
  userId: string;
  activeSessions: number;
  /** Newest `createdAt` among the active sessions. */
  lastLoginAt: Date;
  /** The `ip` of that newest session. */
  lastLoginIp: string;
  /** Newest `lastSeenAt` among the active sessions. */
  lastActiveAt: Date;
}

export interface SlotKey {
  tenantId: string;
  userId: string;
  slot: number;
}

export interface SlotHolder {
  slot: number;
  sessionId: string;
  claimedAt: Date;
}

/**
 * All persistence the kit does goes through this port. The memory store and the Mongo store pass the same
 * contract suite (`@sessionkit/core/testing`); a new store is correct when it does too.
 *
 * Stores throw `SessionKitError('store_unavailable')` when the backend can't be reached, so the server can
 * answer 503 instead of signing anyone out.
 */
export interface SessionStore {
  /** Fails with `invalid_input` when the token hash or id is taken. */
  insertSession(session: Session): Promise<void>;
  /** The per-request read: must be one lookup by a unique key. */
  findSessionByTokenHash(tokenHash: string): Promise<Session | null>;
  findSessionById(tenantId: string, id: string): Promise<Session | null>;
  listSessions(query: SessionQuery): Promise<Page<Session>>;
  /** Records activity on an active session; ignores ended or unknown ones. */
  touchSession(tokenHash: string, patch: TouchPatch): Promise<void>;
  /**
   * Ends one active session. Answers the ended session, or null when it was unknown or had already ended,
   * so a repeated revoke never reports success twice.
   */
  endSession(tokenHash: string, ending: Ending): Promise<Session | null>;
  /** Removes sessions of a tenant that ended before `endedBefore`; answers how many. */
  deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number>;
  /** Tenants that have sessions, for the retention sweeper. */
  listTenantIds(): Promise<string[]>;
  summarizeActiveSessions(tenantId: string): Promise<UserSessionSummary[]>;

  /** Atomically claims a concurrency slot: true when this call took it, false when it was held. */
  claimSlot(key: SlotKey, sessionId: string, claimedAt: Date): Promise<boolean>;
  /** Frees a slot only if `sessionId` still holds it. */
  releaseSlot(key: SlotKey, sessionId: string): Promise<void>;
  listSlots(tenantId: string, userId: string): Promise<SlotHolder[]>;

  getPolicy(tenantId: string): Promise<SessionPolicy | null>;
  savePolicy(tenantId: string, policy: SessionPolicy): Promise<void>;

  appendAuditEvent(event: AuditEvent): Promise<void>;
  /** Newest first (`at` descending, then `id` descending). */
  listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>>;

  insertAuthorizedApp(app: AuthorizedApp): Promise<void>;
  /** Newest first. */
  listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]>;
  /** Answers the removed app, or null when that user has no such app. */
  deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null>;

  insertPushRegistration(registration: PushRegistration): Promise<void>;
  listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]>;
  deletePushRegistration(tenantId: string, userId: string, id: string): Promise<PushRegistration | null>;

  insertApiKey(key: ApiKey): Promise<void>;
  /** Newest first. */
  listApiKeys(tenantId: string): Promise<ApiKey[]>;
  findApiKeyByHash(keyHash: string): Promise<ApiKey | null>;
  /** Counts one request in the key's hourly bucket and moves `lastUsedAt`. Counting may be approximate under races. */
  recordApiKeyUse(tenantId: string, keyId: string, at: Date): Promise<void>;
  /** Requests per key id in hourly buckets starting at or after `since`. */
  countApiKeyRequests(tenantId: string, keyIds: readonly string[], since: Date): Promise<Map<string, number>>;
}

import type { AuditAction, AuditEvent } from './audit.js';
import type { DeviceStore } from './deviceStore.js';
import type { ApiKey, AuthorizedApp, PushRegistration } from './credentials.js';
import type { SessionPolicy } from './policy.js';
import type { EndReason, Session, SessionActivity, SessionKind, SessionStatus } from './session.js';
import type { SuspensionMark, SuspensionStore } from './suspensionTypes.js';

export interface Page<T> {
  items: T[];
  total: number;
}

export type SortOrder = 'asc' | 'desc';

export interface SessionQuery {
  tenantId: string;
  userId?: string;
  /** Sessions of any of these users (the people on an admin page). */
  userIds?: readonly string[];
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
  /** Events where any of these users is the target or the actor (with `userId`, both must hold). */
  userIds?: readonly string[];
  actions?: readonly AuditAction[];
  /** The events of one bulk action (`details.bulkId`): the action and one event per person. */
  bulkId?: string;
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

/** The team view's query: signed-in users, one row each. */
export interface ActiveUsersQuery {
  tenantId: string;
  /** Only these users (a name filter the host's directory resolved). */
  userIds?: readonly string[];
  /** Not these users (everyone but the super users). */
  excludeUserIds?: readonly string[];
  /** Default: `lastActiveAt` descending. Ties are broken by `userId` in the same order, so paging is stable. */
  sort?: { field: 'lastActiveAt' | 'lastLoginAt' | 'activeSessions'; order: SortOrder };
  offset?: number;
  /** Default: no limit. */
  limit?: number;
}

/** The summary cards' figures. */
export interface ActiveCounts {
  /** People with at least one active session. */
  users: number;
  sessions: number;
}

/**
 * The part of a session the per-request check reads, and the only part that changes while it is active
 * (last seen, last IP, activity). Stores keep it in a document of its own, keyed by the token hash, that is
 * deleted when the session ends: a late activity write then finds nothing to write to, so it can never undo
 * an end, and the document stays small for the hot read.
 */
export interface LiveSession {
  id: string;
  tokenHash: string;
  userId: string;
  tenantId: string;
  kind: SessionKind;
  /** The IP the session was opened from. */
  ip: string;
  lastIp: string;
  createdAt: Date;
  lastSeenAt: Date;
  rememberMe: boolean;
  activity: SessionActivity;
  slot: number | null;
  /** Set once the owner's sessions were suspended (see suspension.ts); absent otherwise. */
  suspension?: SuspensionMark | null;
}

/** Which session an ending is for: enough to end it even before its live document exists. */
export interface SessionRef {
  id: string;
  tokenHash: string;
  tenantId: string;
  userId: string;
}

/** How a session ended, kept by token hash so that its next request can be told why. */
export interface SessionEnd extends SessionRef {
  endedAt: Date;
  endReason: EndReason;
  endedBy: string | null;
  note: string | null;
}

export interface SlotKey {
  tenantId: string;
  userId: string;
  slot: number;
}

export interface SlotHolder {
  slot: number;
  sessionId: string;
  /** The holder's token hash, so that a login can end the holder it evicts. */
  tokenHash: string;
  claimedAt: Date;
}

/** Sessions as they live and end: what logins, every request, the limit and the sweeper use. */
export interface LifecycleStore {
  /**
   * Stores a new session. An active one gets its live document; an ended one (an import) its end record.
   * Fails with `invalid_input` when the token hash or id is taken.
   */
  insertSession(session: Session): Promise<void>;
  /**
   * Imports many sessions at once (a migration, a seed): the same rules as `insertSession`, in bulk.
   * Fails with `invalid_input` on a taken token hash or id; the sessions before it may be stored.
   */
  insertSessions(sessions: readonly Session[]): Promise<void>;
  /** The per-request read: one lookup by the token hash, of the live document only. Null once ended. */
  findLiveSession(tokenHash: string): Promise<LiveSession | null>;
  /** How the session behind this token hash ended, or null when it is unknown (or still active). */
  findSessionEnd(tokenHash: string): Promise<SessionEnd | null>;
  findSessionById(tenantId: string, id: string): Promise<Session | null>;
  /** One user's active sessions in their lean form, oldest first: what the concurrent limit counts. */
  listLiveSessions(tenantId: string, userId: string): Promise<LiveSession[]>;
  /**
   * Records activity on an active session, by its live document alone; does nothing once it ended (never
   * recreates it). Two touches racing may lose one's action count, never a rule.
   */
  touchSession(tokenHash: string, patch: TouchPatch): Promise<void>;
  /** Moves an active session to another slot (when a lowered limit re-packs a user's sessions). */
  setSessionSlot(tokenHash: string, slot: number | null): Promise<void>;
  /**
   * Ends one session exactly once, whatever races it: answers the ended session to the one call that ended
   * it, and null to every other (already ended, or unknown). From the moment it answers, the session's live
   * document is gone, so the next request is refused. Works for a session whose live document does not exist
   * yet (a login still in flight): that login then finds the end with `findSessionEnd` and gives up.
   */
  endSession(ref: SessionRef, ending: Ending): Promise<Session | null>;
  /** Removes sessions of a tenant that ended before `endedBefore` (records and end records); answers how many. */
  deleteEndedSessions(tenantId: string, endedBefore: Date): Promise<number>;
  /** Tenants that have sessions, for the retention sweeper. */
  listTenantIds(): Promise<string[]>;
  /**
   * Active sessions that lapsed (last seen before `idleBefore`, or created before `createdBefore` — checked by
   * the caller against each session's own lifetime), at most `limit`: how the sweeper works in bounded batches.
   */
  listLapseCandidates(
    tenantId: string,
    bounds: { idleBefore: Date | null; createdBefore: Date },
    limit: number,
  ): Promise<LiveSession[]>;

  /** Atomically claims a concurrency slot: true when this call took it, false when it was held. */
  claimSlot(
    key: SlotKey,
    holder: { sessionId: string; tokenHash: string },
    claimedAt: Date,
  ): Promise<boolean>;
  /** Frees a slot only if `sessionId` still holds it. */
  releaseSlot(key: SlotKey, sessionId: string): Promise<void>;
  listSlots(tenantId: string, userId: string): Promise<SlotHolder[]>;

  getPolicy(tenantId: string): Promise<SessionPolicy | null>;
  savePolicy(tenantId: string, policy: SessionPolicy): Promise<void>;

  /** The trail every ending, login and change writes to. */
  appendAuditEvent(event: AuditEvent): Promise<void>;
}

/** What the admin and account views read: lists, the team view's rows, the cards, the audit trail. */
export interface AdminViewStore {
  listSessions(query: SessionQuery): Promise<Page<Session>>;
  /** How many people are signed in and how many sessions they hold: the summary cards. */
  countActiveSessions(tenantId: string): Promise<ActiveCounts>;
  /**
   * Signed-in users folded one row per user, filtered, sorted and paged: the team view. The first page by
   * last activity must not cost a fold of every session (the memory store keeps the rows as sessions come
   * and go; on MongoDB the newest-first index is walked until the page is full).
   */
  listActiveUsers(query: ActiveUsersQuery): Promise<Page<UserSessionSummary>>;
  /** Newest first (`at` descending, then `id` descending). */
  listAuditEvents(query: AuditQuery): Promise<Page<AuditEvent>>;
}

/** The credentials beside sessions: authorized apps, push registrations, API keys and their use. */
export interface CredentialStore {
  insertAuthorizedApp(app: AuthorizedApp): Promise<void>;
  /** Newest first. */
  listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]>;
  /** Answers the removed app, or null when that user has no such app. From then on its token finds nothing. */
  deleteAuthorizedApp(tenantId: string, userId: string, id: string): Promise<AuthorizedApp | null>;
  /** The per-request read of an app token: the app whose token has this hash, or null (removed, unknown). */
  findAuthorizedAppByHash(tokenHash: string): Promise<AuthorizedApp | null>;
  /**
   * Moves the app's `lastUsedAt` forward to `at` (never back); nothing for a removed app. Answers true when the
   * app had never been used: the caller audits a first use.
   */
  recordAuthorizedAppUse(tenantId: string, id: string, at: Date): Promise<boolean>;

  insertPushRegistration(registration: PushRegistration): Promise<void>;
  listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]>;
  deletePushRegistration(tenantId: string, userId: string, id: string): Promise<PushRegistration | null>;

  insertApiKey(key: ApiKey): Promise<void>;
  /** Newest first. */
  listApiKeys(tenantId: string): Promise<ApiKey[]>;
  /** The per-request read of an API key: the key (revoked or not) whose hash this is, or null. */
  findApiKeyByHash(keyHash: string): Promise<ApiKey | null>;
  findApiKeyById(tenantId: string, id: string): Promise<ApiKey | null>;
  /**
   * Sets `revokedAt` once: answers the revoked key, or null when it is unknown or already revoked. Two revokes
   * racing may both answer it on FerretDB (read-then-write updates): an extra audit line, never a live key.
   */
  revokeApiKey(tenantId: string, id: string, revokedAt: Date): Promise<ApiKey | null>;
  /**
   * Adds `count` requests (default 1) to the key's hourly bucket of `at` and moves `lastUsedAt` forward to `at`;
   * answers true when the key had never been used. Counts are exact as long as no `writer` (one per process;
   * default a shared one) records concurrently with itself: writers keep counters of their own, so instances
   * flushing at the same moment never race on one counter (FerretDB's updates are read-then-write).
   */
  recordApiKeyUse(
    tenantId: string,
    keyId: string,
    at: Date,
    options?: { count?: number; writer?: string },
  ): Promise<boolean>;
  /** Requests per key id in hourly buckets starting at or after `since`. */
  countApiKeyRequests(tenantId: string, keyIds: readonly string[], since: Date): Promise<Map<string, number>>;
}

/**
 * All persistence the kit does goes through this port. The memory store and the Mongo store pass the same
 * contract suite (`@sessionkit/core/testing`); a new store is correct when it does too.
 *
 * Stores throw `SessionKitError('store_unavailable')` when the backend can't be reached, so the server can
 * answer 503 instead of signing anyone out.
 */
export interface SessionStore
  extends LifecycleStore, AdminViewStore, CredentialStore, SuspensionStore, DeviceStore {}

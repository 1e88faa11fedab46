import type { Actor, AuditAction, AuditEvent } from './audit.js';
import type { Clock } from './clock.js';
import type { GeoResolver } from './geo.js';
import type { SignInAlertOptions } from './signInAlertTypes.js';
import type { SessionPolicy } from './policy.js';
import type { ClientInfo, EndReason, Location, Session, SessionKind, SessionStatus } from './session.js';
import type { LiveSession, SessionRef, SessionStore, SortOrder, UserSessionSummary } from './store.js';
import type { SuspendedValidation, SuspensionMark } from './suspensionTypes.js';
import type { UserDirectory } from './userDirectory.js';

// The shapes the session service takes and answers, apart from the service so that its parts share them.

export interface SessionServiceOptions {
  store: SessionStore;
  clock?: Clock;
  /** IP → place. Private ranges always read "Local network"; without a resolver other places are unknown. */
  geo?: GeoResolver | null;
  /** The host's users, for the admin views. Without one those views show ids only. */
  directory?: UserDirectory | null;
  /** The policy of a tenant that has not saved one (merged onto the kit's defaults). */
  policyDefaults?: unknown;
  /**
   * The most often a session's last-seen time is written. Default 60 s, and never more than 1/20 of the idle
   * timeout, so idle timeouts stay exact to within it.
   */
  touchIntervalMs?: number;
  /**
   * How long a tenant's policy is reused before it is read again. Default 5 s. The instance that saves a
   * policy sees it at once; other instances within this bound.
   */
  policyCacheMs?: number;
  /**
   * How long a user read from the directory is reused (for role policies, and the server's `authenticate`).
   * Default 5 s; 0 asks the directory every time. A person's new role reaches their requests within it.
   */
  directoryCacheMs?: number;
  /** The scopes an API key may carry, as the host names them. Default `read`, `write`. */
  apiKeyScopes?: readonly string[];
  /** The longest API-key and app-token use waits in memory before it is written. Default 10 s. */
  usageFlushIntervalMs?: number;
  /** Requests counted since the last write that start a write at once. Default 100. */
  usageFlushEvery?: number;
  /** Sign-in alerts (signInAlerts.ts): without these, sign-ins are not judged and no alert is raised. */
  signInAlerts?: SignInAlertOptions | null;
}

export interface IssueInput {
  tenantId: string;
  userId: string;
  ip: string;
  userAgent?: string | null;
  client?: ClientInfo;
  kind?: SessionKind;
  rememberMe?: boolean;
  /**
   * A credential the host already gave the client (its own session id, say) to adopt instead of minting one.
   * Only its hash is stored. Must carry at least 128 bits of entropy.
   */
  secret?: string;
  /**
   * One of the user's active sessions to end first: how a person who hit the limit under `deny_new`
   * chooses which session to give up (the host re-checks their password before passing it).
   */
  replaceSessionId?: string;
}

/**
 * A session that exists elsewhere (another session system being replaced, a seed), brought in as it is:
 * the person stays signed in. Device and place are resolved as at a login unless `location` is given.
 */
export interface ImportedSession extends Omit<IssueInput, 'replaceSessionId'> {
  /** Default: now. */
  createdAt?: Date;
  /** Default: `createdAt`. */
  lastSeenAt?: Date;
  /** The place, when the source system knew it; otherwise the geo resolver is asked. */
  location?: Location | null;
}

export interface ImportResult {
  /** One per imported session, in input order: the secret is what the client presents from now on. */
  sessions: { id: string; userId: string; secret: string }[];
  /** Sessions the tenant's concurrent limit ended at once (the oldest beyond it). */
  ended: number;
}

export type IssueResult =
  | { status: 'issued'; session: Session; secret: string; evicted: Session[] }
  | { status: 'limit_reached'; sessions: Session[]; max: number };

export type Validation =
  | { status: 'active'; session: LiveSession; policy: SessionPolicy }
  | {
      status: 'ended';
      reason: EndReason;
      /** The words whoever ended it gave (an administrator's reason), or null. */
      note: string | null;
      sessionId: string;
      userId: string;
      tenantId: string;
    }
  | SuspendedValidation
  | { status: 'unknown' };

export interface RequestInfo {
  ip?: string;
  /** The path of the request, kept as the session's last page. */
  path?: string;
  /**
   * Default true. False leaves the activity to the caller's own `touch`, for a request that may still be
   * refused after the session checks out (a missing CSRF header must not count as activity).
   */
  touch?: boolean;
}

export interface UserSessionsQuery {
  status?: SessionStatus | 'all';
  since?: Date;
  /** Listed first, and marked current. */
  currentSessionId?: string | null;
  /** Default: last seen, newest first. */
  sort?: { field: 'lastSeenAt' | 'createdAt'; order: SortOrder };
}

/** How a short list (apps, registrations, keys) is sorted and paged. Default: newest first, everything. */
export interface ListQuery<F extends string> {
  sort?: { field: F; order: SortOrder };
  offset?: number;
  limit?: number;
}

export interface AdminUsersQuery {
  q?: string;
  superUser?: boolean;
  sort?: 'name' | 'lastLoginAt' | 'lastActiveAt' | 'activeSessions' | 'department';
  order?: SortOrder;
  offset?: number;
  limit?: number;
}

export interface AdminUserRow extends UserSessionSummary {
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
}

export interface AdminSummary {
  activeUsers: number;
  activeSessions: number;
  /** Super users with at least one active session. */
  superUsers: number;
}

export interface LoginStatsDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  logins: number;
  logouts: number;
}

export interface LoginStats {
  from: Date;
  to: Date;
  logins: number;
  logouts: number;
  days: LoginStatsDay[];
}

export interface RevokeOptions {
  actor: Actor;
  /** Default `revoked`; a user ending their own current session is a `logout`. */
  endReason?: EndReason;
  /** Words an administrator gave, kept in the audit trail. */
  reason?: string | null;
  /** When set, a session of any other user is "not found", so ids can't be probed. */
  ownerId?: string;
  /**
   * Asked with the session found, before it ends: the caller's own check (may this administrator act on
   * its owner?). It throws to refuse; the session stays as it was.
   */
  check?: (session: Session) => Promise<void>;
}

export interface PasswordChangeResult {
  /** Sessions ended (the rotated current one not counted). */
  ended: number;
  /** The current session's replacement: same device, a new secret (only when asked to rotate). */
  rotated: { session: Session; secret: string } | null;
}

/** The fields a lapse is judged on. */
export type LapseFields = Pick<Session, 'createdAt' | 'lastSeenAt' | 'rememberMe'> & {
  /** A pause's mark: idle time counts from its end (see suspension.ts). */
  suspension?: Pick<SuspensionMark, 'until'> | null;
};

/** What the service's parts share: the store, the clock, the policy cache, and the one way to end and audit. */
export interface ServiceDeps {
  store: SessionStore;
  clock: Clock;
  directory: UserDirectory | null;
  getPolicy(tenantId: string, options?: { fresh?: boolean }): Promise<SessionPolicy>;
  /**
   * The policy each of these users' sessions live under: the account policy with their roles' overrides
   * (see `effectivePolicy`). One directory read for the users not cached, none when no role has an override.
   */
  policiesFor(
    tenantId: string,
    userIds: readonly string[],
    options?: { fresh?: boolean },
  ): Promise<Map<string, SessionPolicy>>;
  lapse(session: LapseFields, policy: SessionPolicy): 'expired' | 'idle_timeout' | null;
  end(
    session: SessionRef,
    endReason: EndReason,
    actor: Actor,
    reason?: string | null,
  ): Promise<Session | null>;
  audit(
    tenantId: string,
    action: AuditAction,
    actor: Actor,
    fields?: Partial<Pick<AuditEvent, 'targetUserId' | 'sessionId' | 'endReason' | 'reason' | 'details'>>,
  ): Promise<void>;
}

import type { Actor, AuditAction, AuditEvent } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { Admission } from './admission.js';
import { BulkRevoke } from './bulkRevoke.js';
import { AdminViews } from './adminViews.js';
import type { Clock } from './clock.js';
import { MINUTE, systemClock } from './clock.js';
import { ApiKeys } from './apiKeys.js';
import { CredentialService } from './credentialService.js';
import { CredentialUsage } from './credentialUsage.js';
import { DeviceNames } from './deviceNames.js';
import { SignInAlerts } from './signInAlerts.js';
import { PolicyCache } from './policyCache.js';
import { Endings } from './endings.js';
import { SessionKitError } from './errors.js';
import type { GeoResolver } from './geo.js';
import { normalizeIp, withLocalNetwork } from './geo.js';
import type { SessionPolicy } from './policy.js';
import { DEFAULT_POLICY, idleTimeoutMs, lifetimeMs } from './policy.js';
import { DirectoryCache } from './directoryCache.js';
import { parseAccountPolicy } from './rolePolicies.js';
import type {
  LapseFields,
  PasswordChangeResult,
  RequestInfo,
  ServiceDeps,
  SessionServiceOptions,
  Validation,
} from './serviceTypes.js';
import type { LiveSession, SessionStore } from './store.js';
import { Suspensions } from './suspension.js';
import { endedValidation } from './endedValidation.js';
import { rotateSession } from './rotateSession.js';
import { sweepStore } from './sweep.js';
import { changedFields, limitToEnforce } from './policyChanges.js';
import { PersonPolicies } from './personPolicies.js';
import { hashSecret, newPublicId } from './tokens.js';
import type { DirectoryUser, UserDirectory } from './userDirectory.js';

export type * from './serviceTypes.js';

const MAX_PENDING = 10_000;
// A changed IP is written at once (risk signals read it), but not more often than this per session.
const IP_WRITE_GAP_MS = 1_000;

interface PendingActivity {
  actions: number;
  lastPath: string | null;
  /** When this process last wrote (or started writing) the session's activity. */
  writtenAt: number;
}

/**
 * The session lifecycle: issue, validate (with touch), revoke, and the views built on them.
 * Framework-free; the server plugin translates HTTP into these calls.
 */
export class SessionService {
  readonly #store: SessionStore;
  readonly clock: Clock;
  readonly #geo: GeoResolver;
  readonly #directory: UserDirectory | null;
  readonly #defaults: SessionPolicy;
  readonly #touchIntervalMs: number;
  readonly #policies: PolicyCache;
  readonly #users: DirectoryCache;
  readonly #people: PersonPolicies;
  // Activity between coalesced writes, per token hash. Losing it on restart loses a few counted actions,
  // never a rule. It also remembers when this process last wrote, so that concurrent requests on one session
  // make one write per interval between them, not one each.
  readonly #pending = new Map<string, PendingActivity>();

  /** Revokes, force logouts and every other ending. */
  readonly endings: Endings;
  /** Logins, imports and the concurrent limit. */
  readonly admission: Admission;
  /** Lists, cards, statistics and the audit trail. */
  readonly views: AdminViews;
  /** Bulk force logout: several people, or everyone a team-view filter matches, with one reason. */
  readonly bulk: BulkRevoke;
  /** Authorized apps, push registrations, and checking app and key tokens. */
  readonly credentials: CredentialService;
  /** API keys: create, list with their use, revoke. */
  readonly apiKeys: ApiKeys;
  /** Pausing a person's sessions and resuming them (suspension.ts). */
  readonly suspensions: Suspensions;
  /** Credential use counted in memory, written in batches (`flush()` writes it now). */
  readonly usage: CredentialUsage;
  /** The names and trust people give their devices; alerts raised by risky sign-ins, and their answers. */
  readonly devices: DeviceNames;
  readonly alerts: SignInAlerts;

  constructor(options: SessionServiceOptions) {
    if (!options?.store) throw new SessionKitError('misconfigured', 'SessionService needs a `store`');
    this.#store = options.store;
    this.clock = options.clock ?? systemClock;
    this.#geo = withLocalNetwork(options.geo ?? null);
    this.#directory = options.directory ?? null;
    this.#defaults =
      options.policyDefaults === undefined ? DEFAULT_POLICY : parseAccountPolicy(options.policyDefaults);
    this.#touchIntervalMs = positive(options.touchIntervalMs ?? MINUTE, 'touchIntervalMs');
    this.#policies = new PolicyCache(
      this.#store,
      this.clock,
      options.policyCacheMs ?? 5_000,
      () => this.policyDefaults,
    );
    this.#users = new DirectoryCache(this.#directory, this.clock, options.directoryCacheMs ?? 5_000);
    this.#people = new PersonPolicies((tenantId, o) => this.getPolicy(tenantId, o), this.#users);
    const deps: ServiceDeps = {
      store: this.#store,
      clock: this.clock,
      directory: this.#directory,
      getPolicy: (tenantId, o) => this.getPolicy(tenantId, o),
      policiesFor: (tenantId, userIds, o) => this.policiesFor(tenantId, userIds, o),
      lapse: (session, policy) => this.lapse(session, policy),
      end: async (session, endReason, actor, reason) =>
        (await this.suspensions.spares(session, endReason))
          ? null
          : this.endings.end(session, endReason, actor, reason ?? null),
      audit: (tenantId, action, actor, fields) => this.#audit(tenantId, action, actor, fields),
    };
    this.devices = new DeviceNames(deps);
    this.alerts = new SignInAlerts(deps, this.devices, options.signInAlerts ?? null);
    this.endings = new Endings(deps, (tokenHash) => this.#pending.delete(tokenHash), this.devices.afterEnd);
    this.admission = new Admission(deps, this.#geo);
    this.views = new AdminViews(deps);
    this.bulk = new BulkRevoke(deps, this.endings, this.views);
    this.usage = new CredentialUsage(deps, options.usageFlushIntervalMs, options.usageFlushEvery);
    this.apiKeys = new ApiKeys(deps, this.usage, options.apiKeyScopes);
    this.credentials = new CredentialService(deps, this.usage);
    this.suspensions = new Suspensions(deps);
  }

  // The parts' operations, reachable here too: one object for hosts to hold.
  /**
   * A login: refused with `SessionSuspendedError` while the person is suspended (see suspension.ts), and
   * raising a sign-in alert when it looks risky.
   */
  issue: Admission['issue'] = (input) =>
    this.alerts.afterIssue(this.suspensions.admit(input, (i) => this.admission.issue(i)));
  suspend: Suspensions['suspend'] = (...a) => this.suspensions.suspend(...a);
  resume: Suspensions['resume'] = (...a) => this.suspensions.resume(...a);
  importSessions: Admission['importSessions'] = (...a) => this.admission.importSessions(...a);
  revoke: Endings['revoke'] = (...a) => this.endings.revoke(...a);
  endBySecret: Endings['endBySecret'] = (...a) => this.endings.endBySecret(...a);
  revokeOthers: Endings['revokeOthers'] = (...a) => this.endings.revokeOthers(...a);
  revokeAllForUser: Endings['revokeAllForUser'] = (...a) => this.endings.revokeAllForUser(...a);
  onUserDeactivated: Endings['onUserDeactivated'] = (...a) => this.endings.onUserDeactivated(...a);
  onUserReactivated: Endings['onUserReactivated'] = (...a) => this.endings.onUserReactivated(...a);
  listUserSessions: AdminViews['listUserSessions'] = (...a) => this.views.listUserSessions(...a);
  listOwnSessions: AdminViews['listOwnSessions'] = (...a) => this.views.listOwnSessions(...a);
  getUserSession: AdminViews['getUserSession'] = (...a) => this.views.getUserSession(...a);
  listSessions: AdminViews['listSessions'] = (...a) => this.views.listSessions(...a);
  listAccountSessions: AdminViews['listAccountSessions'] = (...a) => this.views.listAccountSessions(...a);
  riskSignalsFor: AdminViews['riskSignalsFor'] = (...a) => this.views.riskSignalsFor(...a);
  adminSummary: AdminViews['adminSummary'] = (...a) => this.views.adminSummary(...a);
  signedInSuperUserIds: AdminViews['signedInSuperUserIds'] = (...a) => this.views.signedInSuperUserIds(...a);
  adminUsers: AdminViews['adminUsers'] = (...a) => this.views.adminUsers(...a);
  loginStats: AdminViews['loginStats'] = (...a) => this.views.loginStats(...a);
  listAuditEvents: AdminViews['listAuditEvents'] = (...a) => this.views.listAuditEvents(...a);
  importCredentials: CredentialService['importCredentials'] = (...a) =>
    this.credentials.importCredentials(...a);
  listAuthorizedApps: CredentialService['listAuthorizedApps'] = (...a) =>
    this.credentials.listAuthorizedApps(...a);
  revokeAuthorizedApp: CredentialService['revokeAuthorizedApp'] = (...a) =>
    this.credentials.revokeAuthorizedApp(...a);
  listPushRegistrations: CredentialService['listPushRegistrations'] = (...a) =>
    this.credentials.listPushRegistrations(...a);
  removePushRegistration: CredentialService['removePushRegistration'] = (...a) =>
    this.credentials.removePushRegistration(...a);

  // ── Policy ───────────────────────────────────────────────────────────────────────────────────────────

  get policyDefaults(): SessionPolicy {
    return structuredClone(this.#defaults);
  }

  /** The tenant's policy, from a short cache (see `policyCacheMs`). */
  getPolicy(tenantId: string, options: { fresh?: boolean } = {}): Promise<SessionPolicy> {
    return this.#policies.get(tenantId, options);
  }

  /**
   * Validates and saves a policy with its role overrides (a partial update merges onto the current one; `roles`,
   * when given, replaces the overrides). Applies to every session at its next request: on this instance at
   * once, on others within `policyCacheMs`, role overrides included (they travel in the same document).
   */
  async updatePolicy(tenantId: string, input: unknown, actor: Actor): Promise<SessionPolicy> {
    const current = await this.getPolicy(tenantId, { fresh: true });
    const policy = parseAccountPolicy(input, current);
    await this.#store.savePolicy(tenantId, policy);
    this.#policies.saved(tenantId, policy);
    await this.#audit(tenantId, 'policy_updated', actor, { details: changedFields(current, policy) });
    const enforce = limitToEnforce(current, policy);
    if (enforce) await this.admission.enforceLimit(tenantId, enforce.policy);
    return policy;
  }

  /** A user from the host's directory, reused for `directoryCacheMs`; undefined when unknown or without one. */
  directoryUser(tenantId: string, userId: string): Promise<DirectoryUser | undefined> {
    return this.#users.get(tenantId, userId);
  }

  /**
   * The rules one person's sessions live under, with the source of each value (the account, or which role):
   * what a session's details show. Reads the person's roles from the directory only when a role has an override.
   */
  effectivePolicyFor: PersonPolicies['effectiveFor'] = (...a) => this.#people.effectiveFor(...a);
  /** The effective policy of each of these users: see `effectivePolicyFor`. */
  policiesFor: PersonPolicies['forUsers'] = (...a) => this.#people.forUsers(...a);

  // ── Validate and touch ───────────────────────────────────────────────────────────────────────────────

  /**
   * The per-request check: one read by token hash, the policy from cache, and a write only when the
   * coalescing interval has passed (or the session just ended).
   */
  async validate(secret: string, request: RequestInfo = {}): Promise<Validation> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512)
      return { status: 'unknown' };
    return this.validateHash(hashSecret(secret), request);
  }

  /** `validate` for a caller that holds only the hash (a host adopting its own session ids, say). */
  async validateHash(tokenHash: string, request: RequestInfo = {}): Promise<Validation> {
    const session = await this.#store.findLiveSession(tokenHash);
    if (!session) {
      // Not live: ended (say why, once per ended session's next request) or never known.
      const end = await this.#store.findSessionEnd(tokenHash);
      return end ? endedValidation(end) : { status: 'unknown' };
    }
    // The person's own rules: the account policy from cache and, only when a role has an override, their
    // roles from the directory cache. No store read beyond the policy cache's.
    const policy = await this.#people.for(session.tenantId, session.userId);
    const lapse = this.lapse(session, policy);
    if (lapse) {
      await this.endings.end(session, lapse, SYSTEM_ACTOR);
      const end = await this.#store.findSessionEnd(tokenHash);
      return end
        ? endedValidation(end)
        : {
            status: 'ended',
            reason: lapse,
            note: null,
            sessionId: session.id,
            userId: session.userId,
            tenantId: session.tenantId,
          };
    }
    const suspended = await this.suspensions.refuse(session);
    if (suspended) return suspended;
    if (request.touch !== false) await this.touch(session, policy, request);
    // Asked again: the touch may have found the mark lost to a racing write and written it again.
    return (await this.suspensions.refuse(session)) ?? { status: 'active', session, policy };
  }

  /** Why this session has lapsed under the policy now, or null while it may go on. */
  lapse(session: LapseFields, policy: SessionPolicy): 'expired' | 'idle_timeout' | null {
    const now = this.clock.now().getTime();
    if (now >= session.createdAt.getTime() + lifetimeMs(policy, session.rememberMe)) return 'expired';
    const idle = idleTimeoutMs(policy);
    // A pause doesn't count as idleness: the clock restarts where it ended (see suspension.ts).
    const seen = Math.max(session.lastSeenAt.getTime(), session.suspension?.until.getTime() ?? -Infinity);
    if (idle !== null && now - seen >= idle) return 'idle_timeout';
    return null;
  }

  /** The coalescing interval under a policy: small against the idle timeout. */
  touchIntervalMs(policy: SessionPolicy): number {
    const idle = idleTimeoutMs(policy);
    return idle === null
      ? this.#touchIntervalMs
      : Math.max(1_000, Math.min(this.#touchIntervalMs, Math.floor(idle / 20)));
  }

  /**
   * Counts a request on the session. Coalesce touches: a write per request would double the database load of
   * every host API call; idle timeouts stay accurate to within the touch interval.
   */
  async touch(session: LiveSession, policy: SessionPolicy, request: RequestInfo = {}): Promise<void> {
    const now = this.clock.now().getTime();
    const ip = request.ip ? normalizeIp(request.ip) : session.lastIp;
    let pending = this.#pending.get(session.tokenHash);
    if (!pending) {
      if (this.#pending.size >= MAX_PENDING) {
        const oldest = this.#pending.keys().next().value;
        if (oldest !== undefined) this.#pending.delete(oldest);
      }
      pending = { actions: 0, lastPath: null, writtenAt: -Infinity };
      this.#pending.set(session.tokenHash, pending);
    }
    pending.actions++;
    if (request.path) pending.lastPath = request.path.slice(0, 512);
    const written = Math.max(session.lastSeenAt.getTime(), pending.writtenAt);
    const due = now - written >= this.touchIntervalMs(policy);
    const moved = ip !== session.lastIp && now - pending.writtenAt >= IP_WRITE_GAP_MS;
    if (!due && !moved) return;
    // Claimed before the write is awaited, so requests arriving meanwhile on this session don't write too.
    const patch = {
      lastSeenAt: new Date(now),
      lastIp: ip,
      addActions: pending.actions,
      lastPath: pending.lastPath,
    };
    pending.actions = 0;
    pending.lastPath = null;
    pending.writtenAt = now;
    await this.#store.touchSession(session.tokenHash, patch);
    session.lastSeenAt = patch.lastSeenAt;
    session.lastIp = ip;
    session.activity.actions += patch.addActions;
    if (patch.lastPath) session.activity.lastPath = patch.lastPath;
    await this.suspensions.afterTouch(session);
  }

  /**
   * Signs out the whole account but the caller's current session. `spareSuperUsers` (for an administrator
   * who is not a super user) leaves every signed-in super user's sessions alone, as only super users act on
   * super users.
   */
  async revokeAllForTenant(
    tenantId: string,
    options: Parameters<Endings['revokeAllForTenant']>[1] & { spareSuperUsers?: boolean },
  ): Promise<number> {
    const { spareSuperUsers, ...rest } = options;
    const spared = spareSuperUsers ? await this.views.signedInSuperUserIds(tenantId) : [];
    return this.endings.revokeAllForTenant(tenantId, {
      ...rest,
      exceptUserIds: [...(rest.exceptUserIds ?? []), ...spared],
    });
  }

  /**
   * Call after a password change: ends every other session of the user. With `rotate`, the current session
   * ends too and a replacement on the same device takes its place, so a secret that may have leaked with the
   * old password stops working while the person stays signed in. An administrator who reset it gives a
   * `reason`: kept on each ended session and its audit event, and shown to the person on their next request.
   */
  async onPasswordChanged(
    tenantId: string,
    userId: string,
    options: { actor: Actor; currentSessionId?: string | null; rotate?: boolean; reason?: string | null },
  ): Promise<PasswordChangeResult> {
    const currentId = options.currentSessionId ?? null;
    // The new password answers a "this wasn't me" ask, if there was one.
    await this.#store.setPasswordChangeAsk(tenantId, userId, null);
    const ended = await this.endings.onPasswordChanged(tenantId, userId, currentId, options);
    if (!options.rotate || currentId === null) return { ended, rotated: null };
    const current = await this.#store.findSessionById(tenantId, currentId);
    if (!current || current.userId !== userId || current.status !== 'active') return { ended, rotated: null };
    const policy = await this.#people.for(tenantId, userId, { fresh: true });
    const rotated = await rotateSession(current, policy, options.actor, this);
    return { ended, rotated };
  }

  // ── Audit and upkeep ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Ends sessions that lapsed without another request and removes ended ones past retention.
   * FerretDB has no TTL indexes, so the host (or the server plugin) runs this on a timer.
   */
  sweep(): Promise<{ ended: number; removed: number }> {
    return sweepStore({
      store: this.#store,
      clock: this.clock,
      suspensions: this.suspensions,
      endings: this.endings,
      getPolicy: (tenantId) => this.getPolicy(tenantId, { fresh: true }),
      policiesFor: (tenantId, userIds) => this.policiesFor(tenantId, userIds),
    });
  }

  async #audit(
    tenantId: string,
    action: AuditAction,
    actor: Actor,
    fields: Partial<Pick<AuditEvent, 'targetUserId' | 'sessionId' | 'endReason' | 'reason' | 'details'>> = {},
  ): Promise<void> {
    await this.#store.appendAuditEvent({
      id: newPublicId('evt'),
      tenantId,
      at: this.clock.now(),
      action,
      actorId: actor.userId,
      targetUserId: fields.targetUserId ?? null,
      sessionId: fields.sessionId ?? null,
      endReason: fields.endReason ?? null,
      reason: fields.reason ?? null,
      ip: actor.ip ?? null,
      details: fields.details ?? {},
    });
  }
}

function positive(value: number, option: string): number {
  if (!(value > 0))
    throw new SessionKitError('misconfigured', `\`${option}\` must be a positive number of milliseconds`);
  return value;
}

import type { Actor, AuditAction, AuditEvent } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { Admission } from './admission.js';
import { AdminViews } from './adminViews.js';
import type { Clock } from './clock.js';
import { DAY, MINUTE, systemClock } from './clock.js';
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
import { DEFAULT_POLICY, changedPolicyFields, idleTimeoutMs, lifetimeMs, parsePolicy } from './policy.js';
import type { Session } from './session.js';
import type {
  LapseFields,
  PasswordChangeResult,
  RequestInfo,
  ServiceDeps,
  SessionServiceOptions,
  Validation,
} from './serviceTypes.js';
import type { LiveSession, SessionEnd, SessionStore } from './store.js';
import { hashSecret, newPublicId, newSecret, newSessionId } from './tokens.js';
import type { UserDirectory } from './userDirectory.js';

export type * from './serviceTypes.js';

const MAX_PENDING = 10_000;
const SWEEP_BATCH = 500;
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
  /** Authorized apps, push registrations, and checking app and key tokens. */
  readonly credentials: CredentialService;
  /** API keys: create, list with their use, revoke. */
  readonly apiKeys: ApiKeys;
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
      options.policyDefaults === undefined ? DEFAULT_POLICY : parsePolicy(options.policyDefaults);
    this.#touchIntervalMs = positive(options.touchIntervalMs ?? MINUTE, 'touchIntervalMs');
    this.#policies = new PolicyCache(
      this.#store,
      this.clock,
      options.policyCacheMs ?? 5_000,
      () => this.policyDefaults,
    );
    const deps: ServiceDeps = {
      store: this.#store,
      clock: this.clock,
      directory: this.#directory,
      getPolicy: (tenantId, o) => this.getPolicy(tenantId, o),
      lapse: (session, policy) => this.lapse(session, policy),
      end: (session, endReason, actor, reason) => this.endings.end(session, endReason, actor, reason ?? null),
      audit: (tenantId, action, actor, fields) => this.#audit(tenantId, action, actor, fields),
    };
    this.devices = new DeviceNames(deps);
    this.alerts = new SignInAlerts(deps, this.devices, options.signInAlerts ?? null);
    this.endings = new Endings(deps, (tokenHash) => this.#pending.delete(tokenHash), this.devices.afterEnd);
    this.admission = new Admission(deps, this.#geo);
    this.views = new AdminViews(deps);
    this.usage = new CredentialUsage(deps, options.usageFlushIntervalMs, options.usageFlushEvery);
    this.apiKeys = new ApiKeys(deps, this.usage, options.apiKeyScopes);
    this.credentials = new CredentialService(deps, this.usage);
  }

  // The parts' operations, reachable here too: one object for hosts to hold.
  // A login then raises a sign-in alert when it looks risky.
  issue: Admission['issue'] = (...a) => this.alerts.afterIssue(this.admission.issue(...a));
  importSessions: Admission['importSessions'] = (...a) => this.admission.importSessions(...a);
  revoke: Endings['revoke'] = (...a) => this.endings.revoke(...a);
  endBySecret: Endings['endBySecret'] = (...a) => this.endings.endBySecret(...a);
  revokeOthers: Endings['revokeOthers'] = (...a) => this.endings.revokeOthers(...a);
  revokeAllForUser: Endings['revokeAllForUser'] = (...a) => this.endings.revokeAllForUser(...a);
  onUserDeactivated: Endings['onUserDeactivated'] = (...a) => this.endings.onUserDeactivated(...a);
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

  /** Validates and saves a policy (a partial update merges onto the current one). Applies to every session at its next request. */
  async updatePolicy(tenantId: string, input: unknown, actor: Actor): Promise<SessionPolicy> {
    const current = await this.getPolicy(tenantId, { fresh: true });
    const policy = parsePolicy(input, current);
    await this.#store.savePolicy(tenantId, policy);
    this.#policies.saved(tenantId, policy);
    await this.#audit(tenantId, 'policy_updated', actor, { details: changedPolicyFields(current, policy) });
    const before = current.concurrentSessions;
    const after = policy.concurrentSessions;
    if (after.enabled && (!before.enabled || after.max < before.max))
      await this.admission.enforceLimit(tenantId, policy);
    return policy;
  }

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
    const policy = await this.getPolicy(session.tenantId);
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
    if (request.touch !== false) await this.touch(session, policy, request);
    return { status: 'active', session, policy };
  }

  /** Why this session has lapsed under the policy now, or null while it may go on. */
  lapse(session: LapseFields, policy: SessionPolicy): 'expired' | 'idle_timeout' | null {
    const now = this.clock.now().getTime();
    if (now >= session.createdAt.getTime() + lifetimeMs(policy, session.rememberMe)) return 'expired';
    const idle = idleTimeoutMs(policy);
    if (idle !== null && now - session.lastSeenAt.getTime() >= idle) return 'idle_timeout';
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
    const ended = await this.endings.endWhere(
      tenantId,
      userId,
      (s) => s.id !== currentId,
      'password_changed',
      options.actor,
      options.reason ?? null,
    );
    if (!options.rotate || currentId === null) return { ended, rotated: null };
    const current = await this.#store.findSessionById(tenantId, currentId);
    if (!current || current.userId !== userId || current.status !== 'active') return { ended, rotated: null };
    const policy = await this.getPolicy(tenantId, { fresh: true });
    const now = this.clock.now();
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
    await this.endings.end(current, 'password_changed', options.actor);
    const result = await this.admission.admit(replacement, secret, policy, []);
    return { ended, rotated: result.status === 'issued' ? { session: result.session, secret } : null };
  }

  // ── Audit and upkeep ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Ends sessions that lapsed without another request and removes ended ones past retention.
   * FerretDB has no TTL indexes, so the host (or the server plugin) runs this on a timer.
   */
  async sweep(): Promise<{ ended: number; removed: number }> {
    let ended = 0;
    let removed = 0;
    for (const tenantId of await this.#store.listTenantIds()) {
      const policy = await this.getPolicy(tenantId, { fresh: true });
      const now = this.clock.now().getTime();
      const idle = idleTimeoutMs(policy);
      const bounds = {
        idleBefore: idle === null ? null : new Date(now - idle),
        // The shorter lifetime: the caller re-checks each candidate against its own (remembered or not).
        createdBefore: new Date(now - Math.min(lifetimeMs(policy, false), lifetimeMs(policy, true))),
      };
      // In batches by index, never a full read: each batch ends what it finds, so the next finds the rest.
      for (;;) {
        const batch = await this.#store.listLapseCandidates(tenantId, bounds, SWEEP_BATCH);
        let progressed = 0;
        for (const s of batch) {
          const lapse = this.lapse(s, policy);
          if (lapse && (await this.endings.end(s, lapse, SYSTEM_ACTOR))) ended++;
          if (lapse) progressed++;
        }
        if (batch.length < SWEEP_BATCH || progressed === 0) break;
      }
      const cutoff = new Date(now - policy.retention.endedSessionDays * DAY);
      removed += await this.#store.deleteEndedSessions(tenantId, cutoff);
    }
    return { ended, removed };
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

function endedValidation(end: SessionEnd): Validation {
  return {
    status: 'ended',
    reason: end.endReason,
    note: end.note,
    sessionId: end.id,
    userId: end.userId,
    tenantId: end.tenantId,
  };
}

function positive(value: number, option: string): number {
  if (!(value > 0))
    throw new SessionKitError('misconfigured', `\`${option}\` must be a positive number of milliseconds`);
  return value;
}

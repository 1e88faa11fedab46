import type { Actor, AuditAction, AuditEvent } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import type { Clock } from './clock.js';
import { DAY, MINUTE, systemClock } from './clock.js';
import type { ApiKeyActivity, AuthorizedApp, PushRegistration } from './credentials.js';
import { describeDevice } from './device.js';
import { SessionKitError } from './errors.js';
import type { GeoResolver } from './geo.js';
import { normalizeIp, withLocalNetwork } from './geo.js';
import type { SessionPolicy } from './policy.js';
import { DEFAULT_POLICY, grantsRememberMe, idleTimeoutMs, lifetimeMs, parsePolicy } from './policy.js';
import type { RiskSignal } from './risk.js';
import { riskSignals } from './risk.js';
import type { ClientInfo, EndReason, Location, Session, SessionKind, SessionStatus } from './session.js';
import type {
  LiveSession,
  Page,
  SessionQuery,
  SessionEnd,
  SessionRef,
  SessionStore,
  SlotHolder,
  SortOrder,
  UserSessionSummary,
} from './store.js';
import { hashSecret, newPublicId, newSecret, newSessionId } from './tokens.js';
import { compareStrings, pageOf } from './storeSupport.js';
import type { DirectoryUser, UserDirectory } from './userDirectory.js';

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
}

const MAX_PENDING = 10_000;
const SLOT_GRACE_MS = MINUTE;
const MAX_SLOT_ATTEMPTS = 200;
const MAX_STATS_DAYS = 366;
const SWEEP_BATCH = 500;
const RISK_HISTORY = 200;
/** Ends in flight at once when many sessions end together. */
const END_CONCURRENCY = 8;
// A changed IP is written at once (risk signals read it), but not more often than this per session.
const IP_WRITE_GAP_MS = 1_000;

interface PendingActivity {
  actions: number;
  lastPath: string | null;
  /** When this process last wrote (or started writing) the session's activity. */
  writtenAt: number;
}

export interface PasswordChangeResult {
  /** Sessions ended (the rotated current one not counted). */
  ended: number;
  /** The current session's replacement: same device, a new secret (only when asked to rotate). */
  rotated: { session: Session; secret: string } | null;
}

/**
 * The session lifecycle: issue, validate (with touch), revoke, and the views built on them.
 * Framework-free; the server plugin translates HTTP into these calls.
 */
export class SessionService {
  readonly store: SessionStore;
  readonly clock: Clock;
  readonly #geo: GeoResolver;
  readonly #directory: UserDirectory | null;
  readonly #defaults: SessionPolicy;
  readonly #touchIntervalMs: number;
  readonly #policyCacheMs: number;
  readonly #policyCache = new Map<string, { policy: SessionPolicy; readAt: number }>();
  readonly #policyReads = new Map<string, Promise<SessionPolicy>>();
  /** Counts this instance's policy saves, so that a read older than a save is known as such. */
  #policySaves = 0;
  // Activity between coalesced writes, per token hash. Losing it on restart loses a few counted actions,
  // never a rule. It also remembers when this process last wrote, so that concurrent requests on one session
  // make one write per interval between them, not one each.
  readonly #pending = new Map<string, PendingActivity>();
  // Logins of one user on this instance take turns under a limit: correctness rests on the slot documents
  // (other instances race freely), but fifty logins racing for two slots here would mostly retry.
  readonly #loginTurns = new Map<string, Promise<unknown>>();

  constructor(options: SessionServiceOptions) {
    if (!options?.store) throw new SessionKitError('misconfigured', 'SessionService needs a `store`');
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.#geo = withLocalNetwork(options.geo ?? null);
    this.#directory = options.directory ?? null;
    this.#defaults =
      options.policyDefaults === undefined ? DEFAULT_POLICY : parsePolicy(options.policyDefaults);
    this.#touchIntervalMs = positive(options.touchIntervalMs ?? MINUTE, 'touchIntervalMs');
    this.#policyCacheMs = options.policyCacheMs ?? 5_000;
    if (!(this.#policyCacheMs >= 0))
      throw new SessionKitError('misconfigured', '`policyCacheMs` must be 0 or more');
  }

  // ── Policy ───────────────────────────────────────────────────────────────────────────────────────────

  get policyDefaults(): SessionPolicy {
    return structuredClone(this.#defaults);
  }

  /** The tenant's policy, from a short cache (see `policyCacheMs`). */
  async getPolicy(tenantId: string, options: { fresh?: boolean } = {}): Promise<SessionPolicy> {
    const now = this.clock.now().getTime();
    const cached = this.#policyCache.get(tenantId);
    if (!options.fresh && cached && now - cached.readAt < this.#policyCacheMs) return cached.policy;
    // Requests that find the cache stale together share one read instead of each sending its own.
    const pending = options.fresh ? undefined : this.#policyReads.get(tenantId);
    if (pending) return pending;
    const generation = this.#policySaves;
    const read = this.store.getPolicy(tenantId).then((stored) => {
      const policy = stored ?? this.policyDefaults;
      // A read that began before this instance saved a policy must not put the old one back in the cache.
      if (generation === this.#policySaves) this.#policyCache.set(tenantId, { policy, readAt: now });
      return policy;
    });
    if (!options.fresh) {
      this.#policyReads.set(tenantId, read);
      const forget = () => {
        if (this.#policyReads.get(tenantId) === read) this.#policyReads.delete(tenantId);
      };
      read.then(forget, forget);
    }
    return read;
  }

  /** Validates and saves a policy (a partial update merges onto the current one). Applies to every session at its next request. */
  async updatePolicy(tenantId: string, input: unknown, actor: Actor): Promise<SessionPolicy> {
    const current = await this.getPolicy(tenantId, { fresh: true });
    const policy = parsePolicy(input, current);
    await this.store.savePolicy(tenantId, policy);
    this.#policySaves++;
    this.#policyReads.delete(tenantId);
    this.#policyCache.set(tenantId, { policy, readAt: this.clock.now().getTime() });
    await this.#audit(tenantId, 'policy_updated', actor, { details: changedFields(current, policy) });
    const before = current.concurrentSessions;
    const after = policy.concurrentSessions;
    if (after.enabled && (!before.enabled || after.max < before.max))
      await this.#enforceLimit(tenantId, policy);
    return policy;
  }

  /**
   * A limit switched on or lowered applies at once: each user keeps their newest `max` sessions, the older
   * ones end (`concurrency_limit`), and the survivors are packed into slots below `max` so that the next
   * login counts them exactly.
   */
  /**
   * Brings the tenant's (or these users') active sessions under the limit: the oldest beyond it end, the rest
   * hold slots below it. Answers how many ended.
   */
  async #enforceLimit(tenantId: string, policy: SessionPolicy, userIds?: readonly string[]): Promise<number> {
    const { max } = policy.concurrentSessions;
    let ended = 0;
    const { items } = await this.store.listSessions({
      tenantId,
      status: 'active',
      ...(userIds ? { userIds } : {}),
    });
    const byUser = new Map<string, Session[]>();
    for (const s of items) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
    for (const [userId, sessions] of byUser) {
      const newestFirst = oldestFirst(sessions).reverse();
      for (const victim of newestFirst.slice(max)) {
        if (await this.#end(victim, 'concurrency_limit', SYSTEM_ACTOR)) ended++;
      }
      const kept = newestFirst.slice(0, max);
      const taken = new Set(kept.map((s) => s.slot).filter((n): n is number => n !== null && n < max));
      for (const s of kept) {
        if (s.slot !== null && s.slot < max) continue;
        const free = Array.from({ length: max }, (_, n) => n).filter((n) => !taken.has(n));
        for (const slot of free) {
          const key = { tenantId, userId, slot };
          if (
            !(await this.store.claimSlot(key, { sessionId: s.id, tokenHash: s.tokenHash }, this.clock.now()))
          )
            continue;
          taken.add(slot);
          await this.store.setSessionSlot(s.tokenHash, slot);
          if (s.slot !== null) await this.store.releaseSlot({ tenantId, userId, slot: s.slot }, s.id);
          break;
        }
      }
    }
    return ended;
  }

  // ── Issue ────────────────────────────────────────────────────────────────────────────────────────────

  /** Opens a session at login: enforces the concurrent limit, records device and place, returns the secret once. */
  async issue(input: IssueInput): Promise<IssueResult> {
    requireText(input.tenantId, 'tenantId');
    requireText(input.userId, 'userId');
    requireAdoptableSecret(input.secret, 'secret');
    const policy = await this.getPolicy(input.tenantId, { fresh: true });
    const now = this.clock.now();
    const ip = normalizeIp(input.ip || '0.0.0.0');
    const secret = input.secret ?? newSecret();
    const client = cleanClient(input.client);
    const session = newSession(input, policy, secret, {
      ip,
      client,
      device: describeDevice(input.userAgent, client),
      location: await this.#geo.lookup(ip),
      createdAt: now,
      lastSeenAt: now,
    });

    const evicted: Session[] = [];
    if (input.replaceSessionId) {
      const replaced = await this.store.findSessionById(input.tenantId, input.replaceSessionId);
      if (!replaced || replaced.userId !== input.userId || replaced.status !== 'active') {
        throw new SessionKitError('not_found', 'no active session with that id', {
          field: 'replaceSessionId',
        });
      }
      const ended = await this.#end(replaced, 'concurrency_limit', { userId: input.userId, ip });
      if (ended) evicted.push(ended);
    }
    return this.#admit(session, secret, policy, evicted);
  }

  /**
   * Brings in sessions that exist elsewhere, in bulk: the documented way to migrate from another session
   * system or to seed. No login events are written (these are not logins); one `sessions_imported` event a
   * tenant is. Where a tenant's concurrent limit is on, the imported people's oldest sessions beyond it end.
   */
  async importSessions(input: readonly ImportedSession[]): Promise<ImportResult> {
    if (!Array.isArray(input))
      throw new SessionKitError('invalid_input', 'sessions must be a list', { field: 'sessions' });
    const now = this.clock.now();
    const policies = new Map<string, SessionPolicy>();
    // Imports repeat user agents and addresses: parse and resolve each once.
    const devices = new Map<string, Session['device']>();
    const places = new Map<string, Promise<Location | null>>();
    const sessions: Session[] = [];
    const out: ImportResult['sessions'] = [];
    for (const [i, item] of input.entries()) {
      const field = (name: string) => `sessions[${i}].${name}`;
      if (typeof item !== 'object' || item === null)
        throw new SessionKitError('invalid_input', `${field('')} must be an object`, {
          field: `sessions[${i}]`,
        });
      requireText(item.tenantId, field('tenantId'));
      requireText(item.userId, field('userId'));
      requireAdoptableSecret(item.secret, field('secret'));
      const createdAt = validDate(item.createdAt ?? now, field('createdAt'));
      const lastSeenAt = validDate(item.lastSeenAt ?? createdAt, field('lastSeenAt'));
      if (lastSeenAt < createdAt) {
        throw new SessionKitError('invalid_input', 'lastSeenAt must not be before createdAt', {
          field: field('lastSeenAt'),
        });
      }
      let policy = policies.get(item.tenantId);
      if (!policy) {
        policy = await this.getPolicy(item.tenantId, { fresh: true });
        policies.set(item.tenantId, policy);
      }
      const ip = normalizeIp(item.ip || '0.0.0.0');
      const client = cleanClient(item.client);
      const deviceKey = `${item.userAgent ?? ''}\u0000${client.name ?? ''}\u0000${client.deviceName ?? ''}`;
      let device = devices.get(deviceKey);
      if (!device) {
        device = describeDevice(item.userAgent, client);
        devices.set(deviceKey, device);
      }
      let place = places.get(ip);
      if (item.location === undefined && !place) {
        place = this.#geo.lookup(ip);
        places.set(ip, place);
      }
      const secret = item.secret ?? newSecret();
      const session = newSession(item, policy, secret, {
        ip,
        client,
        device: structuredClone(device),
        location: item.location === undefined ? await (place as Promise<Location | null>) : item.location,
        createdAt,
        lastSeenAt,
      });
      sessions.push(session);
      out.push({ id: session.id, userId: session.userId, secret });
    }
    await this.store.insertSessions(sessions);

    let ended = 0;
    for (const [tenantId, policy] of policies) {
      const imported = sessions.filter((s) => s.tenantId === tenantId);
      await this.#audit(tenantId, 'sessions_imported', SYSTEM_ACTOR, {
        details: { sessions: imported.length },
      });
      if (policy.concurrentSessions.enabled) {
        ended += await this.#enforceLimit(tenantId, policy, [...new Set(imported.map((s) => s.userId))]);
      }
    }
    return { sessions: out, ended };
  }

  /** Stores a new session under the policy's limit: the second half of `issue`, shared with rotation. */
  async #admit(
    session: Session,
    secret: string,
    policy: SessionPolicy,
    evictedBefore: Session[],
  ): Promise<IssueResult> {
    const evicted = evictedBefore;
    const ip = session.ip;
    if (!policy.concurrentSessions.enabled) {
      await this.#store(session);
      await this.#auditLogin(session, ip);
      return { status: 'issued', session, secret, evicted };
    }

    const key = `${session.tenantId}\u0000${session.userId}`;
    const previous = this.#loginTurns.get(key) ?? Promise.resolve();
    const turn = previous
      .catch(() => undefined)
      .then(() => this.#admitUnderLimit(session, secret, policy, evicted));
    this.#loginTurns.set(key, turn);
    try {
      return await turn;
    } finally {
      if (this.#loginTurns.get(key) === turn) this.#loginTurns.delete(key);
    }
  }

  async #admitUnderLimit(
    session: Session,
    secret: string,
    policy: SessionPolicy,
    evictedBefore: Session[],
  ): Promise<IssueResult> {
    const ip = session.ip;
    const outcome = await this.#takeSlot(session, policy);
    if (outcome.status === 'limit_reached') {
      await this.#audit(
        session.tenantId,
        'login_denied',
        { userId: session.userId, ip },
        {
          targetUserId: session.userId,
          details: { max: policy.concurrentSessions.max },
        },
      );
      return { status: 'limit_reached', sessions: outcome.sessions, max: policy.concurrentSessions.max };
    }
    session.slot = outcome.slot;
    await this.#store(session);
    // The session exists from here on, however briefly: its login is in the trail before any end can be.
    await this.#auditLogin(session, ip);
    // A newer login (on another instance) may already have evicted it, even before its live document was
    // stored. Ends are written before live documents are deleted, so looking for one now is enough: if there
    // is one, make sure the live document is gone too. The login still succeeded; it lost its place to a
    // newer one, exactly as if that one had come a moment after the answer, and the next request says so.
    const end = await this.store.findSessionEnd(session.tokenHash);
    if (end) {
      await this.store.endSession(session, {
        endedAt: end.endedAt,
        endReason: end.endReason,
        endedBy: end.endedBy,
        note: end.note,
      });
    }
    return { status: 'issued', session, secret, evicted: [...evictedBefore, ...outcome.evicted] };
  }

  async #store(session: Session): Promise<void> {
    try {
      await this.store.insertSession(session);
    } catch (error) {
      if (session.slot !== null) await this.store.releaseSlot(slotKey(session, session.slot), session.id);
      throw error;
    }
  }

  async #auditLogin(session: Session, ip: string): Promise<void> {
    await this.#audit(
      session.tenantId,
      'login',
      { userId: session.userId, sessionId: session.id, ip },
      {
        targetUserId: session.userId,
        sessionId: session.id,
        details: { rememberMe: session.rememberMe, kind: session.kind },
      },
    );
  }

  /**
   * The concurrent limit rests on slot documents claimed by unique-key inserts, the one write that is atomic
   * on every store, so 50 simultaneous logins still leave exactly `max` sessions.
   */
  async #takeSlot(
    session: Session,
    policy: SessionPolicy,
  ): Promise<
    { status: 'ok'; slot: number; evicted: Session[] } | { status: 'limit_reached'; sessions: Session[] }
  > {
    const { max, onExceed } = policy.concurrentSessions;
    const evicted: Session[] = [];
    const holder = { sessionId: session.id, tokenHash: session.tokenHash };
    let active = await this.#activeSessionsOf(session.tenantId, session.userId, policy);

    // Sessions opened while the limit was off hold no slot (and sessions of a higher limit, a slot past it);
    // they still count. A lowered limit re-packs them (see #enforceLimit); this covers the rest.
    const outside = active.filter((s) => s.slot === null || s.slot >= max);
    if (outside.length > 0 && active.length >= max) {
      if (onExceed === 'deny_new') return { status: 'limit_reached', sessions: await this.#records(active) };
      const excess = active.length - max + 1;
      for (const victim of outside.slice(0, excess)) {
        const ended = await this.#end(victim, 'concurrency_limit', SYSTEM_ACTOR);
        if (ended) evicted.push(ended);
      }
      active = await this.#activeSessionsOf(session.tenantId, session.userId, policy);
    }

    for (let attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
      for (let slot = 0; slot < max; slot++) {
        if (await this.store.claimSlot(slotKey(session, slot), holder, this.clock.now()))
          return { status: 'ok', slot, evicted };
      }
      const holders = await this.store.listSlots(session.tenantId, session.userId);
      active = await this.#activeSessionsOf(session.tenantId, session.userId, policy);
      if (await this.#releaseAbandonedSlots(session, holders, active)) continue;
      if (onExceed === 'deny_new') return { status: 'limit_reached', sessions: await this.#records(active) };
      // The oldest signed-in holder goes. Logins still being stored are never evicted: when they hold every
      // slot, wait a moment for them to land (a crashed one is reclaimed after the grace period above).
      const inRange = holders.filter((h) => h.slot < max);
      const held = new Set(inRange.map((h) => h.sessionId));
      const victim = oldestFirst(active.filter((s) => held.has(s.id)))[0];
      if (!victim) {
        await pause(attempt);
        continue;
      }
      const ended = await this.#end(victim, 'concurrency_limit', SYSTEM_ACTOR);
      // Lost the race for this victim: another login took its slot; back off a little before trying again.
      if (!ended) await pause(attempt);
      if (ended) evicted.push(ended);
    }
    throw new SessionKitError('limit_reached', 'too many simultaneous sign-ins for this user; try again');
  }

  /** Full records for lean sessions: what a person choosing which session to give up needs to see. */
  async #records(sessions: readonly LiveSession[]): Promise<Session[]> {
    const out: Session[] = [];
    for (const s of sessions) {
      const record = await this.store.findSessionById(s.tenantId, s.id);
      if (record) out.push(record);
    }
    return out;
  }

  /**
   * Frees slots whose holder has ended (a crash between its end and the slot's release) or never arrived (a
   * crash between claim and insert, after a grace period that spares logins in flight).
   */
  async #releaseAbandonedSlots(
    session: Session,
    holders: readonly SlotHolder[],
    active: readonly LiveSession[],
  ): Promise<boolean> {
    const activeIds = new Set(active.map((s) => s.id));
    let released = false;
    for (const holder of holders) {
      if (activeIds.has(holder.sessionId)) continue;
      const ended = await this.store.findSessionEnd(holder.tokenHash);
      const abandoned =
        ended !== null || this.clock.now().getTime() - holder.claimedAt.getTime() > SLOT_GRACE_MS;
      if (!abandoned) continue;
      if (!ended) {
        await this.#end(
          {
            id: holder.sessionId,
            tokenHash: holder.tokenHash,
            tenantId: session.tenantId,
            userId: session.userId,
          },
          'concurrency_limit',
          SYSTEM_ACTOR,
        );
      }
      await this.store.releaseSlot(slotKey(session, holder.slot), holder.sessionId);
      released = true;
    }
    return released;
  }

  async #activeSessionsOf(tenantId: string, userId: string, policy: SessionPolicy): Promise<LiveSession[]> {
    const live: LiveSession[] = [];
    for (const s of await this.store.listLiveSessions(tenantId, userId)) {
      const lapse = this.lapse(s, policy);
      if (lapse) await this.#end(s, lapse, SYSTEM_ACTOR);
      else live.push(s);
    }
    return live;
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
    const session = await this.store.findLiveSession(tokenHash);
    if (!session) {
      // Not live: ended (say why, once per ended session's next request) or never known.
      const end = await this.store.findSessionEnd(tokenHash);
      return end ? endedValidation(end) : { status: 'unknown' };
    }
    const policy = await this.getPolicy(session.tenantId);
    const lapse = this.lapse(session, policy);
    if (lapse) {
      await this.#end(session, lapse, SYSTEM_ACTOR);
      const end = await this.store.findSessionEnd(tokenHash);
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
    await this.store.touchSession(session.tokenHash, patch);
    session.lastSeenAt = patch.lastSeenAt;
    session.lastIp = ip;
    session.activity.actions += patch.addActions;
    if (patch.lastPath) session.activity.lastPath = patch.lastPath;
  }

  // ── Revoke ───────────────────────────────────────────────────────────────────────────────────────────

  /** Ends one session by public id. Unknown, ended or (with `ownerId`) another user's: `not_found`. */
  async revoke(tenantId: string, sessionId: string, options: RevokeOptions): Promise<Session> {
    const session = await this.store.findSessionById(tenantId, sessionId);
    if (
      !session ||
      (options.ownerId !== undefined && session.userId !== options.ownerId) ||
      session.status !== 'active'
    ) {
      throw new SessionKitError('not_found', 'no active session with that id');
    }
    const ended = await this.#end(
      session,
      options.endReason ?? 'revoked',
      options.actor,
      options.reason ?? null,
    );
    if (!ended) throw new SessionKitError('not_found', 'no active session with that id');
    return ended;
  }

  /** Ends the session behind a secret: the host's logout. Answers null when it was not active. */
  async endBySecret(secret: string, actor: Actor, endReason: EndReason = 'logout'): Promise<Session | null> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512) return null;
    const session = await this.store.findLiveSession(hashSecret(secret));
    if (!session) return null;
    return this.#end(session, endReason, { ...actor, userId: actor.userId ?? session.userId });
  }

  /** "Sign out all other sessions": the current one stays. */
  async revokeOthers(
    tenantId: string,
    userId: string,
    currentSessionId: string,
    actor: Actor,
  ): Promise<number> {
    return this.#endWhere(tenantId, userId, (s) => s.id !== currentSessionId, 'revoked_others', actor, null);
  }

  /** Force logout: every session of one user, with the reason in the audit trail. The account stays usable. */
  async revokeAllForUser(
    tenantId: string,
    userId: string,
    options: { actor: Actor; reason?: string | null; endReason?: EndReason },
  ): Promise<number> {
    const endReason = options.endReason ?? 'force_logout';
    const reason = options.reason ?? null;
    const ended = await this.#endWhere(tenantId, userId, () => true, endReason, options.actor, reason);
    if (endReason === 'force_logout') {
      await this.#audit(tenantId, 'force_logout', options.actor, {
        targetUserId: userId,
        reason,
        details: { ended },
      });
    }
    return ended;
  }

  /**
   * Signs out the whole account except the caller's current session, and except the sessions of
   * `exceptUserIds` (an administrator who is not a super user may not sign super users out).
   */
  async revokeAllForTenant(
    tenantId: string,
    options: {
      actor: Actor;
      reason: string | null;
      exceptSessionId?: string | null;
      exceptUserIds?: readonly string[];
    },
  ): Promise<number> {
    const spared = new Set(options.exceptUserIds ?? []);
    const ended = await this.#endWhere(
      tenantId,
      undefined,
      (s) => s.id !== options.exceptSessionId && !spared.has(s.userId),
      'force_logout',
      options.actor,
      options.reason,
    );
    await this.#audit(tenantId, 'revoke_all', options.actor, { reason: options.reason, details: { ended } });
    return ended;
  }

  /**
   * Call after a password change: ends every other session of the user. With `rotate`, the current session
   * ends too and a replacement on the same device takes its place, so a secret that may have leaked with the
   * old password stops working while the person stays signed in.
   */
  async onPasswordChanged(
    tenantId: string,
    userId: string,
    options: { actor: Actor; currentSessionId?: string | null; rotate?: boolean },
  ): Promise<PasswordChangeResult> {
    const currentId = options.currentSessionId ?? null;
    const ended = await this.#endWhere(
      tenantId,
      userId,
      (s) => s.id !== currentId,
      'password_changed',
      options.actor,
      null,
    );
    if (!options.rotate || currentId === null) return { ended, rotated: null };
    const current = await this.store.findSessionById(tenantId, currentId);
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
    await this.#end(current, 'password_changed', options.actor);
    const result = await this.#admit(replacement, secret, policy, []);
    return { ended, rotated: result.status === 'issued' ? { session: result.session, secret } : null };
  }

  /** Call when a user is deactivated: ends all their sessions. */
  async onUserDeactivated(tenantId: string, userId: string, options: { actor: Actor }): Promise<number> {
    return this.#endWhere(tenantId, userId, () => true, 'user_deactivated', options.actor, null);
  }

  async #endWhere(
    tenantId: string,
    userId: string | undefined,
    keep: (s: SessionRef) => boolean,
    endReason: EndReason,
    actor: Actor,
    reason: string | null,
  ): Promise<number> {
    const items: readonly SessionRef[] =
      userId === undefined
        ? (await this.store.listSessions({ tenantId, status: 'active' } satisfies SessionQuery)).items
        : await this.store.listLiveSessions(tenantId, userId);
    // A few ends in flight at once: each is several round trips, and a force logout of someone with 50
    // sessions (or a whole account signed out) should not wait for them one after another.
    const queue = items.filter(keep);
    let ended = 0;
    const lane = async () => {
      for (let s = queue.shift(); s; s = queue.shift())
        if (await this.#end(s, endReason, actor, reason)) ended++;
    };
    await Promise.all(Array.from({ length: Math.min(END_CONCURRENCY, queue.length) }, lane));
    return ended;
  }

  /** Every ending goes through here: one store write, the slot freed, one audit event. */
  async #end(
    session: SessionRef,
    endReason: EndReason,
    actor: Actor,
    reason: string | null = null,
  ): Promise<Session | null> {
    const ref = {
      id: session.id,
      tokenHash: session.tokenHash,
      tenantId: session.tenantId,
      userId: session.userId,
    };
    const ended = await this.store.endSession(ref, {
      endedAt: this.clock.now(),
      endReason,
      endedBy: actor.userId,
      note: reason,
    });
    this.#pending.delete(session.tokenHash);
    // Only the call that ended it goes on: one slot release and one audit event per session, whatever raced.
    if (!ended) return null;
    if (ended.slot !== null) await this.store.releaseSlot(slotKey(ended, ended.slot), ended.id);
    await this.#audit(session.tenantId, 'session_ended', actor, {
      targetUserId: session.userId,
      sessionId: session.id,
      endReason,
      reason,
    });
    return ended;
  }

  // ── Views ────────────────────────────────────────────────────────────────────────────────────────────

  /** A user's own sessions, the current one first. Sessions that lapsed under the policy are ended on the way. */
  async listUserSessions(
    tenantId: string,
    userId: string,
    query: UserSessionsQuery = {},
  ): Promise<Session[]> {
    const status = query.status ?? 'active';
    const { items } = await this.store.listSessions({
      tenantId,
      userId,
      ...(status === 'all' ? {} : { status }),
      ...(query.since ? { seenSince: query.since } : {}),
      sort: { field: 'lastSeenAt', order: 'desc' },
    });
    const policy = await this.getPolicy(tenantId);
    const fresh = await this.#settleLapsed(items, policy);
    const shown = status === 'active' ? fresh.filter((s) => s.status === 'active') : fresh;
    const current = shown.findIndex((s) => s.id === query.currentSessionId);
    if (current > 0) shown.unshift(...shown.splice(current, 1));
    return shown;
  }

  /** One of the user's own sessions; another user's id is `not_found`. */
  async getUserSession(tenantId: string, userId: string, sessionId: string): Promise<Session> {
    const session = await this.store.findSessionById(tenantId, sessionId);
    if (!session || session.userId !== userId)
      throw new SessionKitError('not_found', 'no session with that id');
    const [settled] = await this.#settleLapsed([session], await this.getPolicy(tenantId));
    return settled ?? session;
  }

  /** Sessions across the account, for administrators. */
  async listSessions(tenantId: string, query: Omit<SessionQuery, 'tenantId'> = {}): Promise<Page<Session>> {
    const page = await this.store.listSessions({ ...query, tenantId });
    return { ...page, items: await this.#settleLapsed(page.items, await this.getPolicy(tenantId)) };
  }

  async #settleLapsed(sessions: readonly Session[], policy: SessionPolicy): Promise<Session[]> {
    const out: Session[] = [];
    for (const s of sessions) {
      const lapse = s.status === 'active' ? this.lapse(s, policy) : null;
      out.push(lapse ? ((await this.#end(s, lapse, SYSTEM_ACTOR)) ?? s) : s);
    }
    return out;
  }

  /**
   * Warning signs for the active sessions of one user or several (an admin page's people), each judged
   * against its own user's history: two reads whatever the number of people. A caller that already holds
   * the users' active sessions passes them.
   */
  async riskSignalsFor(
    tenantId: string,
    users: string | readonly string[],
    known: { active?: readonly Session[] } = {},
  ): Promise<RiskSignal[]> {
    const userIds = typeof users === 'string' ? [users] : [...new Set(users)];
    if (userIds.length === 0) return [];
    // Judged against the newest RISK_HISTORY ended sessions a person, not every stored one: a person with
    // years of history would otherwise make each list request read all of it.
    const [active, ended] = await Promise.all([
      known.active ?? this.store.listSessions({ tenantId, userIds, status: 'active' }).then((p) => p.items),
      this.store
        .listSessions({
          tenantId,
          userIds,
          status: 'ended',
          sort: { field: 'lastSeenAt', order: 'desc' },
          limit: RISK_HISTORY * userIds.length,
        })
        .then((p) => p.items),
    ]);
    const history = [...active, ...ended];
    const now = this.clock.now();
    return active.flatMap((s) => riskSignals(s, history, { now }));
  }

  async adminSummary(tenantId: string): Promise<AdminSummary> {
    const [counts, superUsers] = await Promise.all([
      this.store.countActiveSessions(tenantId),
      this.signedInSuperUserIds(tenantId),
    ]);
    return { activeUsers: counts.users, activeSessions: counts.sessions, superUsers: superUsers.length };
  }

  /** Super users with an active session: whom only another super user may sign out. */
  async signedInSuperUserIds(tenantId: string): Promise<string[]> {
    const directory = this.#directory;
    if (!directory) return [];
    if (directory.listSuperUserIds) {
      const ids = await directory.listSuperUserIds(tenantId);
      if (ids.length === 0) return [];
      const { items } = await this.store.listActiveUsers({ tenantId, userIds: ids });
      return items.map((r) => r.userId);
    }
    const { items } = await this.store.listActiveUsers({ tenantId });
    const users = await this.#usersById(
      tenantId,
      items.map((r) => r.userId),
    );
    return items.filter((r) => users.get(r.userId)?.superUser === true).map((r) => r.userId);
  }

  /**
   * One row per signed-in user, joined with the host's directory, filtered, sorted and paged. Sorted by an
   * activity field, the store pages and only the page is looked up in the directory; sorted by a directory
   * field (name, department), every signed-in person is.
   */
  async adminUsers(tenantId: string, query: AdminUsersQuery = {}): Promise<Page<AdminUserRow>> {
    const sort = query.sort ?? 'lastActiveAt';
    const order = query.order ?? (sort === 'name' || sort === 'department' ? 'asc' : 'desc');
    const scope = await this.#teamScope(tenantId, query);
    if (scope === null) return { items: [], total: 0 };
    if (sort !== 'name' && sort !== 'department') {
      const page = await this.store.listActiveUsers({
        tenantId,
        ...scope,
        sort: { field: sort, order },
        offset: query.offset ?? 0,
        ...(query.limit !== undefined ? { limit: query.limit } : {}),
      });
      return { items: await this.#withDirectory(tenantId, page.items), total: page.total };
    }
    const { items } = await this.store.listActiveUsers({ tenantId, ...scope });
    const rows = await this.#withDirectory(tenantId, items);
    const sign = order === 'asc' ? 1 : -1;
    const offset = query.offset ?? 0;
    return {
      items: pageOf(
        rows,
        (a, b) => sign * (compareBy(a, b, sort) || compareStrings(a.userId, b.userId)),
        offset,
        query.limit,
      ),
      total: rows.length,
    };
  }

  /**
   * Which signed-in users the team view's filters leave in, as the store's query takes them; null when
   * nobody can match. A text filter goes to the directory's search when it has one; without it, every
   * signed-in person is looked up and matched here.
   */
  async #teamScope(
    tenantId: string,
    query: AdminUsersQuery,
  ): Promise<{ userIds?: string[]; excludeUserIds?: string[] } | null> {
    let userIds: string[] | undefined;
    const q = query.q?.trim().toLowerCase();
    if (q) {
      if (this.#directory?.searchUserIds) {
        // The id itself too: a signed-in person the directory no longer knows is still found by it.
        userIds = [...(await this.#directory.searchUserIds(tenantId, q)), query.q?.trim() ?? ''];
      } else {
        const { items } = await this.store.listActiveUsers({ tenantId });
        const users = await this.#usersById(
          tenantId,
          items.map((r) => r.userId),
        );
        userIds = items
          .filter((r) => {
            const u = users.get(r.userId);
            return (
              [u?.name, u?.email, u?.department, u?.id].some((v) => v?.toLowerCase().includes(q)) ||
              r.userId === query.q?.trim()
            );
          })
          .map((r) => r.userId);
      }
    }
    if (query.superUser === undefined) return userIds ? { userIds } : {};
    const supers = await this.signedInSuperUserIds(tenantId);
    if (query.superUser) {
      const only = userIds ? supers.filter((id) => userIds.includes(id)) : supers;
      return only.length > 0 ? { userIds: only } : null;
    }
    return { ...(userIds ? { userIds } : {}), excludeUserIds: supers };
  }

  async #withDirectory(tenantId: string, rows: readonly UserSessionSummary[]): Promise<AdminUserRow[]> {
    const users = await this.#usersById(
      tenantId,
      rows.map((r) => r.userId),
    );
    return rows.map((r) => {
      const u = users.get(r.userId);
      return {
        ...r,
        name: u?.name ?? r.userId,
        email: u?.email ?? null,
        role: u?.role ?? null,
        department: u?.department ?? null,
        superUser: u?.superUser === true,
      };
    });
  }

  async #usersById(tenantId: string, ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    if (!this.#directory || ids.length === 0) return new Map();
    return new Map((await this.#directory.getUsers(tenantId, ids)).map((u) => [u.id, u]));
  }

  /** Logins and sign-outs of one user in a period, per UTC day (the fleet source's Logs tab). */
  async loginStats(tenantId: string, userId: string, from: Date, to: Date): Promise<LoginStats> {
    if (!(to > from))
      throw new SessionKitError('invalid_input', '`to` must be after `from`', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_STATS_DAYS * DAY) {
      throw new SessionKitError('invalid_input', `the period can be at most ${MAX_STATS_DAYS} days`, {
        field: 'to',
      });
    }
    const { items } = await this.store.listAuditEvents({
      tenantId,
      userId,
      actions: ['login', 'session_ended'],
      from,
      to,
    });
    const days = new Map<string, LoginStatsDay>();
    for (let t = startOfUtcDay(from); t < to.getTime(); t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      days.set(date, { date, logins: 0, logouts: 0 });
    }
    let logins = 0;
    let logouts = 0;
    for (const e of items) {
      if (e.targetUserId !== userId) continue;
      const day = days.get(e.at.toISOString().slice(0, 10));
      if (e.action === 'login') {
        logins++;
        if (day) day.logins++;
      } else {
        logouts++;
        if (day) day.logouts++;
      }
    }
    return { from, to, logins, logouts, days: [...days.values()] };
  }

  // ── Other credentials ────────────────────────────────────────────────────────────────────────────────

  listAuthorizedApps(tenantId: string, userId: string): Promise<AuthorizedApp[]> {
    return this.store.listAuthorizedApps(tenantId, userId);
  }

  /** Removing an app revokes its token. */
  async revokeAuthorizedApp(
    tenantId: string,
    userId: string,
    appId: string,
    actor: Actor,
  ): Promise<AuthorizedApp> {
    const app = await this.store.deleteAuthorizedApp(tenantId, userId, appId);
    if (!app) throw new SessionKitError('not_found', 'no authorized application with that id');
    await this.#audit(tenantId, 'app_revoked', actor, { targetUserId: userId, details: { app: app.name } });
    return app;
  }

  listPushRegistrations(tenantId: string, userId: string): Promise<PushRegistration[]> {
    return this.store.listPushRegistrations(tenantId, userId);
  }

  async removePushRegistration(
    tenantId: string,
    userId: string,
    id: string,
    actor: Actor,
  ): Promise<PushRegistration> {
    const reg = await this.store.deletePushRegistration(tenantId, userId, id);
    if (!reg) throw new SessionKitError('not_found', 'no push registration with that id');
    await this.#audit(tenantId, 'push_removed', actor, {
      targetUserId: userId,
      details: { app: reg.appName, device: reg.deviceName },
    });
    return reg;
  }

  /** API keys with their last use and requests in the last 24 hours. */
  async listApiKeyActivity(tenantId: string): Promise<ApiKeyActivity[]> {
    const keys = await this.store.listApiKeys(tenantId);
    const since = new Date(this.clock.now().getTime() - DAY);
    const counts = await this.store.countApiKeyRequests(
      tenantId,
      keys.map((k) => k.id),
      since,
    );
    return keys.map(({ keyHash: _keyHash, ...k }) => ({ ...k, requestsLast24h: counts.get(k.id) ?? 0 }));
  }

  // ── Audit and upkeep ─────────────────────────────────────────────────────────────────────────────────

  listAuditEvents(
    tenantId: string,
    query: { userId?: string; actions?: AuditAction[]; offset?: number; limit?: number } = {},
  ) {
    return this.store.listAuditEvents({ ...query, tenantId });
  }

  /**
   * Ends sessions that lapsed without another request and removes ended ones past retention.
   * FerretDB has no TTL indexes, so the host (or the server plugin) runs this on a timer.
   */
  async sweep(): Promise<{ ended: number; removed: number }> {
    let ended = 0;
    let removed = 0;
    for (const tenantId of await this.store.listTenantIds()) {
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
        const batch = await this.store.listLapseCandidates(tenantId, bounds, SWEEP_BATCH);
        let progressed = 0;
        for (const s of batch) {
          const lapse = this.lapse(s, policy);
          if (lapse && (await this.#end(s, lapse, SYSTEM_ACTOR))) ended++;
          if (lapse) progressed++;
        }
        if (batch.length < SWEEP_BATCH || progressed === 0) break;
      }
      const cutoff = new Date(now - policy.retention.endedSessionDays * DAY);
      removed += await this.store.deleteEndedSessions(tenantId, cutoff);
    }
    return { ended, removed };
  }

  async #audit(
    tenantId: string,
    action: AuditAction,
    actor: Actor,
    fields: Partial<Pick<AuditEvent, 'targetUserId' | 'sessionId' | 'endReason' | 'reason' | 'details'>> = {},
  ): Promise<void> {
    await this.store.appendAuditEvent({
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

/** What decides whether a session lapsed: the same on a full record and on its live part. */
type LapseFields = Pick<Session, 'createdAt' | 'lastSeenAt' | 'rememberMe'>;

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

/**
 * A short random wait between contended slot attempts (real time: it spaces out database round trips, it
 * decides nothing), growing with the attempt up to 50 ms.
 */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 5 + attempt * 5);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function slotKey(session: Pick<Session, 'tenantId' | 'userId'>, slot: number) {
  return { tenantId: session.tenantId, userId: session.userId, slot };
}

function oldestFirst<S extends Pick<Session, 'createdAt' | 'id'>>(sessions: readonly S[]): S[] {
  return [...sessions].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
}

/** One collator for every name sort: `localeCompare` builds one per call, 10× slower over 100,000 people. */
const NAME_ORDER = new Intl.Collator();

function compareBy(a: AdminUserRow, b: AdminUserRow, key: NonNullable<AdminUsersQuery['sort']>): number {
  const x = a[key];
  const y = b[key];
  if (x instanceof Date && y instanceof Date) return x.getTime() - y.getTime();
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return NAME_ORDER.compare(String(x ?? ''), String(y ?? ''));
}

function changedFields(before: SessionPolicy, after: SessionPolicy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of Object.keys(after) as (keyof SessionPolicy)[]) {
    for (const [key, value] of Object.entries(after[section])) {
      if ((before[section] as Record<string, unknown>)[key] !== value)
        out[`${section}.${key}`] = String(value);
    }
  }
  return out;
}

function cleanClient(client: ClientInfo | undefined): ClientInfo {
  const out: ClientInfo = {};
  if (client?.name?.trim()) out.name = client.name.trim().slice(0, 100);
  if (client?.deviceName?.trim()) out.deviceName = client.deviceName.trim().slice(0, 100);
  return out;
}

/** A new active session: what a login and an import share. */
function newSession(
  input: Pick<IssueInput, 'tenantId' | 'userId' | 'kind' | 'rememberMe'>,
  policy: SessionPolicy,
  secret: string,
  found: Pick<Session, 'ip' | 'client' | 'device' | 'location' | 'createdAt' | 'lastSeenAt'>,
): Session {
  return {
    id: newSessionId(),
    tokenHash: hashSecret(secret),
    userId: input.userId,
    tenantId: input.tenantId,
    kind: input.kind ?? 'browser',
    ...found,
    lastIp: found.ip,
    rememberMe: grantsRememberMe(policy, input.rememberMe ?? false),
    status: 'active',
    endedAt: null,
    endReason: null,
    endedBy: null,
    endNote: null,
    activity: { actions: 0, lastPath: null },
    slot: null,
  };
}

function requireAdoptableSecret(secret: unknown, field: string): void {
  if (secret !== undefined && (typeof secret !== 'string' || secret.length < 22)) {
    throw new SessionKitError(
      'invalid_input',
      'an adopted secret must be at least 22 characters (128 bits)',
      {
        field,
      },
    );
  }
}

function validDate(value: unknown, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new SessionKitError('invalid_input', `${field} must be a valid date`, { field });
  return value;
}

function requireText(value: unknown, field: string): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SessionKitError('invalid_input', `${field} is required`, { field });
  }
}

function positive(value: number, option: string): number {
  if (!(value > 0))
    throw new SessionKitError('misconfigured', `\`${option}\` must be a positive number of milliseconds`);
  return value;
}

function startOfUtcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

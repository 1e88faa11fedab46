import { SYSTEM_ACTOR } from './audit.js';
import { MINUTE } from './clock.js';
import { describeDevice } from './device.js';
import { SessionKitError } from './errors.js';
import type { GeoResolver } from './geo.js';
import { normalizeIp } from './geo.js';
import type { SessionPolicy } from './policy.js';
import type { Location, Session } from './session.js';
import type { ImportedSession, ImportResult, IssueInput, IssueResult, ServiceDeps } from './serviceTypes.js';
import type { LiveSession, SlotHolder } from './store.js';
import { newSecret } from './tokens.js';
import { oldestFirst, pause, slotKey } from './slots.js';
import { cleanClient, newSession, requireAdoptableSecret, requireText, validDate } from './newSession.js';

const SLOT_GRACE_MS = MINUTE;
const MAX_SLOT_ATTEMPTS = 200;

/**
 * How sessions come in: a login (`issue`) under the concurrent limit, a bulk import, and the limit applied
 * when it tightens. The limit rests on slot documents claimed by unique-key inserts.
 */
export class Admission {
  readonly #d: ServiceDeps;
  readonly #geo: GeoResolver;
  // Logins of one user on this instance take turns under a limit: correctness rests on the slot documents
  // (other instances race freely), but fifty logins racing for two slots here would mostly retry.
  readonly #loginTurns = new Map<string, Promise<unknown>>();

  constructor(deps: ServiceDeps, geo: GeoResolver) {
    this.#d = deps;
    this.#geo = geo;
  }

  /** Opens a session at login: enforces the concurrent limit, records device and place, returns the secret once. */
  async issue(input: IssueInput): Promise<IssueResult> {
    requireText(input.tenantId, 'tenantId');
    requireText(input.userId, 'userId');
    requireAdoptableSecret(input.secret, 'secret');
    // The person's own rules (their roles' overrides too), read fresh: a login is where a limit is enforced.
    const policy = (await this.#d.policiesFor(input.tenantId, [input.userId], { fresh: true })).get(
      input.userId,
    ) as SessionPolicy;
    const now = this.#d.clock.now();
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
      const replaced = await this.#d.store.findSessionById(input.tenantId, input.replaceSessionId);
      if (!replaced || replaced.userId !== input.userId || replaced.status !== 'active') {
        throw new SessionKitError('not_found', 'no active session with that id', {
          field: 'replaceSessionId',
        });
      }
      const ended = await this.#d.end(replaced, 'concurrency_limit', { userId: input.userId, ip });
      if (ended) evicted.push(ended);
    }
    return this.admit(session, secret, policy, evicted);
  }

  /**
   * Brings in sessions that exist elsewhere, in bulk: the documented way to migrate from another session
   * system or to seed. No login events are written (these are not logins); one `sessions_imported` event a
   * tenant is. Where a tenant's concurrent limit is on, the imported people's oldest sessions beyond it end.
   */
  async importSessions(input: readonly ImportedSession[]): Promise<ImportResult> {
    if (!Array.isArray(input))
      throw new SessionKitError('invalid_input', 'sessions must be a list', { field: 'sessions' });
    const now = this.#d.clock.now();
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
        policy = await this.#d.getPolicy(item.tenantId, { fresh: true });
        policies.set(item.tenantId, policy);
      }
      // Lifetimes are the person's own: their roles' overrides weigh in.
      const own = (await this.#d.policiesFor(item.tenantId, [item.userId])).get(item.userId) ?? policy;
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
      const session = newSession(item, own, secret, {
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
    await this.#d.store.insertSessions(sessions);

    let ended = 0;
    for (const [tenantId, policy] of policies) {
      const imported = sessions.filter((s) => s.tenantId === tenantId);
      await this.#d.audit(tenantId, 'sessions_imported', SYSTEM_ACTOR, {
        details: { sessions: imported.length },
      });
      const users = [...new Set(imported.map((s) => s.userId))];
      if (policy.roles && Object.keys(policy.roles).length > 0)
        ended += await this.enforceLimit(tenantId, null, users);
      else if (policy.concurrentSessions.enabled) ended += await this.enforceLimit(tenantId, policy, users);
    }
    return { sessions: out, ended };
  }

  /** Stores a new session under the policy's limit: the second half of `issue`, shared with rotation. */
  async admit(
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
      await this.#d.audit(
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
    const end = await this.#d.store.findSessionEnd(session.tokenHash);
    if (end) {
      await this.#d.store.endSession(session, {
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
      await this.#d.store.insertSession(session);
    } catch (error) {
      if (session.slot !== null) await this.#d.store.releaseSlot(slotKey(session, session.slot), session.id);
      throw error;
    }
  }

  async #auditLogin(session: Session, ip: string): Promise<void> {
    await this.#d.audit(
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
        const ended = await this.#d.end(victim, 'concurrency_limit', SYSTEM_ACTOR);
        if (ended) evicted.push(ended);
      }
      active = await this.#activeSessionsOf(session.tenantId, session.userId, policy);
    }

    for (let attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt++) {
      for (let slot = 0; slot < max; slot++) {
        if (await this.#d.store.claimSlot(slotKey(session, slot), holder, this.#d.clock.now()))
          return { status: 'ok', slot, evicted };
      }
      const holders = await this.#d.store.listSlots(session.tenantId, session.userId);
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
      const ended = await this.#d.end(victim, 'concurrency_limit', SYSTEM_ACTOR);
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
      const record = await this.#d.store.findSessionById(s.tenantId, s.id);
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
      const ended = await this.#d.store.findSessionEnd(holder.tokenHash);
      const abandoned =
        ended !== null || this.#d.clock.now().getTime() - holder.claimedAt.getTime() > SLOT_GRACE_MS;
      if (!abandoned) continue;
      if (!ended) {
        await this.#d.end(
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
      await this.#d.store.releaseSlot(slotKey(session, holder.slot), holder.sessionId);
      released = true;
    }
    return released;
  }

  async #activeSessionsOf(tenantId: string, userId: string, policy: SessionPolicy): Promise<LiveSession[]> {
    const live: LiveSession[] = [];
    for (const s of await this.#d.store.listLiveSessions(tenantId, userId)) {
      const lapse = this.#d.lapse(s, policy);
      if (lapse) await this.#d.end(s, lapse, SYSTEM_ACTOR);
      else live.push(s);
    }
    return live;
  }

  /**
   * Brings the tenant's (or these users') active sessions under the limit: the oldest beyond it end, the rest
   * hold slots below it. Answers how many ended. With `policy` null, each person's own limit (their roles'
   * overrides weighed) applies, and people without a limit are left alone.
   */
  async enforceLimit(
    tenantId: string,
    policy: SessionPolicy | null,
    userIds?: readonly string[],
  ): Promise<number> {
    let ended = 0;
    const { items } = await this.#d.store.listSessions({
      tenantId,
      status: 'active',
      ...(userIds ? { userIds } : {}),
    });
    const byUser = new Map<string, Session[]>();
    for (const s of items) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
    const own = policy ? null : await this.#d.policiesFor(tenantId, [...byUser.keys()]);
    for (const [userId, sessions] of byUser) {
      const limit = (policy ?? own?.get(userId))?.concurrentSessions;
      if (!limit?.enabled) continue;
      const { max } = limit;
      const newestFirst = oldestFirst(sessions).reverse();
      for (const victim of newestFirst.slice(max)) {
        if (await this.#d.end(victim, 'concurrency_limit', SYSTEM_ACTOR)) ended++;
      }
      const kept = newestFirst.slice(0, max);
      const taken = new Set(kept.map((s) => s.slot).filter((n): n is number => n !== null && n < max));
      for (const s of kept) {
        if (s.slot !== null && s.slot < max) continue;
        const free = Array.from({ length: max }, (_, n) => n).filter((n) => !taken.has(n));
        for (const slot of free) {
          const key = { tenantId, userId, slot };
          if (
            !(await this.#d.store.claimSlot(
              key,
              { sessionId: s.id, tokenHash: s.tokenHash },
              this.#d.clock.now(),
            ))
          )
            continue;
          taken.add(slot);
          await this.#d.store.setSessionSlot(s.tokenHash, slot);
          if (s.slot !== null) await this.#d.store.releaseSlot({ tenantId, userId, slot: s.slot }, s.id);
          break;
        }
      }
    }
    return ended;
  }
}

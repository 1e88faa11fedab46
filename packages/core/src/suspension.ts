import type { Actor } from './audit.js';
import { SYSTEM_ACTOR } from './audit.js';
import { SessionKitError } from './errors.js';
import type { SessionPolicy } from './policy.js';
import type { EndReason } from './session.js';
import type { ImportResult, ImportedSession, IssueInput, IssueResult, ServiceDeps } from './serviceTypes.js';
import type { LiveSession, SessionRef } from './store.js';
import { parseSuspension } from './suspensionInput.js';
import { hashSecret, newPublicId } from './tokens.js';
import type { Suspension, SuspendedValidation, SuspensionMark } from './suspensionTypes.js';

export type { Suspension, SuspendedValidation, SuspensionMark, SuspensionStore } from './suspensionTypes.js';

/**
 * A sign-in refused because the person's sessions are suspended: otherwise signing in again would walk
 * around the suspension. The server answers it as `401 session_suspended`, like a request on a session.
 */
export class SessionSuspendedError extends SessionKitError {
  readonly reason: string;
  readonly until: Date;

  constructor(suspension: Pick<Suspension, 'reason' | 'until'>) {
    super('unauthenticated', 'your sessions are suspended');
    this.reason = suspension.reason;
    this.until = new Date(suspension.until);
  }
}

export interface SuspendResult {
  suspension: Suspension;
  /** The person's active sessions now paused. */
  sessions: number;
}

export interface ResumeResult {
  suspension: Suspension;
  /** The person's active sessions working again. */
  sessions: number;
}

/** The mark is read back and written again at most this often, when a concurrent activity write lost it. */
const MARK_ATTEMPTS = 5;

/**
 * Suspending and resuming a person's sessions. The person's suspension record is the truth; each live session
 * carries a mark so the per-request check needs no second read. A request on a marked session reads the record
 * (a second read, for suspended sessions only) so that a mark left behind by a resume that raced it can't keep
 * a person out.
 *
 * Clocks during the pause: the idle clock stands still (the person can't use the session, so the pause must
 * not end it for idleness: idle time counts from the later of the last request and the pause's end), while the
 * lifetime keeps running (it bounds how long a secret lives; a pause must not extend it).
 */
export class Suspensions {
  readonly #d: ServiceDeps;

  constructor(deps: ServiceDeps) {
    this.#d = deps;
  }

  /**
   * Pauses every active session of the person until `until`, with a reason they are shown. A second
   * suspension replaces the first (a new end or reason). Answers how many sessions paused.
   */
  async suspend(tenantId: string, userId: string, input: unknown, actor: Actor): Promise<SuspendResult> {
    const now = this.#d.clock.now();
    const { until, reason } = parseSuspension(input, now);
    // Mirrors the force logout's rule: an administrator can't act on themselves this way (they would lock
    // themselves out with no one to resume them); who may act on whom is the host's access rule.
    if (actor.userId === userId)
      throw new SessionKitError('forbidden', 'you cannot suspend your own sessions', { field: 'userId' });
    const suspension: Suspension = {
      id: newPublicId('sus'),
      tenantId,
      userId,
      reason,
      until,
      suspendedAt: now,
      suspendedBy: actor.userId,
    };
    // The record first: a login that lands after it is refused, one that lands before it has its live
    // document by the time the sessions are listed below, and one in between marks itself (`admitted`).
    await this.#d.store.saveSuspension(suspension);
    const sessions = await this.#markAll(tenantId, userId, markOf(suspension));
    await this.#d.audit(tenantId, 'sessions_suspended', actor, {
      targetUserId: userId,
      reason,
      details: { until: until.toISOString(), sessions },
    });
    return { suspension, sessions };
  }

  /** Lifts the person's suspension now: their sessions work again. `not_found` when none is in force. */
  async resume(tenantId: string, userId: string, actor: Actor): Promise<ResumeResult> {
    const current = await this.current(tenantId, userId);
    if (!current || !(await this.#d.store.liftSuspension(tenantId, userId, current.id)))
      throw new SessionKitError('not_found', 'this person is not suspended', { field: 'userId' });
    const now = this.#d.clock.now();
    // The mark stays, ended now: the idle clock restarts from the resume.
    const sessions = await this.#markAll(tenantId, userId, { ...markOf(current), until: now });
    await this.#d.audit(tenantId, 'sessions_resumed', actor, {
      targetUserId: userId,
      reason: current.reason,
      details: { until: current.until.toISOString(), sessions },
    });
    return { suspension: current, sessions };
  }

  /** The person's suspension in force, or null (one whose time passed is lifted and audited as it is found). */
  async current(tenantId: string, userId: string): Promise<Suspension | null> {
    const found = await this.#d.store.findSuspension(tenantId, userId);
    if (!found) return null;
    if (found.until > this.#d.clock.now()) return found;
    await this.#lapse(found);
    return null;
  }

  /** The tenant's suspensions in force, soonest to end first (the team view's list); lapsed ones are lifted. */
  async list(tenantId: string): Promise<Suspension[]> {
    const now = this.#d.clock.now();
    const out: Suspension[] = [];
    for (const s of await this.#d.store.listSuspensions(tenantId)) {
      if (s.until > now) out.push(s);
      else await this.#lapse(s);
    }
    return out.sort((a, b) => a.until.getTime() - b.until.getTime() || (a.userId < b.userId ? -1 : 1));
  }

  /** Lifts every suspension of the tenant whose time passed: the sweeper's part, so the trail says when. */
  async lapseDue(tenantId: string): Promise<number> {
    const now = this.#d.clock.now();
    let lapsed = 0;
    for (const s of await this.#d.store.listSuspensions(tenantId))
      if (s.until <= now && (await this.#lapse(s))) lapsed++;
    return lapsed;
  }

  /**
   * A login around `issue`: refused with `SessionSuspendedError` while the person is suspended; a suspension
   * that began while it was in flight pauses the new session too (its record is read again once it is stored).
   */
  async admit(input: IssueInput, issue: (input: IssueInput) => Promise<IssueResult>): Promise<IssueResult> {
    if (typeof input?.tenantId === 'string' && typeof input.userId === 'string') {
      const current = await this.current(input.tenantId, input.userId);
      if (current) throw new SessionSuspendedError(current);
    }
    const result = await issue(input);
    if (result.status !== 'issued') return result;
    const current = await this.#d.store.findSuspension(result.session.tenantId, result.session.userId);
    if (current && current.until > this.#d.clock.now())
      await this.#d.store.markSession(result.session.tokenHash, markOf(current));
    return result;
  }

  /**
   * Sessions that arrive outside a login (an import, a password change's replacement): those of a person
   * suspended now carry the mark too, so a suspension can't be walked around by a new secret.
   */
  async markArrivals(
    sessions: readonly Pick<LiveSession, 'tenantId' | 'userId' | 'tokenHash'>[],
  ): Promise<void> {
    const now = this.#d.clock.now();
    for (const tenantId of new Set(sessions.map((s) => s.tenantId))) {
      // One read a tenant (a small collection), however many sessions arrived.
      const inForce = new Map<string, Suspension>();
      for (const s of await this.#d.store.listSuspensions(tenantId))
        if (s.until > now) inForce.set(s.userId, s);
      if (inForce.size === 0) continue;
      for (const session of sessions) {
        const suspension = session.tenantId === tenantId ? inForce.get(session.userId) : undefined;
        if (suspension) await this.#d.store.markSession(session.tokenHash, markOf(suspension));
      }
    }
  }

  /** An import's answer, once the sessions of people suspended now carry the mark (see `markArrivals`). */
  async afterImport(
    input: readonly ImportedSession[],
    importing: Promise<ImportResult>,
  ): Promise<ImportResult> {
    const result = await importing;
    // Answers line up with the input, which the import checked: each carries its tenant.
    await this.markArrivals(
      result.sessions.map((s, i) => ({
        tenantId: input[i]!.tenantId,
        userId: s.userId,
        tokenHash: hashSecret(s.secret),
      })),
    );
    return result;
  }

  /**
   * Whether an end for idleness must not happen: lists and the limit judge idleness on records and on the view
   * mirror's copies, which don't carry a pause's mark, so the live document has the last word.
   */
  async spares(session: SessionRef, endReason: EndReason): Promise<boolean> {
    if (endReason !== 'idle_timeout') return false;
    const live = await this.#d.store.findLiveSession(session.tokenHash);
    return !!live?.suspension && this.#d.lapse(live, await this.#d.getPolicy(live.tenantId)) === null;
  }

  /** A sweep candidate's lapse, judged on its live document when idleness is the reason (see `spares`). */
  async lapseNow(s: LiveSession, policy: SessionPolicy): Promise<'expired' | 'idle_timeout' | null> {
    const lapse = this.#d.lapse(s, policy);
    if (lapse !== 'idle_timeout') return lapse;
    const live = await this.#d.store.findLiveSession(s.tokenHash);
    return live ? this.#d.lapse(live, policy) : null;
  }

  /**
   * The per-request decision for a session that passed its lapse checks: null (go on) unless its mark is in
   * force, and then only if the person's record agrees; a mark a racing resume left behind is ended here.
   */
  async refuse(session: LiveSession): Promise<SuspendedValidation | null> {
    const mark = session.suspension;
    if (!mark || mark.until <= this.#d.clock.now()) return null;
    const current = await this.current(session.tenantId, session.userId);
    if (!current) {
      const ended = { ...mark, until: this.#d.clock.now() };
      await this.#d.store.markSession(session.tokenHash, ended);
      session.suspension = ended;
      return null;
    }
    return suspendedOf(session, current);
  }

  /**
   * After an activity write: on FerretDB an update rewrites the whole document, so a touch racing the mark
   * may have written over it. The write is rare (once per touch interval), so checking the record then costs
   * a small read per write, not per request. Answers the refusal when the mark had to be written again.
   */
  async afterTouch(session: LiveSession): Promise<SuspendedValidation | null> {
    const now = this.#d.clock.now();
    if (session.suspension && session.suspension.until > now) return null;
    const current = await this.#d.store.findSuspension(session.tenantId, session.userId);
    if (!current || current.until <= now) return null;
    // Written again even if a resume lifts the record meanwhile: the next request's `refuse` reads the
    // record and ends a mark it doesn't back.
    session.suspension = markOf(current);
    await this.#d.store.markSession(session.tokenHash, session.suspension);
    return suspendedOf(session, current);
  }

  async #lapse(suspension: Suspension): Promise<boolean> {
    if (!(await this.#d.store.liftSuspension(suspension.tenantId, suspension.userId, suspension.id)))
      return false;
    await this.#d.audit(suspension.tenantId, 'suspension_lapsed', SYSTEM_ACTOR, {
      targetUserId: suspension.userId,
      reason: suspension.reason,
      details: { until: suspension.until.toISOString() },
    });
    return true;
  }

  /**
   * Marks each of the person's live sessions, then reads each back and marks again any whose mark a racing
   * activity write replaced (FerretDB rewrites whole documents on update), until all hold it.
   */
  async #markAll(tenantId: string, userId: string, mark: SuspensionMark): Promise<number> {
    const sessions = await this.#d.store.listLiveSessions(tenantId, userId);
    // One after another: on FerretDB writes queue behind one lock (see Endings.endWhere).
    for (const s of sessions) await this.#d.store.markSession(s.tokenHash, mark);
    let pending = sessions;
    for (let attempt = 0; attempt < MARK_ATTEMPTS && pending.length > 0; attempt++) {
      const lost: LiveSession[] = [];
      for (const s of pending) {
        const live = await this.#d.store.findLiveSession(s.tokenHash);
        if (live && !sameMark(live.suspension, mark)) lost.push(live);
      }
      for (const s of lost) await this.#d.store.markSession(s.tokenHash, mark);
      pending = lost;
    }
    return sessions.length;
  }
}

function markOf(s: Suspension): SuspensionMark {
  return { id: s.id, until: new Date(s.until), reason: s.reason };
}

function sameMark(a: SuspensionMark | null | undefined, b: SuspensionMark): boolean {
  return !!a && a.id === b.id && new Date(a.until).getTime() === b.until.getTime();
}

function suspendedOf(session: LiveSession, s: Suspension): SuspendedValidation {
  return {
    status: 'suspended',
    reason: s.reason,
    until: new Date(s.until),
    sessionId: session.id,
    userId: session.userId,
    tenantId: session.tenantId,
  };
}

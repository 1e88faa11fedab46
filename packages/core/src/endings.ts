import type { Actor } from './audit.js';
import { slotKey } from './slots.js';
import { SessionKitError } from './errors.js';
import type { EndReason, Session } from './session.js';
import type { RevokeOptions, ServiceDeps } from './serviceTypes.js';
import type { SessionQuery, SessionRef } from './store.js';
import { hashSecret } from './tokens.js';

/**
 * How sessions end: one by the person or an administrator, all of a person's, the whole account's. Every
 * ending goes through `end`: one store write that wins or loses the race, the slot freed, one audit event.
 */
export class Endings {
  readonly #d: Omit<ServiceDeps, 'end'>;
  readonly #onEnded: (tokenHash: string) => void;
  readonly #afterEnd: AfterEnd;

  /**
   * `onEnded` hears of every ending this instance attempted (to drop what it kept for that session);
   * `afterEnd` of each session it did end, after its audit event (a force logout ends the device's trust).
   */
  constructor(
    deps: Omit<ServiceDeps, 'end'>,
    onEnded: (tokenHash: string) => void,
    afterEnd: AfterEnd = () => Promise.resolve(),
  ) {
    this.#d = deps;
    this.#onEnded = onEnded;
    this.#afterEnd = afterEnd;
  }

  /** Ends one session by public id. Unknown, ended or (with `ownerId`) another user's: `not_found`. */
  async revoke(tenantId: string, sessionId: string, options: RevokeOptions): Promise<Session> {
    const session = await this.#d.store.findSessionById(tenantId, sessionId);
    if (
      !session ||
      (options.ownerId !== undefined && session.userId !== options.ownerId) ||
      session.status !== 'active'
    ) {
      throw new SessionKitError('not_found', 'no active session with that id');
    }
    await options.check?.(session);
    const ended = await this.end(
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
    const session = await this.#d.store.findLiveSession(hashSecret(secret));
    if (!session) return null;
    return this.end(session, endReason, { ...actor, userId: actor.userId ?? session.userId });
  }

  /** "Sign out all other sessions": the current one stays. */
  async revokeOthers(
    tenantId: string,
    userId: string,
    currentSessionId: string,
    actor: Actor,
  ): Promise<number> {
    return this.endWhere(tenantId, userId, (s) => s.id !== currentSessionId, 'revoked_others', actor, null);
  }

  /** Force logout: every session of one user, with the reason in the audit trail. The account stays usable. */
  async revokeAllForUser(
    tenantId: string,
    userId: string,
    options: { actor: Actor; reason?: string | null; endReason?: EndReason },
  ): Promise<number> {
    const endReason = options.endReason ?? 'force_logout';
    const reason = options.reason ?? null;
    const ended = await this.endWhere(tenantId, userId, () => true, endReason, options.actor, reason);
    if (endReason === 'force_logout') {
      await this.#d.audit(tenantId, 'force_logout', options.actor, {
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
    const ended = await this.endWhere(
      tenantId,
      undefined,
      (s) => s.id !== options.exceptSessionId && !spared.has(s.userId),
      'force_logout',
      options.actor,
      options.reason,
    );
    await this.#d.audit(tenantId, 'revoke_all', options.actor, {
      reason: options.reason,
      details: { ended },
    });
    return ended;
  }

  /**
   * Call when a user is deactivated: ends all their sessions. An administrator's `reason` is kept on each
   * ended session and its audit event, and shown to the person on their next request.
   */
  onUserDeactivated(
    tenantId: string,
    userId: string,
    options: { actor: Actor; reason?: string | null },
  ): Promise<number> {
    return this.#accountChange(tenantId, userId, null, 'user_deactivated', options);
  }

  /** A password changed: every session but `keepId` (the one that changed it) ends, and the trail says so. */
  onPasswordChanged(
    tenantId: string,
    userId: string,
    keepId: string | null,
    options: { actor: Actor; reason?: string | null },
  ): Promise<number> {
    return this.#accountChange(tenantId, userId, keepId, 'password_changed', options);
  }

  /** Ends a person's sessions for a change to their account, then audits the change itself with the count. */
  async #accountChange(
    tenantId: string,
    userId: string,
    keepId: string | null,
    change: 'user_deactivated' | 'password_changed',
    options: { actor: Actor; reason?: string | null },
  ): Promise<number> {
    const reason = options.reason ?? null;
    const keep = (s: SessionRef) => s.id !== keepId;
    const ended = await this.endWhere(tenantId, userId, keep, change, options.actor, reason);
    await this.#d.audit(tenantId, change, options.actor, {
      targetUserId: userId,
      reason,
      details: { ended },
    });
    return ended;
  }

  /** Call when a deactivated user may sign in again: nothing to end, but the trail records who and why. */
  async onUserReactivated(
    tenantId: string,
    userId: string,
    options: { actor: Actor; reason?: string | null },
  ): Promise<void> {
    await this.#d.audit(tenantId, 'user_reactivated', options.actor, {
      targetUserId: userId,
      reason: options.reason ?? null,
    });
  }

  async endWhere(
    tenantId: string,
    userId: string | undefined,
    keep: (s: SessionRef) => boolean,
    endReason: EndReason,
    actor: Actor,
    reason: string | null,
  ): Promise<number> {
    const items: readonly SessionRef[] =
      userId === undefined
        ? (await this.#d.store.listSessions({ tenantId, status: 'active' } satisfies SessionQuery)).items
        : await this.#d.store.listLiveSessions(tenantId, userId);
    // One after another: on FerretDB (SQLite) writes queue behind one lock, and ends sent in parallel there
    // waited past its 10 s lock timeout at 300,000 sessions instead of finishing sooner.
    let ended = 0;
    for (const s of items.filter(keep)) if (await this.end(s, endReason, actor, reason)) ended++;
    return ended;
  }

  /** Every ending goes through here: one store write, the slot freed, one audit event. */
  async end(
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
    const ended = await this.#d.store.endSession(ref, {
      endedAt: this.#d.clock.now(),
      endReason,
      endedBy: actor.userId,
      note: reason,
    });
    this.#onEnded(session.tokenHash);
    // Only the call that ended it goes on: one slot release and one audit event per session, whatever raced.
    if (!ended) return null;
    if (ended.slot !== null) await this.#d.store.releaseSlot(slotKey(ended, ended.slot), ended.id);
    await this.#d.audit(session.tenantId, 'session_ended', actor, {
      targetUserId: session.userId,
      sessionId: session.id,
      endReason,
      reason,
    });
    await this.#afterEnd(ended, endReason, actor);
    return ended;
  }
}

type AfterEnd = (ended: Session, endReason: EndReason, actor: Actor) => Promise<void>;

import type { Actor } from './audit.js';
import { DAY } from './clock.js';
import type { DeviceNames } from './deviceNames.js';
import type { SignInAlert } from './deviceStore.js';
import { SessionKitError } from './errors.js';
import type { RiskSignal } from './risk.js';
import { riskSignals } from './risk.js';
import type { PublicSession, Session } from './session.js';
import { toPublicSession } from './session.js';
import type { IssueResult, ServiceDeps } from './serviceTypes.js';
import { ALERT_KINDS, signInAlertMessage } from './signInAlertMessage.js';
import { hashSecret, newPublicId, newSecret } from './tokens.js';
import type { PublicSignInAlert, SignInAlertEvent, SignInAlertOptions } from './signInAlertTypes.js';

export type {
  PublicSignInAlert,
  RiskSignalAlert,
  SignInAlertEvent,
  SignInAlertOptions,
} from './signInAlertTypes.js';
export { riskSignalAlertOf } from './signInAlertTypes.js';

// The sign-ins a new one is judged against: as many as the lists' warning signs read per person.
const HISTORY = 200;

/** What a "this wasn't me" link is about, for the page that asks the person to confirm. */
export interface SignInAlertLookup {
  alert: PublicSignInAlert;
  session: PublicSession | null;
  /** True when the link can no longer be used (answered or expired). */
  spent: boolean;
}

/** The answer to "this wasn't me": the session ended (unless it had already), a new password asked. */
export interface SignInAlertDenial {
  alert: PublicSignInAlert;
  ended: boolean;
  passwordChangeRequired: true;
}

/**
 * Sign-in alerts: a sign-in with a high risk signal (new country, new device, impossible travel) raises one,
 * with a one-use link (256 random bits, stored as a hash, expiring) that signs that session out and asks for
 * a new password; the person's list shows the session as unconfirmed until they answer.
 */
export class SignInAlerts {
  readonly #d: ServiceDeps;
  readonly #devices: DeviceNames;
  readonly #options: SignInAlertOptions | null;
  readonly #deliveries = new Set<Promise<void>>();

  constructor(deps: ServiceDeps, devices: DeviceNames, options: SignInAlertOptions | null) {
    this.#d = deps;
    this.#devices = devices;
    this.#options = options;
  }

  /**
   * Judges a new sign-in and, when it carries a high signal, stores an alert and hands it to `onAlert`
   * without waiting for it (a slow mailer must not slow the sign-in). Answers the event, or null.
   */
  async raise(session: Session): Promise<SignInAlertEvent | null> {
    const options = this.#options;
    if (!options) return null;
    const signals = await this.signalsOf(session);
    if (signals.length === 0) return null;
    const now = this.#d.clock.now();
    const secret = newSecret();
    const link = options.linkFor(secret);
    const alert: SignInAlert = {
      id: newPublicId('alr'),
      tenantId: session.tenantId,
      userId: session.userId,
      sessionId: session.id,
      linkHash: hashSecret(secret),
      signals: signals.map((s) => s.kind),
      createdAt: now,
      expiresAt: new Date(now.getTime() + (options.linkTtlMs ?? 7 * DAY)),
      status: 'open',
      resolvedAt: null,
    };
    await this.#d.store.insertSignInAlert(alert);
    const user = (await this.#d.directory?.getUsers(session.tenantId, [session.userId]))?.[0] ?? null;
    const [shown] = await this.#devices.overlay(session.tenantId, [session]);
    const message = signInAlertMessage(
      {
        name: user?.name ?? session.userId,
        signals: alert.signals,
        device: (shown ?? session).device.label,
        location: session.location,
        at: session.createdAt,
        link,
        locale: user?.locale ?? null,
      },
      options.translate,
    );
    const event: SignInAlertEvent = {
      alert: publicAlert(alert),
      signals,
      session: toPublicSession(session),
      message,
      link,
    };
    await this.#d.audit(session.tenantId, 'sign_in_alert', actorOf(session), {
      targetUserId: session.userId,
      sessionId: session.id,
      details: { alertId: alert.id, signals: alert.signals.join(','), locale: message.locale },
    });
    this.#deliver(event);
    return event;
  }

  /** A login's answer, once its alert (if any) is raised: how `SessionService.issue` ends. */
  async afterIssue(issuing: Promise<IssueResult>): Promise<IssueResult> {
    const result = await issuing;
    if (result.status === 'issued') await this.raise(result.session);
    return result;
  }

  /** The high signals of a new sign-in against the person's history; a trusted device raises no new-device one. */
  async signalsOf(session: Session): Promise<RiskSignal[]> {
    const { items: history } = await this.#d.store.listSessions({
      tenantId: session.tenantId,
      userId: session.userId,
      sort: { field: 'createdAt', order: 'desc' },
      limit: HISTORY,
    });
    const high = riskSignals(session, history, { now: this.#d.clock.now() }).filter(
      (s) => s.level === 'high' && ALERT_KINDS.includes(s.kind),
    );
    if (!high.some((s) => s.kind === 'new_device')) return high;
    const trusted = await this.#devices.isTrusted(session.tenantId, session.userId, session.device);
    return trusted ? high.filter((s) => s.kind !== 'new_device') : high;
  }

  /** Waits for the alerts handed to `onAlert` so far: for tests and for a host shutting down. */
  async idle(): Promise<void> {
    while (this.#deliveries.size > 0) await Promise.all([...this.#deliveries]);
  }

  /** What a link is about, without using it (a mail scanner opening the link must change nothing). */
  async lookup(secret: unknown): Promise<SignInAlertLookup> {
    const alert = await this.#alertOf(secret);
    const session = await this.#d.store.findSessionById(alert.tenantId, alert.sessionId);
    const [shown] = session ? await this.#devices.overlay(alert.tenantId, [session]) : [];
    return {
      alert: publicAlert(alert),
      session: shown ? toPublicSession(shown) : null,
      spent: alert.status !== 'open' || alert.expiresAt <= this.#d.clock.now(),
    };
  }

  /** "This wasn't me", from the link: once only; a used or expired link is `gone`. */
  async denyByLink(secret: unknown, ip: string | null): Promise<SignInAlertDenial> {
    const alert = await this.#alertOf(secret);
    if (alert.status !== 'open')
      throw new SessionKitError('gone', 'this link was already used: the sign-in has been answered');
    if (alert.expiresAt <= this.#d.clock.now())
      throw new SessionKitError('gone', 'this link has expired; review your sessions after signing in');
    return this.#deny(alert, { userId: alert.userId, sessionId: null, ip });
  }

  /** "No, sign it out", from the person's own list. */
  async denyFromList(tenantId: string, userId: string, sessionId: string, actor: Actor) {
    return this.#deny(await this.#openAlertOf(tenantId, userId, sessionId), actor);
  }

  /** "Yes, it was me": the session is no longer highlighted, and the link stops working. */
  async confirm(
    tenantId: string,
    userId: string,
    sessionId: string,
    actor: Actor,
  ): Promise<PublicSignInAlert> {
    const alert = await this.#openAlertOf(tenantId, userId, sessionId);
    const resolved = await this.#d.store.resolveSignInAlert(alert.linkHash, 'confirmed', this.#d.clock.now());
    if (!resolved) throw new SessionKitError('not_found', 'this sign-in was already answered');
    await this.#d.audit(tenantId, 'sign_in_alert_answered', actor, {
      targetUserId: userId,
      sessionId,
      details: { alertId: alert.id, answer: 'it_was_me' },
    });
    return publicAlert(resolved);
  }

  /** The person's unanswered alerts, by session id: what their list highlights. */
  async openAlerts(tenantId: string, userId: string): Promise<Map<string, PublicSignInAlert>> {
    const out = new Map<string, PublicSignInAlert>();
    for (const a of await this.#d.store.listSignInAlerts(tenantId, userId)) {
      if (a.status === 'open' && !out.has(a.sessionId)) out.set(a.sessionId, publicAlert(a));
    }
    return out;
  }

  /** When the person was asked to change their password after "this wasn't me"; null when nothing is asked. */
  passwordChangeAsked(tenantId: string, userId: string): Promise<Date | null> {
    return this.#d.store.getPasswordChangeAsk(tenantId, userId);
  }

  async #deny(alert: SignInAlert, actor: Actor): Promise<SignInAlertDenial> {
    const now = this.#d.clock.now();
    const resolved = await this.#d.store.resolveSignInAlert(alert.linkHash, 'denied', now);
    if (!resolved) throw new SessionKitError('gone', 'this sign-in was already answered');
    const session = await this.#d.store.findSessionById(alert.tenantId, alert.sessionId);
    const ended =
      session?.status === 'active'
        ? await this.#d.end(
            session,
            'revoked',
            actor,
            'Signed out by its owner from a sign-in alert: they did not recognise this sign-in.',
          )
        : null;
    await this.#d.store.setPasswordChangeAsk(alert.tenantId, alert.userId, now);
    await this.#d.audit(alert.tenantId, 'sign_in_alert_answered', actor, {
      targetUserId: alert.userId,
      sessionId: alert.sessionId,
      details: { alertId: alert.id, answer: 'not_me', ended: ended !== null, passwordChangeAsked: true },
    });
    return { alert: publicAlert(resolved), ended: ended !== null, passwordChangeRequired: true };
  }

  async #alertOf(secret: unknown): Promise<SignInAlert> {
    if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512)
      throw new SessionKitError('invalid_input', '`token` must be the text after #token= in the link', {
        field: 'token',
      });
    const alert = await this.#d.store.findSignInAlert(hashSecret(secret));
    if (!alert) throw new SessionKitError('not_found', 'this link is not valid', { field: 'token' });
    return alert;
  }

  async #openAlertOf(tenantId: string, userId: string, sessionId: string): Promise<SignInAlert> {
    const alert = (await this.#d.store.listSignInAlerts(tenantId, userId)).find(
      (a) => a.sessionId === sessionId && a.status === 'open',
    );
    if (!alert) throw new SessionKitError('not_found', 'no unanswered sign-in alert for that session');
    return alert;
  }

  #deliver(event: SignInAlertEvent): void {
    const options = this.#options;
    if (!options) return;
    const delivery = (async () => {
      try {
        await options.onAlert(event);
      } catch (error) {
        // The sign-in stands: the alert is stored and the list highlights it; the failure is on record.
        console.warn(
          'sessionkit: the sign-in alert hook failed',
          error instanceof Error ? error.message : error,
        );
        await this.#d
          .audit(event.alert.tenantId, 'sign_in_alert', actorOf(event.session), {
            targetUserId: event.alert.userId,
            sessionId: event.alert.sessionId,
            details: { alertId: event.alert.id, delivery: 'failed' },
          })
          .catch(() => undefined);
      }
    })();
    this.#deliveries.add(delivery);
    void delivery.finally(() => this.#deliveries.delete(delivery));
  }
}

function publicAlert(alert: SignInAlert): PublicSignInAlert {
  const { linkHash: _linkHash, ...rest } = alert;
  return rest;
}

function actorOf(session: Pick<Session, 'userId' | 'id' | 'ip'>): Actor {
  return { userId: session.userId, sessionId: session.id, ip: session.ip };
}

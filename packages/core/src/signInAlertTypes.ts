import type { SignInAlert } from './deviceStore.js';
import type { RiskSignal } from './risk.js';
import type { PublicSession } from './session.js';
import type { SignInAlertMessage, Translate } from './signInAlertMessage.js';

/** How sign-in alerts are raised: where the link points, the translations, who hears of them. */
export interface SignInAlertOptions {
  /** The link a person follows, given the one-use secret (put it in the URL's fragment, which no server logs). */
  linkFor(secret: string): string;
  /** Called once per alert, after the sign-in; a failure is logged and audited, never the sign-in's. */
  onAlert(event: SignInAlertEvent): void | Promise<void>;
  translate?: Translate;
  /** How long the "this wasn't me" link works. Default 7 days. */
  linkTtlMs?: number;
}

/** An alert as it may leave the server: no link hash. */
export type PublicSignInAlert = Omit<SignInAlert, 'linkHash'>;

/** What the kit raises after a risky sign-in. */
export interface SignInAlertEvent {
  alert: PublicSignInAlert;
  /** The high signals that raised it. */
  signals: RiskSignal[];
  session: PublicSession;
  message: SignInAlertMessage;
  /** The one-use "this wasn't me" link (its secret is in no other place). */
  link: string;
}

/** What a host's alert hook receives (the server plugin's `onRiskSignal`): the event in its documented shape. */
export interface RiskSignalAlert {
  signal: {
    alertId: string;
    tenantId: string;
    userId: string;
    sessionId: string;
    /** The high signals that raised it, with a sentence each. */
    signals: RiskSignal[];
    session: PublicSession;
  };
  message: SignInAlertMessage;
  /** The one-use link (also in `message.text`); its secret is stored nowhere but as a hash. */
  link: string;
}

/** Core's alert event as a host's hook receives it. */
export function riskSignalAlertOf(event: SignInAlertEvent): RiskSignalAlert {
  return {
    signal: {
      alertId: event.alert.id,
      tenantId: event.alert.tenantId,
      userId: event.alert.userId,
      sessionId: event.alert.sessionId,
      signals: event.signals,
      session: event.session,
    },
    message: event.message,
    link: event.link,
  };
}

import type { EndReason } from './session.js';

/**
 * What the audit trail records. Every session ending writes `session_ended` with its `endReason`;
 * admin actions that end many sessions also write one event of their own carrying the reason given, as do
 * the account changes the host reports (a password changed, a person deactivated or reactivated), so that
 * the trail has them even when no session was open.
 */
export type AuditAction =
  | 'login'
  | 'login_denied'
  | 'session_ended'
  | 'force_logout'
  | 'revoke_all'
  | 'bulk_force_logout'
  | 'policy_updated'
  | 'password_changed'
  | 'user_deactivated'
  | 'user_reactivated'
  | 'app_authorized'
  | 'app_first_used'
  | 'app_revoked'
  | 'push_registered'
  | 'push_removed'
  | 'api_key_created'
  | 'api_key_first_used'
  | 'api_key_revoked'
  | 'sessions_imported'
  | 'credentials_imported'
  | 'sessions_suspended'
  | 'sessions_resumed'
  | 'suspension_lapsed'
  | 'sign_in_alert'
  | 'sign_in_alert_answered'
  | 'device_updated'
  | 'device_trust_ended';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'login',
  'login_denied',
  'session_ended',
  'force_logout',
  'revoke_all',
  'bulk_force_logout',
  'policy_updated',
  'password_changed',
  'user_deactivated',
  'user_reactivated',
  'app_authorized',
  'app_first_used',
  'app_revoked',
  'push_registered',
  'push_removed',
  'api_key_created',
  'api_key_first_used',
  'api_key_revoked',
  'sessions_imported',
  'credentials_imported',
  'sessions_suspended',
  'sessions_resumed',
  'suspension_lapsed',
  'sign_in_alert',
  'sign_in_alert_answered',
  'device_updated',
  'device_trust_ended',
];

export interface AuditEvent {
  id: string;
  tenantId: string;
  at: Date;
  action: AuditAction;
  /** Who did it; null when the system did (idle timeout, expiry, limit). */
  actorId: string | null;
  /** Whose account it concerns. */
  targetUserId: string | null;
  sessionId: string | null;
  endReason: EndReason | null;
  /** The words an administrator gave, e.g. for a force logout. */
  reason: string | null;
  ip: string | null;
  /** Small, non-secret details (counts, changed fields). */
  details: Record<string, string | number | boolean | null>;
}

/** Who is acting: a user (with their session, when known) or the system. */
export interface Actor {
  userId: string | null;
  sessionId?: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null };

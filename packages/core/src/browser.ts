// The part of core a browser bundle may use: types, labels and policy rules, with no Node built-ins and no
// CommonJS dependencies. Hosts' bundlers keep ua-parser-js and maxmind when they are imported from the root
// entry even if unused (CommonJS modules count as side effects), so UI code imports from here instead.
export type { Actor, AuditAction, AuditEvent } from './audit.js';
export { AUDIT_ACTIONS } from './audit.js';
export { DAY, HOUR, MINUTE } from './clock.js';
export type { ApiKey, ApiKeyActivity, AuthorizedApp, PushPlatform, PushRegistration } from './credentials.js';
export type { SessionKitErrorCode } from './errors.js';
export { ACTIVE_NOW_MS, isActiveNow, lastActiveLabel } from './lastActive.js';
export type { FieldError, OnExceed, SessionPolicy, TimeUnit } from './policy.js';
export {
  DEFAULT_POLICY,
  IDLE_TIMEOUT_PRESETS,
  POLICY_LIMITS,
  TIME_UNITS,
  durationMs,
  idleTimeoutMs,
  policyErrors,
} from './policy.js';
export type { RiskKind, RiskLevel, RiskSignal } from './risk.js';
export { highestRisk } from './risk.js';
export type {
  ClientInfo,
  Device,
  DeviceType,
  EndReason,
  Location,
  PublicSession,
  SessionActivity,
  SessionKind,
  SessionStatus,
} from './session.js';
export { END_REASONS, truncateSessionId } from './session.js';
export type { AdminSummary, AdminUserRow, LoginStats, LoginStatsDay } from './sessionService.js';

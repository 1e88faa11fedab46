// The part of core a browser bundle may use: types, labels and policy rules, with no Node built-ins and no
// CommonJS dependencies. Hosts' bundlers keep ua-parser-js and maxmind when they are imported from the root
// entry even if unused (CommonJS modules count as side effects), so UI code imports from here instead.
export type {
  AccessAction,
  AccessAnswer,
  AccessCaller,
  AccessRequest,
  AuthorizeHook,
  TargetAction,
} from './access.js';
export {
  ACCESS_ACTIONS,
  ACT_ON_BEHALF_PERMISSION,
  ADMIN_PERMISSION,
  answerAccess,
  defaultAuthorize,
  isSessionAdmin,
} from './access.js';
export type { Actor, AuditAction, AuditEvent } from './audit.js';
export { AUDIT_ACTIONS } from './audit.js';
export type {
  BulkPerson,
  BulkRevokePreview,
  BulkRevokeResult,
  BulkSelection,
  BulkSelectionBody,
} from './bulkShapes.js';
export { BULK_SHAPES, MAX_BULK_PEOPLE } from './bulkShapes.js';
export { DAY, HOUR, MINUTE } from './clock.js';
export type { ApiKey, ApiKeyActivity, AuthorizedApp, PushPlatform, PushRegistration } from './credentials.js';
export type { SessionKitErrorCode } from './errors.js';
export type {
  AdminSessionDetailsRecord,
  AdminSummaryRecord,
  AdminUserRecord,
  ApiKeyRecord,
  ApiKeyScopesRecord,
  AuditEventRecord,
  AuthorizedAppRecord,
  CreatedApiKeyRecord,
  CreatedAppRecord,
  DeviceRecordJson,
  EndedCount,
  PasswordChangeAskRecord,
  SessionAlertRecord,
  SignInAlertDenialRecord,
  SignInAlertLookupRecord,
  ErrorBody,
  LimitReachedBody,
  LoginStatsRecord,
  PushRegistrationRecord,
  SessionDetailsRecord,
  SessionRecord,
  SessionUserRecord,
  TeamSessionRecord,
} from './httpShapes.js';
export { HTTP_SHAPES } from './httpShapes.js';
export type { HttpRoute } from './httpRoutes.js';
export { HTTP_ROUTES, reviveAnswer, routeOf } from './httpRoutes.js';
export type { Json, Shape } from './jsonShape.js';
export { reviveJson, shapeErrors } from './jsonShape.js';
export { ACTIVE_NOW_MS, isActiveNow, lastActiveLabel, perLocale } from './lastActive.js';
export type { FieldError, Lifetime, OnExceed, SessionPolicy, TimeUnit } from './policy.js';
export {
  DEFAULT_POLICY,
  IDLE_TIMEOUT_PRESETS,
  POLICY_LIMITS,
  TIME_UNITS,
  durationMs,
  idleTimeoutMs,
  policyErrors,
} from './policy.js';
export type {
  EffectivePolicy,
  PolicyField,
  PolicySource,
  RolePolicies,
  RolePolicyOverride,
} from './rolePolicies.js';
export {
  POLICY_FIELDS,
  ROLE_POLICY_LIMITS,
  accountPart,
  accountPolicyErrors,
  effectivePolicy,
  rolesOf,
} from './rolePolicies.js';
export type { RiskKind, RiskLevel, RiskSignal } from './risk.js';
export type { Suspension, SuspensionMark } from './suspension.js';
export {
  SUSPENSION_LIMITS,
  SUSPENSION_PRESETS_MS,
  parseSuspension,
  suspensionErrors,
} from './suspensionInput.js';
export type {
  SessionSuspendedBody,
  SuspensionChangeRecord,
  SuspensionRecord,
  UserSuspensionRecord,
} from './suspensionShapes.js';
export { SUSPENSION_SHAPES } from './suspensionShapes.js';
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
export { END_REASONS, sameDevice, truncateSessionId } from './session.js';
export type { AdminSummary, AdminUserRow, LoginStats, LoginStatsDay } from './sessionService.js';
export type { DirectoryUser } from './userDirectory.js';
export type { SignInAlertMessage, SignInAlertTextKey, Translate } from './signInAlertMessage.js';
export { ALERT_KINDS, SIGN_IN_ALERT_TEXTS, signInAlertMessage } from './signInAlertMessage.js';
export { DEVICE_NAME_MAX } from './deviceLimits.js';

/**
 * Why a session ended, as its holder learns it: the first request after the end answers
 * `401 { error: 'session_ended', reason, note? }` (the same answer clears the cookie, so it is the only one).
 */
export interface SessionEnded {
  /** An end reason such as `force_logout` or `idle_timeout`; `ended` when the answer named none. */
  reason: string;
  /** The words whoever ended the session gave (an administrator's force-logout reason), or null. */
  note: string | null;
}

/**
 * The one reading of a `session_ended` answer, for every client of the kit's HTTP API (the UI package's
 * data and auth providers, a host's own fetch of `/auth/me`): the ending for a 401 whose JSON body says
 * `session_ended`, null for any other answer. A reason from a newer server than the client stays a string.
 */
export function parseSessionEnded(status: number | undefined, body: unknown): SessionEnded | null {
  if (status !== 401 || !body || typeof body !== 'object') return null;
  const { error, reason, note } = body as Record<string, unknown>;
  if (error !== 'session_ended') return null;
  return {
    reason: typeof reason === 'string' && reason ? reason : 'ended',
    note: typeof note === 'string' && note ? note : null,
  };
}

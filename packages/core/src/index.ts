// Everything a browser may use (browser.ts), and the server side of the domain: stores, the service, tokens.
export * from './browser.js';
export type { Actor, AuditAction, AuditEvent } from './audit.js';
export { AUDIT_ACTIONS, SYSTEM_ACTOR } from './audit.js';
export type { Clock } from './clock.js';
export { DAY, HOUR, MINUTE, ManualClock, systemClock } from './clock.js';
export type {
  CredentialImport,
  CredentialImportResult,
  ImportedApiKey,
  ImportedAuthorizedApp,
  ImportedPushRegistration,
} from './credentialImport.js';
export type { ApiKeyInput, ApiKeySort, CreatedApiKey } from './apiKeys.js';
export type { BulkActor, BulkRevokeOptions } from './bulkRevoke.js';
export { BulkRevoke } from './bulkRevoke.js';
export { ApiKeys, DEFAULT_API_KEY_SCOPES } from './apiKeys.js';
export type { AppGrant, PushInput } from './credentialInput.js';
export { CredentialService } from './credentialService.js';
export { CredentialUsage } from './credentialUsage.js';
export type {
  ApiKey,
  ApiKeyActivity,
  AuthorizedApp,
  CredentialPrincipal,
  CredentialValidation,
  PushPlatform,
  PushRegistration,
} from './credentials.js';
export { describeDevice, deviceLabel } from './device.js';
export type { DeviceChange } from './deviceNames.js';
export { DeviceNames, deviceKeyOf, namedDevice, parseDeviceChange } from './deviceNames.js';
export type { DeviceRecord, DeviceStore, SignInAlert, SignInAlertStatus } from './deviceStore.js';
export type {
  PublicSignInAlert,
  RiskSignalAlert,
  SignInAlertDenial,
  SignInAlertEvent,
  SignInAlertLookup,
  SignInAlertOptions,
} from './signInAlerts.js';
export { SignInAlerts, riskSignalAlertOf } from './signInAlerts.js';
export type { SessionKitErrorCode } from './errors.js';
export { SessionKitError, isSessionKitError } from './errors.js';
export type { GeoResolver } from './geo.js';
export { LOCAL_NETWORK, firstPlace, isPrivateIp, normalizeIp, withLocalNetwork } from './geo.js';
export { MemorySessionStore } from './memoryStore.js';
export { MmdbGeoResolver } from './mmdbGeoResolver.js';
export type { FieldError, Lifetime, OnExceed, SessionPolicy, TimeUnit } from './policy.js';
export {
  DEFAULT_POLICY,
  IDLE_TIMEOUT_PRESETS,
  POLICY_LIMITS,
  TIME_UNITS,
  durationMs,
  grantsRememberMe,
  idleTimeoutMs,
  lifetimeMs,
  parsePolicy,
  policyErrors,
} from './policy.js';
export { hasRolePolicies, parseAccountPolicy } from './rolePolicies.js';
export { DirectoryCache } from './directoryCache.js';
export type { RiskKind, RiskLevel, RiskOptions, RiskSignal } from './risk.js';
export { distanceKm, highestRisk, riskSignals } from './risk.js';
export type {
  ClientInfo,
  Device,
  DeviceType,
  EndReason,
  Location,
  PublicSession,
  Session,
  SessionActivity,
  SessionKind,
  SessionStatus,
} from './session.js';
export { END_REASONS, sameDevice, toPublicSession, truncateSessionId } from './session.js';
export type {
  AdminSummary,
  AdminUserRow,
  AdminUsersQuery,
  ImportedSession,
  ImportResult,
  IssueInput,
  IssueResult,
  LoginStats,
  LoginStatsDay,
  PasswordChangeResult,
  RequestInfo,
  RevokeOptions,
  SessionServiceOptions,
  UserSessionsQuery,
  Validation,
} from './sessionService.js';
export { SessionService } from './sessionService.js';
export type { ResumeResult, SuspendResult, SuspendedValidation, SuspensionStore } from './suspension.js';
export { SessionSuspendedError, Suspensions } from './suspension.js';
export type {
  ActiveCounts,
  ActiveUsersQuery,
  AdminViewStore,
  AuditQuery,
  CredentialStore,
  Ending,
  LifecycleStore,
  LiveSession,
  Page,
  SessionEnd,
  SessionQuery,
  SessionRef,
  SessionStore,
  SlotHolder,
  SlotKey,
  SortOrder,
  TouchPatch,
  UserSessionSummary,
} from './store.js';
export type { CredentialTokenKind } from './tokens.js';
export {
  CREDENTIAL_PREFIXES,
  credentialKindOf,
  deriveSecret,
  hashSecret,
  newCredentialToken,
  newPublicId,
  newSecret,
  newSessionId,
  tokenPreview,
  visiblePrefix,
} from './tokens.js';
export type { DirectoryUser, UserDirectory } from './userDirectory.js';
export { StaticUserDirectory } from './userDirectory.js';
export type { ActiveUserFields } from './storeSupport.js';
export {
  activeUserOrder,
  compareNullableDates,
  compareStrings,
  endOf,
  foldActiveSession,
  liveOf,
  pageActiveUsers,
  pageOf,
  sessionOrder,
  withLiveState,
} from './storeSupport.js';

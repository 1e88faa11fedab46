export { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from './constants.js';
export type { ConnectedProps } from './constants.js';
export { SessionKitRequestError, reviveDates, sessionKitDataProvider } from './dataProvider.js';
export type { SessionKitDataProviderOptions, SessionKitErrorBody } from './dataProvider.js';
export { sessionEndedOnError, sessionEndedReason } from './sessionEnded.js';
export type { SessionEndedOnErrorOptions } from './sessionEnded.js';
export type {
  AdminSummaryRecord,
  AdminUserRecord,
  ApiKeyRecord,
  AuditEventRecord,
  AuthorizedAppRecord,
  LoginStatsRecord,
  PushRegistrationRecord,
  SessionRecord,
} from './records.js';

export { SessionList } from './sessionList/SessionList.js';
export type { SessionListProps } from './sessionList/SessionList.js';
export { SessionListView } from './sessionList/SessionListView.js';
export type { SessionListViewProps } from './sessionList/SessionListView.js';
export { useMySessions, useSignOutOtherSessions, useSignOutSession } from './sessionList/useMySessions.js';

export { ForceLogoutButton } from './forceLogout/ForceLogoutButton.js';
export type { ForceLogoutButtonProps } from './forceLogout/ForceLogoutButton.js';
export { ForceLogoutButtonView } from './forceLogout/ForceLogoutButtonView.js';
export type {
  ForceLogoutButtonViewProps,
  ForceLogoutConfirmation,
} from './forceLogout/ForceLogoutButtonView.js';
export { useForceLogout } from './forceLogout/useForceLogout.js';

export { SessionPolicyForm } from './sessionPolicy/SessionPolicyForm.js';
export type { SessionPolicyFormProps } from './sessionPolicy/SessionPolicyForm.js';
export { SessionPolicyFormView } from './sessionPolicy/SessionPolicyFormView.js';
export type { SessionPolicyFormViewProps } from './sessionPolicy/SessionPolicyFormView.js';
export { useSessionPolicy } from './sessionPolicy/useSessionPolicy.js';

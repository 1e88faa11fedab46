export { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from './constants.js';
export type { ConnectedProps } from './constants.js';
export { ACCESS_CACHE_MS, sessionKitAccessControl } from './accessControl.js';
export type { SessionKitAccessControl, SessionKitAccessControlOptions } from './accessControl.js';
export type { AccessAction, AccessAnswer, TargetAction } from '@sessionkit/core/browser';
export { SessionKitRequestError, sessionKitDataProvider } from './dataProvider.js';
export type { SessionKitDataProviderOptions } from './dataProvider.js';
export type { SessionEnded } from '@sessionkit/core/browser';
export { parseSessionEnded } from '@sessionkit/core/browser';
export {
  sessionEndedFromError,
  sessionEndedFromLoginUrl,
  sessionEndedLoginUrl,
  sessionKitAuthProvider,
  sessionKitRetry,
} from './sessionEnded.js';
export type { SessionKitAuthProviderOptions } from './sessionEnded.js';
export {
  parseSessionSuspended,
  sessionSuspendedFromError,
  sessionSuspendedFromLoginUrl,
  sessionSuspendedLoginUrl,
} from './sessionSuspended.js';
export type { SessionSuspended } from './sessionSuspended.js';
export type {
  AdminSummaryRecord,
  AdminUserRecord,
  ApiKeyRecord,
  AuditEventRecord,
  AuthorizedAppRecord,
  LoginStatsRecord,
  PushRegistrationRecord,
  SessionRecord,
  TeamSessionRecord,
} from '@sessionkit/core/browser';

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
export { SuspendSessions } from './suspension/SuspendSessions.js';
export type { SuspendSessionsProps } from './suspension/SuspendSessions.js';
export { SuspendSessionsView } from './suspension/SuspendSessionsView.js';
export type { SuspendSessionsViewProps } from './suspension/SuspendSessionsView.js';
export { SuspendedPeople } from './suspension/SuspendedPeople.js';
export { SuspendedPeopleView } from './suspension/SuspendedPeopleView.js';
export type { SuspendedPeopleViewProps } from './suspension/SuspendedPeopleView.js';
export { useSuspendedPeople, useSuspensionActions, useUserSuspension } from './suspension/useSuspension.js';

export { SessionPolicyForm } from './sessionPolicy/SessionPolicyForm.js';
export type { SessionPolicyFormProps } from './sessionPolicy/SessionPolicyForm.js';
export { SessionPolicyFormView } from './sessionPolicy/SessionPolicyFormView.js';
export type { SessionPolicyFormViewProps } from './sessionPolicy/SessionPolicyFormView.js';
export { useSessionPolicy } from './sessionPolicy/useSessionPolicy.js';

export { SessionDetails } from './sessionDetails/SessionDetails.js';
export type { SessionDetailsProps } from './sessionDetails/SessionDetails.js';
export { SessionDetailsView } from './sessionDetails/SessionDetailsView.js';
export type { SessionDetailsViewProps } from './sessionDetails/SessionDetailsView.js';
export { useSessionDetails } from './sessionDetails/useSessionDetails.js';

export { SignInAlertPrompt } from './signInAlerts/SignInAlertPrompt.js';
export type { SignInAlertPromptProps } from './signInAlerts/SignInAlertPrompt.js';
export { SignInAlertPromptView } from './signInAlerts/SignInAlertPromptView.js';
export type { SignInAlertPromptViewProps } from './signInAlerts/SignInAlertPromptView.js';
export { useAnswerSignInAlert, usePasswordChangeAsk } from './signInAlerts/useSignInAlerts.js';
export { DeviceNameForm } from './deviceNames/DeviceNameForm.js';
export type { DeviceNameFormProps } from './deviceNames/DeviceNameForm.js';
export { DeviceNameFormView } from './deviceNames/DeviceNameFormView.js';
export type { DeviceNameFormViewProps } from './deviceNames/DeviceNameFormView.js';
export { useRenameDevice } from './deviceNames/useRenameDevice.js';
export { SuspiciousSessionAlert } from './suspicious/SuspiciousSessionAlert.js';
export type { SuspiciousSessionAlertProps } from './suspicious/SuspiciousSessionAlert.js';
export { SuspiciousSessionAlertView } from './suspicious/SuspiciousSessionAlertView.js';
export type { SuspiciousSessionAlertViewProps } from './suspicious/SuspiciousSessionAlertView.js';

export { AuthorizedAppsTab } from './authorizedApps/AuthorizedAppsTab.js';
export type { AuthorizedAppsTabProps } from './authorizedApps/AuthorizedAppsTab.js';
export { AuthorizedAppsTabView } from './authorizedApps/AuthorizedAppsTabView.js';
export type { AuthorizedAppsTabViewProps } from './authorizedApps/AuthorizedAppsTabView.js';
export { useAuthorizedApps } from './authorizedApps/useAuthorizedApps.js';
export { ConnectAppDialog } from './authorizedApps/ConnectAppDialog.js';
export type { ConnectAppDialogProps, NewApp } from './authorizedApps/ConnectAppDialog.js';

export { TeamSessions } from './teamSessions/TeamSessions.js';
export type { TeamSessionsProps } from './teamSessions/TeamSessions.js';
export { TeamSessionsView } from './teamSessions/TeamSessionsView.js';
export type { TeamSessionsViewProps } from './teamSessions/TeamSessionsView.js';
export { UserSessionsList } from './teamSessions/UserSessionsList.js';
export type { UserSessionsListProps } from './teamSessions/UserSessionsList.js';
export { useTeamSessions, useUserSessions } from './teamSessions/useTeamSessions.js';

export { EndedSessions, SessionHistory } from './sessionHistory/SessionHistory.js';
export type { EndedSessionsProps, SessionHistoryProps } from './sessionHistory/SessionHistory.js';
export { SessionHistoryView } from './sessionHistory/SessionHistoryView.js';
export type { SessionHistoryViewProps } from './sessionHistory/SessionHistoryView.js';
export { SessionSignOutButton } from './sessionHistory/SessionSignOutButton.js';
export type { SessionSignOutButtonProps } from './sessionHistory/SessionSignOutButton.js';
export { useEndSession, useMyEndedSessions, useSessionHistory } from './sessionHistory/useSessionHistory.js';
export type { SessionStatusFilter } from './sessionHistory/useSessionHistory.js';

export { ApiKeyActivity, useApiKeys } from './apiKeys/ApiKeyActivity.js';
export type { ApiKeyActivityProps } from './apiKeys/ApiKeyActivity.js';
export { ApiKeyActivityView } from './apiKeys/ApiKeyActivityView.js';
export type { ApiKeyActivityViewProps } from './apiKeys/ApiKeyActivityView.js';

export { AuditLog, useAuditLog } from './auditLog/AuditLog.js';
export type { AuditLogProps } from './auditLog/AuditLog.js';
export { AuditLogView } from './auditLog/AuditLogView.js';
export type { AuditLogViewProps } from './auditLog/AuditLogView.js';

export { LoginStats, useLoginStats } from './loginStats/LoginStats.js';
export type { LoginStatsProps } from './loginStats/LoginStats.js';
export { LoginStatsView } from './loginStats/LoginStatsView.js';
export type { LoginStatsPeriod, LoginStatsViewProps } from './loginStats/LoginStatsView.js';

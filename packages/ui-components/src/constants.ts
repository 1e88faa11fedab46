/** The name SessionKit's data provider is registered under unless the host picks another. */
export const DEFAULT_DATA_PROVIDER_NAME = 'sessionkit';

/**
 * The `resource` / `action` pairs the components ask Refine's access control about, so a host's
 * `accessControlProvider.can` can grant or refuse each one. A check about one user (a force logout, another
 * user's apps or login statistics) names them as `params.userId`. `sessionKitAccessControl` answers every pair
 * from the server's own rule.
 */
export const SESSIONKIT_ACCESS = {
  signOutSession: { resource: 'sessionkit.sessions', action: 'delete' },
  signOutOtherSessions: { resource: 'sessionkit.sessions', action: 'revokeOthers' },
  viewTeam: { resource: 'sessionkit.team', action: 'list' },
  forceLogout: { resource: 'sessionkit.users', action: 'forceLogout' },
  suspendSessions: { resource: 'sessionkit.users', action: 'suspend' },
  signOutTeam: { resource: 'sessionkit.team', action: 'revokeAll' },
  editPolicy: { resource: 'sessionkit.policy', action: 'edit' },
  revokeApp: { resource: 'sessionkit.authorizedApps', action: 'delete' },
  connectApp: { resource: 'sessionkit.authorizedApps', action: 'create' },
  removePushRegistration: { resource: 'sessionkit.pushRegistrations', action: 'delete' },
  viewApiKeys: { resource: 'sessionkit.apiKeys', action: 'list' },
  manageOwnApiKeys: { resource: 'sessionkit.apiKeys', action: 'manageOwn' },
  revokeApiKey: { resource: 'sessionkit.apiKeys', action: 'delete' },
  viewAuditLog: { resource: 'sessionkit.auditEvents', action: 'list' },
  viewLoginStats: { resource: 'sessionkit.loginStats', action: 'show' },
} as const;

/** Props every connected component accepts. */
export interface ConnectedProps {
  /** The name the data provider is registered under; default `sessionkit`. */
  dataProviderName?: string;
  /** The locale for dates and numbers; default Refine's i18n locale, else the browser's. */
  locale?: string;
  /** A fixed "now" for relative times (stories, screenshots); default the clock. */
  now?: Date;
  className?: string;
}

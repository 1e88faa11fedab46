import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { useText } from '../internal/useText.js';
import { AuthorizedAppsTabView } from './AuthorizedAppsTabView.js';
import { useApiKeyScopes } from '../apiKeys/useApiKeyActions.js';
import { useAuthorizedApps } from './useAuthorizedApps.js';

export interface AuthorizedAppsTabProps extends ConnectedProps {
  /** Another user's applications (needs "act on behalf of"); default the signed-in user's own. */
  userId?: string;
  /**
   * Default true: on one's own tab, a "Connect an app" button gives a website or application a token of its own,
   * with rights chosen from the ones the server offers API keys.
   */
  allowConnect?: boolean;
}

/** The "Authorized applications" tab with its "Mobile notifications" list. */
export function AuthorizedAppsTab({
  userId,
  allowConnect = true,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
}: AuthorizedAppsTabProps) {
  const t = useText();
  const data = useAuthorizedApps({ dataProviderName, userId });
  const canRevokeApp = useAccess(SESSIONKIT_ACCESS.revokeApp, { userId }) === 'allowed';
  const canRemovePush = useAccess(SESSIONKIT_ACCESS.removePushRegistration) === 'allowed';
  const canConnect =
    useAccess(SESSIONKIT_ACCESS.connectApp) === 'allowed' && allowConnect && userId === undefined;
  const { scopes } = useApiKeyScopes(dataProviderName, canConnect);
  return (
    <AuthorizedAppsTabView
      apps={data.apps}
      appsLoading={data.appsLoading}
      appsError={data.appsError}
      onRetryApps={data.refetchApps}
      push={data.push}
      pushLoading={data.pushLoading}
      pushError={data.pushError}
      onRetryPush={data.refetchPush}
      now={useNow(now)}
      locale={useLocale(locale)}
      canRevokeApp={canRevokeApp}
      canRemovePush={canRemovePush}
      onRevokeApp={(app) =>
        data.revokeApp(app, t('apps.revoked', 'Access removed for {{name}}', { name: app.name }))
      }
      onRemovePush={(r) =>
        data.removePush(
          r,
          t('apps.pushRemoved', '{{app}} can no longer notify {{device}}', {
            app: r.appName,
            device: r.deviceName,
          }),
        )
      }
      connect={canConnect ? { rights: scopes, onConnect: data.connectApp } : undefined}
      className={className}
    />
  );
}

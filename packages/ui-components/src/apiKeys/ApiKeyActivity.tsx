import { useList } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { useText } from '../internal/useText.js';
import type { ApiKeyRecord } from '@sessionkit/core/browser';
import { ApiKeyActivityView } from './ApiKeyActivityView.js';
import { useRetry } from '../internal/useRetry.js';
import type { ApiKeyScope } from './useApiKeyActions.js';
import { apiKeysResource, useApiKeyActions, useApiKeyScopes } from './useApiKeyActions.js';

export interface ApiKeyActivityProps extends ConnectedProps {
  userName?: (userId: string) => string;
  /**
   * `account` (default): every key of the account, for administrators, who may revoke any. `mine`: the
   * signed-in person's own keys, which they create and revoke.
   */
  scope?: ApiKeyScope;
  /** Default true: a "Create API key" button (the new key is the signed-in person's own). */
  allowCreate?: boolean;
}

/** API keys (`GET /api-keys`, or one's own `GET /me/api-keys`) with last use and requests in the last 24 hours. */
export function useApiKeys(
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  enabled = true,
  scope: ApiKeyScope = 'account',
) {
  const retry = useRetry();
  const { result, query } = useList<ApiKeyRecord>({
    resource: apiKeysResource(scope),
    dataProviderName,
    pagination: { mode: 'off' },
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return {
    keys: result.data,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
  };
}

export function ApiKeyActivity({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
  userName,
  scope = 'account',
  allowCreate = true,
}: ApiKeyActivityProps) {
  const t = useText();
  const access = useAccess(
    scope === 'mine' ? SESSIONKIT_ACCESS.manageOwnApiKeys : SESSIONKIT_ACCESS.viewApiKeys,
  );
  const canCreate = useAccess(SESSIONKIT_ACCESS.manageOwnApiKeys) === 'allowed' && allowCreate;
  const canRevoke =
    useAccess(scope === 'mine' ? SESSIONKIT_ACCESS.manageOwnApiKeys : SESSIONKIT_ACCESS.revokeApiKey) ===
    'allowed';
  const data = useApiKeys(dataProviderName, access === 'allowed', scope);
  const { scopes } = useApiKeyScopes(dataProviderName, canCreate);
  const actions = useApiKeyActions(scope, dataProviderName);
  return (
    <ApiKeyActivityView
      keys={data.keys}
      loading={data.loading}
      error={data.error}
      onRetry={data.refetch}
      allowed={access !== 'denied'}
      now={useNow(now)}
      locale={useLocale(locale)}
      userName={userName}
      create={canCreate ? { scopes, onCreate: (input) => actions.createKey(input) } : undefined}
      onRevoke={
        canRevoke
          ? (key) =>
              actions.revokeKey(key, t('apiKeys.revokedToast', '{{name}} was revoked', { name: key.name }))
          : undefined
      }
      className={className}
    />
  );
}

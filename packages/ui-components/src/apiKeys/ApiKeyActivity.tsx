import { useList } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import type { ApiKeyRecord } from '@sessionkit/core/browser';
import { ApiKeyActivityView } from './ApiKeyActivityView.js';
import { useRetry } from '../internal/useRetry.js';

export interface ApiKeyActivityProps extends ConnectedProps {
  userName?: (userId: string) => string;
}

/** The account's API keys (`GET /api-keys`) with last use and requests in the last 24 hours. */
export function useApiKeys(dataProviderName = DEFAULT_DATA_PROVIDER_NAME, enabled = true) {
  const retry = useRetry();
  const { result, query } = useList<ApiKeyRecord>({
    resource: 'api-keys',
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
}: ApiKeyActivityProps) {
  const access = useAccess(SESSIONKIT_ACCESS.viewApiKeys);
  const data = useApiKeys(dataProviderName, access === 'allowed');
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
      className={className}
    />
  );
}

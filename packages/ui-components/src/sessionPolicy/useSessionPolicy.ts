import { useCustom, useCustomMutation } from '@refinedev/core';
import type { SessionPolicy } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import { useRetry } from '../internal/useRetry.js';

/** The account's session policy (`GET /policy`) and a save (`PUT /policy`). */
export function useSessionPolicy(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const retry = useRetry();
  const { result, query } = useCustom<SessionPolicy>({
    url: 'policy',
    method: 'get',
    dataProviderName,
    queryOptions: { retry },
    errorNotification: false,
  });
  const { mutateAsync, mutation } = useCustomMutation<SessionPolicy>();
  return {
    policy: query.isSuccess ? result.data : null,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    save: async (policy: SessionPolicy, successMessage: string) => {
      const response = await mutateAsync({
        url: 'policy',
        method: 'put',
        values: policy,
        dataProviderName,
        successNotification: { type: 'success', message: successMessage },
        errorNotification: false,
      });
      await query.refetch();
      return response.data;
    },
    saving: mutation.isPending,
  };
}

import { useCustomMutation, useInvalidate } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';

/** Ends every session of one user: `POST /admin/users/:userId/force-logout { reason }`. */
export function useForceLogout(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useCustomMutation<{ ended: number }>();
  const invalidate = useInvalidate();
  return {
    forceLogout: async (
      userId: string,
      reason: string | undefined,
      successMessage: (ended: number) => string,
    ) => {
      const response = await mutateAsync({
        url: `admin/users/${encodeURIComponent(userId)}/force-logout`,
        method: 'post',
        values: reason ? { reason } : {},
        dataProviderName,
        successNotification: (data) => ({
          type: 'success',
          message: successMessage(Number(data?.data.ended ?? 0)),
        }),
        errorNotification: false,
      });
      await Promise.all(
        ['admin/users', 'admin/sessions'].map((resource) =>
          invalidate({ resource, dataProviderName, invalidates: ['list'] }),
        ),
      );
      return response.data;
    },
    pending: mutation.isPending,
  };
}

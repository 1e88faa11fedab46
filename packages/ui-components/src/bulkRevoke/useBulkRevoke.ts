import { useCustomMutation, useInvalidate } from '@refinedev/core';
import type { BulkRevokePreview, BulkRevokeResult, BulkSelectionBody } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';

export const BULK_FORCE_LOGOUT = 'admin/bulk-force-logout';

/**
 * Bulk force logout: `POST /admin/bulk-force-logout/preview` for the confirmation's counts, then
 * `POST /admin/bulk-force-logout { userIds | filter, reason }`.
 */
export function useBulkRevoke(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const preview = useCustomMutation<BulkRevokePreview>();
  const execute = useCustomMutation<BulkRevokeResult>();
  const invalidate = useInvalidate();
  return {
    preview: async (selection: BulkSelectionBody): Promise<BulkRevokePreview> => {
      const response = await preview.mutateAsync({
        url: `${BULK_FORCE_LOGOUT}/preview`,
        method: 'post',
        values: selection,
        dataProviderName,
        successNotification: false,
        errorNotification: false,
      });
      return response.data;
    },
    execute: async (
      selection: BulkSelectionBody,
      reason: string | undefined,
      successMessage: (result: BulkRevokeResult) => string,
    ): Promise<BulkRevokeResult> => {
      const response = await execute.mutateAsync({
        url: BULK_FORCE_LOGOUT,
        method: 'post',
        values: { ...selection, ...(reason ? { reason } : {}) },
        dataProviderName,
        successNotification: (data) => ({
          type: 'success',
          message: successMessage(data?.data ?? { bulkId: '', people: 0, ended: 0 }),
        }),
        // The dialog shows the failure where the administrator is looking.
        errorNotification: false,
      });
      await Promise.all(
        ['admin/users', 'admin/sessions', 'audit-events'].map((resource) =>
          invalidate({ resource, dataProviderName, invalidates: ['list'] }),
        ),
      );
      return response.data;
    },
  };
}

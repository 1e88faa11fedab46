import { useCustomMutation, useInvalidate } from '@refinedev/core';
import type { SessionRecord } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import { MY_SESSIONS } from '../sessionList/useMySessions.js';

/** Names or trusts the device of one of the person's sessions: `PATCH /me/sessions/:id/device`. */
export function useRenameDevice(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useCustomMutation<SessionRecord>();
  const invalidate = useInvalidate();
  return {
    save: async (
      session: SessionRecord,
      change: { name: string | null; trusted: boolean },
      message: string,
    ) => {
      const response = await mutateAsync({
        url: `${MY_SESSIONS}/${encodeURIComponent(session.id)}/device`,
        method: 'patch',
        values: change,
        dataProviderName,
        successNotification: { type: 'success', message },
        errorNotification: false,
      });
      // The name belongs to the device: every session from it, in every list, shows it.
      await invalidate({ invalidates: ['all'], dataProviderName });
      return response.data;
    },
    pending: mutation.isPending,
  };
}

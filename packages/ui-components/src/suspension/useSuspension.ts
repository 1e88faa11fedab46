import { useCustom, useCustomMutation, useInvalidate } from '@refinedev/core';
import type {
  SuspensionChangeRecord,
  SuspensionRecord,
  UserSuspensionRecord,
} from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import { useRetry } from '../internal/useRetry.js';

export const ADMIN_SUSPENSIONS = 'admin/suspensions';

const userPath = (userId: string) => `admin/users/${encodeURIComponent(userId)}/suspension`;

/** One person's suspension in force, or null: `GET /admin/users/:userId/suspension`. */
export function useUserSuspension(
  userId: string,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  enabled = true,
) {
  const retry = useRetry();
  const query = useCustom<UserSuspensionRecord>({
    url: userPath(userId),
    method: 'get',
    dataProviderName,
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return {
    suspension: query.query.isSuccess ? query.result.data.suspension : null,
    loading: enabled && query.query.isPending,
    error: query.query.error,
  };
}

/** Everyone whose sessions are paused, soonest to resume first: `GET /admin/suspensions`. */
export function useSuspendedPeople(dataProviderName = DEFAULT_DATA_PROVIDER_NAME, enabled = true) {
  const retry = useRetry();
  const query = useCustom<SuspensionRecord[]>({
    url: ADMIN_SUSPENSIONS,
    method: 'get',
    dataProviderName,
    queryOptions: { retry, enabled },
    errorNotification: false,
  });
  return {
    people: query.query.isSuccess ? query.result.data : [],
    loading: enabled && query.query.isPending,
    error: query.query.error,
  };
}

/** Suspends (`POST`) and resumes (`DELETE`) a person's sessions, then refreshes what shows them. */
export function useSuspensionActions(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync } = useCustomMutation<SuspensionChangeRecord>();
  const invalidate = useInvalidate();
  // Every read of the kit's provider: the person's suspension, the list of suspended people, the team view.
  const refresh = () => invalidate({ invalidates: ['all'], dataProviderName });
  return {
    suspend: async (userId: string, until: Date, reason: string, successMessage: string) => {
      const response = await mutateAsync({
        url: userPath(userId),
        method: 'post',
        values: { until: until.toISOString(), reason },
        dataProviderName,
        successNotification: () => ({ type: 'success', message: successMessage }),
        errorNotification: false,
      });
      await refresh();
      return response.data;
    },
    resume: async (userId: string, successMessage: string) => {
      const response = await mutateAsync({
        url: userPath(userId),
        method: 'delete',
        values: {},
        dataProviderName,
        successNotification: () => ({ type: 'success', message: successMessage }),
        errorNotification: false,
      });
      await refresh();
      return response.data;
    },
  };
}

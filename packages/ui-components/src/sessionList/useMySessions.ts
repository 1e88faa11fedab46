import { useCustomMutation, useDelete, useInvalidate, useList } from '@refinedev/core';
import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { useRetry } from '../internal/useRetry.js';

export const MY_SESSIONS = 'me/sessions';

export interface UseMySessionsOptions {
  dataProviderName?: string;
  pageSize?: number;
  /** Default `active`; `all` also lists ended sessions. */
  status?: 'active' | 'ended' | 'all';
}

/** The signed-in user's sessions, current first, a page at a time. */
export function useMySessions({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  pageSize = 25,
  status = 'active',
}: UseMySessionsOptions = {}) {
  const [page, setPage] = useState(1);
  const retry = useRetry();
  const { result, query } = useList<SessionRecord>({
    resource: MY_SESSIONS,
    dataProviderName,
    pagination: { currentPage: page, pageSize, mode: 'server' },
    meta: { query: { status } },
    queryOptions: { retry },
    errorNotification: false,
  });
  return {
    sessions: result.data,
    total: result.total ?? result.data.length,
    loading: query.isPending,
    error: query.error,
    refetch: () => void query.refetch(),
    page,
    pageSize,
    setPage,
  };
}

/** Ends one of the user's own sessions: `DELETE /me/sessions/:id`. */
export function useSignOutSession(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useDelete<SessionRecord>();
  return {
    signOut: (session: SessionRecord, successMessage: string) =>
      mutateAsync({
        resource: MY_SESSIONS,
        id: session.id,
        dataProviderName,
        // The confirmation already asked; an "undoable" host default would leave the session alive for seconds.
        mutationMode: 'pessimistic',
        successNotification: { type: 'success', message: successMessage },
        errorNotification: false,
      }),
    pending: mutation.isPending,
  };
}

/** Ends every session of the user but the current one: `POST /me/sessions/revoke-others`. */
export function useSignOutOtherSessions(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useCustomMutation<{ ended: number }>();
  const invalidate = useInvalidate();
  return {
    signOutOthers: async (successMessage: (ended: number) => string) => {
      const response = await mutateAsync({
        url: `${MY_SESSIONS}/revoke-others`,
        method: 'post',
        values: {},
        dataProviderName,
        successNotification: (data) => ({
          type: 'success',
          message: successMessage(Number(data?.data.ended ?? 0)),
        }),
        errorNotification: false,
      });
      await invalidate({ resource: MY_SESSIONS, dataProviderName, invalidates: ['list', 'detail'] });
      return response.data;
    },
    pending: mutation.isPending,
  };
}

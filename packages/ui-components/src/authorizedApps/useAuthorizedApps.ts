import { useCustomMutation, useDelete, useInvalidate, useList } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import type { AuthorizedAppRecord, CreatedAppRecord, PushRegistrationRecord } from '@sessionkit/core/browser';
import type { NewApp } from './ConnectAppDialog.js';
import { useRetry } from '../internal/useRetry.js';

/** The route of a user's authorized applications: one's own, or another user's with "act on behalf". */
export function authorizedAppsResource(userId?: string): string {
  return userId ? `admin/users/${encodeURIComponent(userId)}/authorized-apps` : 'me/authorized-apps';
}

export const PUSH_REGISTRATIONS = 'me/push-registrations';

/** Authorized applications and (for one's own account) mobile notification registrations, with remove for each. */
export function useAuthorizedApps({
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  userId,
}: { dataProviderName?: string; userId?: string } = {}) {
  const resource = authorizedAppsResource(userId);
  const retry = useRetry();
  const apps = useList<AuthorizedAppRecord>({
    resource,
    dataProviderName,
    pagination: { mode: 'off' },
    queryOptions: { retry },
    errorNotification: false,
  });
  const push = useList<PushRegistrationRecord>({
    resource: PUSH_REGISTRATIONS,
    dataProviderName,
    pagination: { mode: 'off' },
    queryOptions: { retry, enabled: !userId },
    errorNotification: false,
  });
  const { mutateAsync } = useDelete();
  const connect = useCustomMutation<CreatedAppRecord>();
  const invalidate = useInvalidate();
  const remove = (target: string, id: string, message: string) =>
    mutateAsync({
      resource: target,
      id,
      dataProviderName,
      // The confirmation already asked; an "undoable" host default would leave the token working for seconds.
      mutationMode: 'pessimistic',
      successNotification: { type: 'success', message },
      errorNotification: false,
    });
  return {
    apps: apps.result.data,
    appsLoading: apps.query.isPending,
    appsError: apps.query.error,
    refetchApps: () => void apps.query.refetch(),
    push: userId ? null : push.result.data,
    pushLoading: !userId && push.query.isPending,
    pushError: userId ? null : push.query.error,
    refetchPush: () => void push.query.refetch(),
    /** One's own account only: the answer carries the app's token, once. */
    async connectApp(input: NewApp): Promise<CreatedAppRecord> {
      const response = await connect.mutateAsync({
        url: authorizedAppsResource(),
        method: 'post',
        values: { ...input },
        dataProviderName,
        // The dialog shows the token itself: a toast would be a second place it could be read.
        successNotification: false,
        errorNotification: false,
      });
      await invalidate({ resource: authorizedAppsResource(), dataProviderName, invalidates: ['list'] });
      return response.data;
    },
    revokeApp: (app: AuthorizedAppRecord, message: string) => remove(resource, app.id, message),
    removePush: (registration: PushRegistrationRecord, message: string) =>
      remove(PUSH_REGISTRATIONS, registration.id, message),
  };
}

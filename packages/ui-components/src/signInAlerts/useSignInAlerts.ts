import { useCustom, useCustomMutation, useInvalidate } from '@refinedev/core';
import type {
  PasswordChangeAskRecord,
  SessionRecord,
  SignInAlertDenialRecord,
} from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME } from '../constants.js';
import { MY_SESSIONS } from '../sessionList/useMySessions.js';

/** Whether the person was asked for a new password after "this wasn't me": `GET /me/password-change`. */
export function usePasswordChangeAsk(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { result, query } = useCustom<PasswordChangeAskRecord>({
    url: `${MY_SESSIONS.replace(/sessions$/, '')}password-change`,
    method: 'get',
    dataProviderName,
    queryOptions: { queryKey: ['sessionkit', dataProviderName, 'password-change'] },
    errorNotification: false,
  });
  return { required: result?.data?.required === true, refetch: () => query.refetch() };
}

/** "Yes, it was me" (`POST /me/sessions/:id/confirm`) and "No, sign it out" (`POST /me/sessions/:id/not-me`). */
export function useAnswerSignInAlert(dataProviderName = DEFAULT_DATA_PROVIDER_NAME) {
  const { mutateAsync, mutation } = useCustomMutation<SessionRecord | SignInAlertDenialRecord>();
  const invalidate = useInvalidate();
  const answer = async (session: SessionRecord, verb: 'confirm' | 'not-me', message: string) => {
    await mutateAsync({
      url: `${MY_SESSIONS}/${encodeURIComponent(session.id)}/${verb}`,
      method: 'post',
      values: {},
      dataProviderName,
      successNotification: { type: 'success', message },
      errorNotification: false,
    });
    await invalidate({ resource: MY_SESSIONS, dataProviderName, invalidates: ['list', 'detail'] });
  };
  return {
    confirm: (session: SessionRecord, message: string) => answer(session, 'confirm', message),
    deny: (session: SessionRecord, message: string) => answer(session, 'not-me', message),
    pending: mutation.isPending,
  };
}

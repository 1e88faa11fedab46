import { useGetIdentity } from '@refinedev/core';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS, type ConnectedProps } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useLocale } from '../internal/useLocale.js';
import { useNow } from '../internal/useNow.js';
import { useText } from '../internal/useText.js';
import { SuspendSessionsView } from './SuspendSessionsView.js';
import { useSuspensionActions, useUserSuspension } from './useSuspension.js';

export interface SuspendSessionsProps extends ConnectedProps {
  userId: string;
  /** Named in the dialog and the state: "Suspend the sessions of Dana Reyes?" */
  userName: string;
  /** How many sessions of the person are active, said in the dialog when known. */
  activeSessions?: number;
  size?: 'small' | 'normal';
  /** Whether the suspended state says until when, by whom and why (default); off beside a list that does. */
  stateShown?: boolean;
  /** Called after a suspension or a resume, with the person's active sessions it concerned. */
  onDone?: (sessions: number) => void;
}

/**
 * Pauses a person's sessions for a while with a reason they are shown, and resumes them: the alternative to a
 * force logout while something is looked into (`POST`/`DELETE /admin/users/:userId/suspension`). Hidden when
 * access control refuses `sessionkit.users` / `suspend` for this person (under the default rule, a super user
 * for an administrator who isn't one) and on the signed-in person's own row.
 */
export function SuspendSessions({
  userId,
  userName,
  activeSessions,
  size,
  stateShown,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  now,
  className,
  onDone,
}: SuspendSessionsProps) {
  const t = useText();
  const access = useAccess(SESSIONKIT_ACCESS.suspendSessions, { userId });
  const identity = useGetIdentity<{ id?: string }>();
  const mine = identity.data?.id === userId;
  const allowed = access === 'allowed' && !identity.isLoading && !mine;
  const { suspension, loading } = useUserSuspension(userId, dataProviderName, allowed);
  const actions = useSuspensionActions(dataProviderName);
  const currentNow = useNow(now);
  const currentLocale = useLocale(locale);
  if (!allowed || loading) return null;
  return (
    <SuspendSessionsView
      userName={userName}
      activeSessions={activeSessions}
      suspension={suspension}
      now={currentNow}
      locale={currentLocale}
      size={size}
      stateShown={stateShown}
      className={className}
      onSuspend={async (until, reason) => {
        const result = await actions.suspend(
          userId,
          until,
          reason,
          t('suspend.success', 'Suspended the sessions of {{name}}', { name: userName }),
        );
        onDone?.(result.sessions);
      }}
      onResume={async () => {
        const result = await actions.resume(
          userId,
          t('suspend.resumeSuccess', 'Resumed the sessions of {{name}}', { name: userName }),
        );
        onDone?.(result.sessions);
      }}
    />
  );
}

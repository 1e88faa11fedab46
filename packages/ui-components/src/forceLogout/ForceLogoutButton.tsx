import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useGetIdentity } from '@refinedev/core';
import { usePlural } from '../internal/useText.js';
import { ForceLogoutButtonView, type ForceLogoutConfirmation } from './ForceLogoutButtonView.js';
import { useForceLogout } from './useForceLogout.js';

export interface ForceLogoutButtonProps {
  userId: string;
  /** Named in the confirmation: "Sign Dana Reyes out everywhere?" */
  userName: string;
  /** How many sessions of the user are active, said in the confirmation when known. */
  activeSessions?: number;
  /** Default `reason` (required, kept in the audit trail); `dialog` asks yes/no; `none` acts at once. */
  confirmation?: ForceLogoutConfirmation;
  dataProviderName?: string;
  label?: string;
  size?: 'small' | 'normal';
  tone?: 'solid' | 'subtle';
  className?: string;
  /** Called after the sessions have ended, with how many. */
  onDone?: (ended: number) => void;
}

/**
 * Ends every session of a user at once; their next API call fails with `session_ended` and the browser goes to
 * the login page. Hidden when access control refuses `sessionkit.users` / `forceLogout` for this user
 * (`params.userId`): under the default rule, on a super user for an administrator who isn't one; and on the
 * signed-in person's own row (Refine's `getIdentity` `id`), who signs out from their own sessions list instead.
 */
export function ForceLogoutButton({
  userId,
  userName,
  activeSessions,
  confirmation = 'reason',
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  label,
  size,
  tone,
  className,
  onDone,
}: ForceLogoutButtonProps) {
  const p = usePlural();
  const { forceLogout } = useForceLogout(dataProviderName);
  const access = useAccess(SESSIONKIT_ACCESS.forceLogout, { userId });
  // People sign themselves out from their own sessions list; hidden until the identity is known, so the button
  // never flashes up on one's own row.
  const identity = useGetIdentity<{ id?: string }>();
  if (access !== 'allowed' || identity.isLoading || identity.data?.id === userId) return null;
  return (
    <ForceLogoutButtonView
      userName={userName}
      activeSessions={activeSessions}
      confirmation={confirmation}
      label={label}
      size={size}
      tone={tone}
      className={className}
      onConfirm={async (reason) => {
        const result = await forceLogout(userId, reason, (ended) =>
          p(
            'forceLogout.success',
            {
              one: 'Signed {{name}} out of {{count}} session',
              other: 'Signed {{name}} out of {{count}} sessions',
            },
            ended,
            { name: userName },
          ),
        );
        onDone?.(result.ended);
      }}
    />
  );
}

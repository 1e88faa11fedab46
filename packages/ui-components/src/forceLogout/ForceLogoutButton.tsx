import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from '../constants.js';
import { useAccess } from '../internal/useAccess.js';
import { useText } from '../internal/useText.js';
import { ForceLogoutButtonView, type ForceLogoutConfirmation } from './ForceLogoutButtonView.js';
import { useForceLogout } from './useForceLogout.js';

export interface ForceLogoutButtonProps {
  userId: string;
  /** Named in the confirmation: "Sign Dana Reyes out everywhere?" */
  userName: string;
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
 * (`params.userId`): under the default rule, on a super user for an administrator who isn't one.
 */
export function ForceLogoutButton({
  userId,
  userName,
  confirmation = 'reason',
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  label,
  size,
  tone,
  className,
  onDone,
}: ForceLogoutButtonProps) {
  const t = useText();
  const { forceLogout } = useForceLogout(dataProviderName);
  const access = useAccess(SESSIONKIT_ACCESS.forceLogout, { userId });
  if (access !== 'allowed') return null;
  return (
    <ForceLogoutButtonView
      userName={userName}
      confirmation={confirmation}
      label={label}
      size={size}
      tone={tone}
      className={className}
      onConfirm={async (reason) => {
        const result = await forceLogout(userId, reason, (ended) =>
          t('forceLogout.success', 'Signed {{name}} out of {{count}} sessions', {
            name: userName,
            count: ended,
          }),
        );
        onDone?.(result.ended);
      }}
    />
  );
}

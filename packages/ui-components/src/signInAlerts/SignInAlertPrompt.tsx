import type { SessionRecord } from '@sessionkit/core/browser';
import { DEFAULT_DATA_PROVIDER_NAME, type ConnectedProps } from '../constants.js';
import { useLocale } from '../internal/useLocale.js';
import { deviceName } from '../internal/sessionLabels.js';
import { useText } from '../internal/useText.js';
import { SignInAlertPromptView } from './SignInAlertPromptView.js';
import { useAnswerSignInAlert, usePasswordChangeAsk } from './useSignInAlerts.js';

export interface SignInAlertPromptProps extends ConnectedProps {
  /** The person's sessions, as the page read them (`SessionList` passes its own): no second read. */
  sessions: readonly SessionRecord[];
  /** The host's password page, linked from the ask for a new password. */
  changePasswordHref?: string;
}

/** "Was this you?" for the person's sessions, answered through `POST /me/sessions/:id/confirm` and `/not-me`. */
export function SignInAlertPrompt({
  sessions,
  changePasswordHref,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  locale,
  className,
}: SignInAlertPromptProps) {
  const t = useText();
  const answer = useAnswerSignInAlert(dataProviderName);
  const passwordAsk = usePasswordChangeAsk(dataProviderName);
  return (
    <SignInAlertPromptView
      sessions={sessions}
      passwordChangeRequired={passwordAsk.required}
      {...(changePasswordHref ? { changePasswordHref } : {})}
      onConfirm={(s) =>
        answer.confirm(s, t('alerts.confirmed', 'Thanks: {{device}} is yours.', { device: deviceName(s) }))
      }
      onDeny={async (s) => {
        await answer.deny(
          s,
          t('alerts.denied', 'Signed out of {{device}}. Change your password now.', {
            device: deviceName(s),
          }),
        );
        // Denying asks for a new password: the ask shows at once.
        await passwordAsk.refetch();
      }}
      locale={useLocale(locale)}
      {...(className ? { className } : {})}
    />
  );
}

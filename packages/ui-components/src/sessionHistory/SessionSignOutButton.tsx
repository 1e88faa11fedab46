import { useState } from 'react';
import { DEFAULT_DATA_PROVIDER_NAME, SESSIONKIT_ACCESS } from '../constants.js';
import { LastActive } from '../internal/LastActive.js';
import { ReasonDialog } from '../internal/ReasonDialog.js';
import { deviceName, placeLabel, softwareLine } from '../internal/sessionLabels.js';
import { useAccess } from '../internal/useAccess.js';
import { useText } from '../internal/useText.js';
import type { SessionRecord } from '@sessionkit/core/browser';
import { useEndSession } from './useSessionHistory.js';

export interface SessionSignOutButtonProps {
  /** An active session of someone else, as an administrator's list has it. */
  session: SessionRecord;
  /** Named in the confirmation: "Sign Kofi Mensah out of Chrome on Pixel 9?" */
  userName: string;
  now: Date;
  locale: string;
  /** Default true: the reason goes to the audit trail and to the person's login page. */
  requireReason?: boolean;
  dataProviderName?: string;
  /** Called once the session has ended. */
  onDone?: (session: SessionRecord) => void;
}

/**
 * An administrator ends one session of another user (`DELETE /admin/sessions/:id`), after a dialog that asks
 * why. Hidden for an ended session, and while access control hasn't allowed `sessionkit.users` / `forceLogout`
 * for the session's owner (`params.userId`): the same right as signing them out everywhere.
 */
export function SessionSignOutButton({
  session,
  userName,
  now,
  locale,
  requireReason = true,
  dataProviderName = DEFAULT_DATA_PROVIDER_NAME,
  onDone,
}: SessionSignOutButtonProps) {
  const t = useText();
  const [open, setOpen] = useState(false);
  const { endSession } = useEndSession(dataProviderName);
  const access = useAccess(SESSIONKIT_ACCESS.forceLogout, { userId: session.userId });
  if (access !== 'allowed' || session.status !== 'active') return null;
  const device = deviceName(session);
  return (
    <>
      <button
        type="button"
        className="sk-button sk-button--small sk-button--ghost-danger"
        aria-label={t('endSession.buttonNamed', 'Sign out {{device}} of {{name}}', {
          name: userName,
          device,
        })}
        onClick={() => setOpen(true)}
      >
        {t('endSession.button', 'Sign out')}
      </button>
      <ReasonDialog
        open={open}
        title={t('endSession.title', 'Sign {{name}} out of {{device}}?', { name: userName, device })}
        confirmLabel={t('endSession.confirm', 'Sign out')}
        requireReason={requireReason}
        onConfirm={async (reason) => {
          await endSession(
            session.id,
            reason,
            t('endSession.success', 'Signed {{name}} out of {{device}}', { name: userName, device }),
          );
          onDone?.(session);
        }}
        onClose={() => setOpen(false)}
      >
        <p>
          {t(
            'endSession.text',
            'This session ends now: its next request fails and it must sign in again. Their other sessions stay signed in.',
          )}
        </p>
        <dl className="sk-facts">
          <div>
            <dt>{t('sessionList.software', 'Browser and system')}</dt>
            <dd>{softwareLine(session)}</dd>
          </div>
          <div>
            <dt>{t('sessionList.location', 'Location')}</dt>
            <dd>{placeLabel(session.location, t)}</dd>
          </div>
          <div>
            <dt>{t('sessionList.lastActive', 'Last active')}</dt>
            <dd>
              <LastActive at={session.lastSeenAt} now={now} locale={locale} t={t} />
            </dd>
          </div>
        </dl>
      </ReasonDialog>
    </>
  );
}

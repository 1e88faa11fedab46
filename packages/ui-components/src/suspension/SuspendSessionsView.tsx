import { SUSPENSION_PRESETS_MS, type SuspensionRecord } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { cx } from '../internal/className.js';
import { Dialog } from '../internal/Dialog.js';
import { ReasonField, useReason } from '../internal/ReasonField.js';
import { formatDateTime } from '../internal/intlFormat.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { usePlural, useText, type Text } from '../internal/useText.js';

export interface SuspendSessionsViewProps {
  userName: string;
  /** How many sessions of the person are active, said in the dialog when known. */
  activeSessions?: number;
  /** The person's suspension in force, or null. */
  suspension: SuspensionRecord | null;
  now: Date;
  locale: string;
  /** Pauses the sessions; rejecting keeps the dialog open with the error. */
  onSuspend: (until: Date, reason: string) => Promise<unknown>;
  /** Lifts the suspension now. */
  onResume: () => Promise<unknown>;
  size?: 'small' | 'normal';
  /** Whether the suspended state says until when, by whom and why; off where a list beside it already does. */
  stateShown?: boolean;
  className?: string;
}

function presetLabel(ms: number, t: Text): string {
  const minutes = ms / 60_000;
  if (minutes < 60) return t('suspend.presetMinutes', '{{count}} min', { count: minutes });
  if (minutes < 24 * 60) return t('suspend.presetHours', '{{count}} h', { count: minutes / 60 });
  return t('suspend.presetDays', '{{count}} d', { count: minutes / (24 * 60) });
}

/**
 * "Suspend sessions" with its dialog (a duration, a reason the person is shown), or, while the person is
 * suspended, who suspended them until when and why, with Resume.
 */
export function SuspendSessionsView({
  userName,
  activeSessions,
  suspension,
  now,
  locale,
  onSuspend,
  onResume,
  size = 'normal',
  stateShown = true,
  className,
}: SuspendSessionsViewProps) {
  const t = useText();
  const p = usePlural(locale);
  const durationName = useId();
  const reason = useReason();
  const [open, setOpen] = useState(false);
  const [preset, setPreset] = useState(SUSPENSION_PRESETS_MS[1] ?? 3_600_000);
  const [resuming, setResuming] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const { busy, actionError, clearActionError, run } = useDialogAction();
  const until = new Date(now.getTime() + preset);

  const close = () => {
    reason.reset();
    clearActionError();
    setOpen(false);
  };

  const submit = async () => {
    const trimmed = reason.check(true, t('suspend.reasonRequired', 'Enter a reason: the person sees it.'));
    if (!trimmed) return;
    await run(async () => {
      await onSuspend(until, trimmed);
      setAnnouncement(t('suspend.done', 'The sessions of {{name}} are suspended', { name: userName }));
      close();
    });
  };

  if (suspension) {
    return (
      <div className={cx('sk-suspension', !stateShown && 'sk-suspension--bare', className)} role="status">
        {stateShown && (
          <p className="sk-suspension__text">
            <strong>
              {t('suspend.state', 'Suspended until {{until}}', {
                until: formatDateTime(suspension.until, locale),
              })}
            </strong>{' '}
            {t('suspend.stateBy', 'by {{name}}', {
              name: suspension.suspendedByName ?? t('suspend.system', 'the system'),
            })}
            {' — '}
            <span className="sk-suspension__reason">{suspension.reason}</span>
          </p>
        )}
        <button
          type="button"
          className={cx('sk-button', size === 'small' && 'sk-button--small')}
          aria-busy={resuming || undefined}
          disabled={resuming}
          aria-label={t('suspend.resumeNamed', 'Resume sessions: {{name}}', { name: userName })}
          onClick={async () => {
            setResuming(true);
            try {
              await onResume();
              setAnnouncement(
                t('suspend.resumed', 'The sessions of {{name}} work again', { name: userName }),
              );
            } catch (err) {
              setAnnouncement(
                (err as Error).message || t('common.actionFailed', 'That did not work. Try again.'),
              );
            } finally {
              setResuming(false);
            }
          }}
        >
          {t('suspend.resume', 'Resume')}
        </button>
        <span className="sk-visually-hidden" aria-live="polite">
          {announcement}
        </span>
      </div>
    );
  }

  return (
    <>
      <button
        type="button"
        className={cx('sk-button', size === 'small' && 'sk-button--small', className)}
        onClick={() => setOpen(true)}
        aria-label={t('suspend.buttonNamed', 'Suspend sessions: {{name}}', { name: userName })}
      >
        {t('suspend.button', 'Suspend sessions')}
      </button>
      <span className="sk-visually-hidden" aria-live="polite">
        {announcement}
      </span>
      <Dialog
        open={open}
        title={t('suspend.title', 'Suspend the sessions of {{name}}?', { name: userName })}
        confirmLabel={t('suspend.confirm', 'Suspend')}
        cancelLabel={t('common.cancel', 'Cancel')}
        busy={busy}
        error={actionError}
        onConfirm={() => void submit()}
        onCancel={close}
      >
        <p>
          {activeSessions === undefined
            ? t('suspend.textUnknownCount', 'Every active session of {{name}} pauses until {{until}}.', {
                name: userName,
                until: formatDateTime(until, locale),
              })
            : p(
                'suspend.textCount',
                {
                  one: '{{count}} active session of {{name}} pauses until {{until}}.',
                  other: '{{count}} active sessions of {{name}} pause until {{until}}.',
                },
                activeSessions,
                { name: userName, until: formatDateTime(until, locale) },
              )}{' '}
          {t(
            'suspend.next',
            'Each request they make is refused and they see your reason; signing in again is refused too. Nothing ends: when you resume or the time is up, they carry on without signing in again.',
          )}
        </p>
        <fieldset className="sk-field sk-suspension__presets">
          <legend className="sk-field__label">{t('suspend.duration', 'For how long')}</legend>
          <div className="sk-segmented">
            {SUSPENSION_PRESETS_MS.map((ms) => (
              <label key={ms} className="sk-segmented__option">
                <input
                  type="radio"
                  name={durationName}
                  value={ms}
                  checked={preset === ms}
                  onChange={() => setPreset(ms)}
                />
                <span>{presetLabel(ms, t)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <ReasonField
          reason={reason}
          label={t('suspend.reason', 'Reason they are shown')}
          required
          maxLength={500}
          placeholder={t('suspend.placeholder', 'e.g. Security review in progress; call the IT desk')}
        />
      </Dialog>
    </>
  );
}

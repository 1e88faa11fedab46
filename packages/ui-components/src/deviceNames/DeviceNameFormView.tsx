import { useEffect, useId, useState } from 'react';
import type { SessionRecord } from '@sessionkit/core/browser';
import { DEVICE_NAME_MAX } from '@sessionkit/core/browser';
import { cx } from '../internal/className.js';
import { useText } from '../internal/useText.js';

export interface DeviceNameFormViewProps {
  session: SessionRecord;
  onSave: (change: { name: string | null; trusted: boolean }) => Promise<unknown>;
  className?: string;
}

/**
 * The device's name ("Work laptop") and whether it is trusted (no new-device alerts from it), for one of the
 * person's own sessions. A blank name goes back to the label read from the browser.
 */
export function DeviceNameFormView({ session, onSave, className }: DeviceNameFormViewProps) {
  const t = useText();
  const nameId = useId();
  const errorId = useId();
  const detected = session.device.detectedLabel ?? session.device.label;
  const initialName = session.device.detectedLabel ? session.device.label : '';
  const [name, setName] = useState(initialName);
  const [trusted, setTrusted] = useState(session.device.trusted === true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    setName(initialName);
    setTrusted(session.device.trusted === true);
  }, [initialName, session.device.trusted]);
  const tooLong = name.trim().length > DEVICE_NAME_MAX;
  const unchanged = name.trim() === initialName && trusted === (session.device.trusted === true);

  return (
    <form
      className={cx('sk-root sk-device-name-form', className)}
      aria-label={t('devices.formLabel', 'Name and trust this device')}
      onSubmit={(event) => {
        event.preventDefault();
        if (tooLong || busy) return;
        setBusy(true);
        setFailure(null);
        onSave({ name: name.trim() || null, trusted })
          .catch((error: { message?: string }) =>
            setFailure(error.message ?? t('devices.failed', 'The name could not be saved.')),
          )
          .finally(() => setBusy(false));
      }}
    >
      <div className={cx('sk-field sk-device-name-form__field', tooLong && 'sk-field--invalid')}>
        <label className="sk-field__label" htmlFor={nameId}>
          {t('devices.name', 'Device name')}
        </label>
        <input
          id={nameId}
          className="sk-input"
          value={name}
          placeholder={detected}
          maxLength={DEVICE_NAME_MAX + 20}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong || failure ? errorId : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {(tooLong || failure) && (
          <span id={errorId} className="sk-field__error" role="alert">
            {tooLong
              ? t('devices.tooLong', 'Use at most {{max}} characters.', { max: DEVICE_NAME_MAX })
              : failure}
          </span>
        )}
      </div>
      <label className="sk-device-name-form__check">
        <input type="checkbox" checked={trusted} onChange={(event) => setTrusted(event.target.checked)} />
        {t('devices.trusted', 'Trusted device (no new-device alerts)')}
      </label>
      <button type="submit" className="sk-button sk-button--small" disabled={busy || tooLong || unchanged}>
        {busy ? t('devices.saving', 'Saving…') : t('devices.save', 'Save')}
      </button>
    </form>
  );
}

import { useId, useState } from 'react';
import { Dialog } from './Dialog.js';
import { useText } from './useText.js';

export interface SecretOnceDialogProps {
  open: boolean;
  title: string;
  /** The label of the field that holds the secret, e.g. API key “Nightly export”. */
  label: string;
  secret: string;
  /** Why to copy it now: it is not shown again. */
  warning: string;
  /** How the secret is used, shown under it until Copy is pressed. */
  hint: string;
  onClose: () => void;
}

/**
 * A new credential's secret, shown this once with Copy and a warning that it won't be shown again. The caller
 * renders it in place of its form once the server answered, so the dialog opens afresh with the focus on Copy.
 */
export function SecretOnceDialog({
  open,
  title,
  label,
  secret,
  warning,
  hint,
  onClose,
}: SecretOnceDialogProps) {
  const t = useText();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <Dialog
      open={open}
      title={title}
      confirmLabel={t('apiKeys.done', 'Done')}
      cancelLabel={t('common.close', 'Close')}
      tone="default"
      onConfirm={onClose}
      onCancel={onClose}
    >
      <p className="sk-alert sk-alert--warning" role="status">
        {warning}
      </p>
      <div className="sk-field">
        <label htmlFor={`${id}-secret`} className="sk-field__label">
          {label}
        </label>
        <div className="sk-input-group">
          <input
            id={`${id}-secret`}
            className="sk-input sk-mono"
            readOnly
            value={secret}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="sk-button" data-autofocus onClick={() => void copy()}>
            {t('apiKeys.copy', 'Copy')}
          </button>
        </div>
        <p className="sk-field__hint" aria-live="polite">
          {copied === 'yes'
            ? t('apiKeys.copied', 'Copied to the clipboard.')
            : copied === 'failed'
              ? t('apiKeys.copyFailed', 'Copying didn’t work: select it and copy it yourself.')
              : hint}
        </p>
      </div>
    </Dialog>
  );
}

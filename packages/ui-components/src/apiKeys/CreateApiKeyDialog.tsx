import type { CreatedApiKeyRecord } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { cx } from '../internal/className.js';
import { Dialog } from '../internal/Dialog.js';
import { useDialogAction } from '../internal/useDialogAction.js';
import { useText } from '../internal/useText.js';
import type { NewApiKey } from './useApiKeyActions.js';

export interface CreateApiKeyDialogProps {
  open: boolean;
  /** The scopes the server declares; the person picks at least one. */
  scopes: readonly string[];
  /** "now", for the expiry choices. */
  now: Date;
  /** Creates the key; a failure (its message) shows in the dialog, which stays open. */
  onCreate: (input: NewApiKey) => Promise<CreatedApiKeyRecord>;
  onClose: () => void;
}

const EXPIRIES = [
  { value: 'never', days: null },
  { value: '30', days: 30 },
  { value: '90', days: 90 },
  { value: '365', days: 365 },
] as const;

/**
 * Creating an API key in two steps: a form (name, scopes, expiry), then the new secret, shown this once, with
 * Copy and a warning that it can't be shown again. Closing forgets the secret.
 */
export function CreateApiKeyDialog({ open, scopes, now, onCreate, onClose }: CreateApiKeyDialogProps) {
  const t = useText();
  const id = useId();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expiry, setExpiry] = useState<string>('90');
  const [problem, setProblem] = useState<'name' | 'scopes' | null>(null);
  const [created, setCreated] = useState<CreatedApiKeyRecord | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const { busy, actionError, clearActionError, run } = useDialogAction();

  const close = () => {
    setName('');
    setChosen([]);
    setExpiry('90');
    setProblem(null);
    setCreated(null);
    setCopied(null);
    clearActionError();
    onClose();
  };

  const submit = () => {
    if (!name.trim()) return setProblem('name');
    if (chosen.length === 0) return setProblem('scopes');
    setProblem(null);
    const days = EXPIRIES.find((e) => e.value === expiry)?.days ?? null;
    const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
    void run(async () => {
      setCreated(await onCreate({ name: name.trim(), scopes: chosen, expiresAt }));
    });
  };

  const copy = async (secret: string) => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  if (created) {
    return (
      // A dialog of its own (a new key), so that it opens afresh and puts the focus on Copy.
      <Dialog
        key="secret"
        open={open}
        title={t('apiKeys.createdTitle', 'Your new API key')}
        confirmLabel={t('apiKeys.done', 'Done')}
        cancelLabel={t('common.close', 'Close')}
        tone="default"
        onConfirm={close}
        onCancel={close}
      >
        <p className="sk-alert sk-alert--warning" role="status">
          {t(
            'apiKeys.shownOnce',
            'Copy this key now and keep it somewhere safe. It won’t be shown again: if you lose it, create a new one.',
          )}
        </p>
        <div className="sk-field">
          <label htmlFor={`${id}-secret`} className="sk-field__label">
            {t('apiKeys.secretLabel', 'API key “{{name}}”', { name: created.name })}
          </label>
          <div className="sk-input-group">
            <input
              id={`${id}-secret`}
              className="sk-input sk-mono"
              readOnly
              value={created.secret}
              onFocus={(event) => event.currentTarget.select()}
            />
            <button
              type="button"
              className="sk-button"
              data-autofocus
              onClick={() => void copy(created.secret)}
            >
              {t('apiKeys.copy', 'Copy')}
            </button>
          </div>
          <p className="sk-field__hint" aria-live="polite">
            {copied === 'yes'
              ? t('apiKeys.copied', 'Copied to the clipboard.')
              : copied === 'failed'
                ? t('apiKeys.copyFailed', 'Copying didn’t work: select the key and copy it yourself.')
                : t('apiKeys.useAs', 'Send it as the header Authorization: Bearer <key>.')}
          </p>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      key="form"
      open={open}
      title={t('apiKeys.createTitle', 'Create an API key')}
      confirmLabel={t('apiKeys.create', 'Create key')}
      cancelLabel={t('common.cancel', 'Cancel')}
      tone="default"
      busy={busy}
      error={actionError}
      onConfirm={submit}
      onCancel={close}
    >
      <div className={cx('sk-field', problem === 'name' && 'sk-field--invalid')}>
        <label htmlFor={`${id}-name`} className="sk-field__label">
          {t('apiKeys.nameLabel', 'Name')}
        </label>
        <input
          id={`${id}-name`}
          className="sk-input"
          data-autofocus
          maxLength={100}
          value={name}
          aria-invalid={problem === 'name' || undefined}
          aria-describedby={problem === 'name' ? `${id}-name-error` : `${id}-name-hint`}
          onChange={(event) => setName(event.target.value)}
        />
        {problem === 'name' ? (
          <p id={`${id}-name-error`} className="sk-field__error">
            {t('apiKeys.nameRequired', 'Give the key a name, such as what will use it.')}
          </p>
        ) : (
          <p id={`${id}-name-hint`} className="sk-field__hint">
            {t('apiKeys.nameHint', 'What will use it, e.g. “Nightly export”.')}
          </p>
        )}
      </div>
      <fieldset
        className={cx('sk-field', problem === 'scopes' && 'sk-field--invalid')}
        aria-describedby={problem === 'scopes' ? `${id}-scopes-error` : undefined}
      >
        <legend className="sk-field__label">{t('apiKeys.scopesLabel', 'What it may do')}</legend>
        {scopes.map((scope) => (
          <label key={scope} className="sk-check">
            <input
              type="checkbox"
              checked={chosen.includes(scope)}
              onChange={(event) =>
                setChosen((now) => (event.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))
              }
            />
            <span className="sk-mono">{scope}</span>
          </label>
        ))}
        {problem === 'scopes' && (
          <p id={`${id}-scopes-error`} className="sk-field__error">
            {t('apiKeys.scopesRequired', 'Choose at least one.')}
          </p>
        )}
      </fieldset>
      <div className="sk-field">
        <label htmlFor={`${id}-expiry`} className="sk-field__label">
          {t('apiKeys.expiryLabel', 'Expires')}
        </label>
        <select
          id={`${id}-expiry`}
          className="sk-input sk-select"
          value={expiry}
          onChange={(event) => setExpiry(event.target.value)}
        >
          {EXPIRIES.map((e) => (
            <option key={e.value} value={e.value}>
              {e.days === null
                ? t('apiKeys.expiryNever', 'Never')
                : t('apiKeys.expiryDays', 'In {{days}} days', { days: e.days })}
            </option>
          ))}
        </select>
      </div>
    </Dialog>
  );
}

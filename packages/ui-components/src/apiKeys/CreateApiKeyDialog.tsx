import type { CreatedApiKeyRecord } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { NameField, RightsField } from '../internal/credentialFields.js';
import { Dialog } from '../internal/Dialog.js';
import { SecretOnceDialog } from '../internal/SecretOnceDialog.js';
import { useCredentialForm } from '../internal/useCredentialForm.js';
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
  const [expiry, setExpiry] = useState<string>('90');
  const form = useCredentialForm<CreatedApiKeyRecord>(onClose, () => setExpiry('90'));
  const { name, setName, chosen, setChosen, problem, created, busy, actionError, close } = form;
  const submit = () =>
    form.submit((keyName, keyScopes) => {
      const days = EXPIRIES.find((e) => e.value === expiry)?.days ?? null;
      const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
      return onCreate({ name: keyName, scopes: keyScopes, expiresAt });
    });

  if (created) {
    return (
      <SecretOnceDialog
        key="secret"
        open={open}
        title={t('apiKeys.createdTitle', 'Your new API key')}
        label={t('apiKeys.secretLabel', 'API key “{{name}}”', { name: created.name })}
        secret={created.secret}
        warning={t(
          'apiKeys.shownOnce',
          'Copy this key now and keep it somewhere safe. It won’t be shown again: if you lose it, create a new one.',
        )}
        hint={t('apiKeys.useAs', 'Send it as the header Authorization: Bearer <key>.')}
        onClose={close}
      />
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
      <NameField
        id={id}
        label={t('apiKeys.nameLabel', 'Name')}
        value={name}
        onChange={setName}
        hint={t('apiKeys.nameHint', 'What will use it, e.g. “Nightly export”.')}
        error={
          problem === 'name'
            ? t('apiKeys.nameRequired', 'Give the key a name, such as what will use it.')
            : null
        }
      />
      <RightsField
        id={id}
        legend={t('apiKeys.scopesLabel', 'What it may do')}
        options={scopes}
        chosen={chosen}
        onChange={setChosen}
        error={problem === 'choice' ? t('apiKeys.scopesRequired', 'Choose at least one.') : null}
      />
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

import type { CreatedAppRecord } from '@sessionkit/core/browser';
import { useId, useState } from 'react';
import { NameField, RightsField } from '../internal/credentialFields.js';
import { Dialog } from '../internal/Dialog.js';
import { SecretOnceDialog } from '../internal/SecretOnceDialog.js';
import { useCredentialForm } from '../internal/useCredentialForm.js';
import { useText } from '../internal/useText.js';

/** What connecting sends: `POST /me/authorized-apps`. */
export interface NewApp {
  name: string;
  kind: 'website' | 'application';
  /** Chosen from the rights the server offers (the same names API keys carry). */
  rights: string[];
}

export interface ConnectAppDialogProps {
  open: boolean;
  /** The rights the server offers; the person grants at least one. */
  rights: readonly string[];
  /** Connects the app; a failure (its message) shows in the dialog, which stays open. */
  onConnect: (input: NewApp) => Promise<CreatedAppRecord>;
  onClose: () => void;
}

/**
 * Connecting a website or application in two steps: what it is and what it may do, then its token, shown this
 * once with Copy (the person pastes it into the other service). Removing the app later ends the token.
 */
export function ConnectAppDialog({ open, rights, onConnect, onClose }: ConnectAppDialogProps) {
  const t = useText();
  const id = useId();
  const [kind, setKind] = useState<NewApp['kind']>('website');
  const form = useCredentialForm<CreatedAppRecord>(onClose, () => setKind('website'));
  const { name, setName, chosen, setChosen, problem, created, busy, actionError, close } = form;
  const submit = () =>
    form.submit((appName, appRights) => onConnect({ name: appName, kind, rights: appRights }));

  if (created) {
    return (
      <SecretOnceDialog
        key="token"
        open={open}
        title={t('apps.connectedTitle', '{{name}} is connected', { name: created.name })}
        label={t('apps.tokenLabel', 'Token for “{{name}}”', { name: created.name })}
        secret={created.token}
        warning={t(
          'apps.shownOnce',
          'Copy this token into {{name}} now. It won’t be shown again: if you lose it, remove the app and connect it again.',
          { name: created.name },
        )}
        hint={t('apps.useAs', 'The app sends it as the header Authorization: Bearer <token>.')}
        onClose={close}
      />
    );
  }

  return (
    <Dialog
      key="form"
      open={open}
      title={t('apps.connectTitle', 'Connect an app or website')}
      confirmLabel={t('apps.connect', 'Connect')}
      cancelLabel={t('common.cancel', 'Cancel')}
      tone="default"
      busy={busy}
      error={actionError}
      onConfirm={submit}
      onCancel={close}
    >
      <p>
        {t(
          'apps.connectDescription',
          'It gets a token of its own that acts for you with the rights you choose, until you remove it.',
        )}
      </p>
      <NameField
        id={id}
        label={t('apps.nameLabel', 'Name')}
        value={name}
        onChange={setName}
        hint={t('apps.nameHint', 'e.g. “Reports dashboard” or “status.acme.example”.')}
        error={
          problem === 'name'
            ? t('apps.nameRequired', 'Name the app or website, so you recognise it in the list.')
            : null
        }
      />
      <fieldset className="sk-field">
        <legend className="sk-field__label">{t('apps.kindLabel', 'What it is')}</legend>
        {(['website', 'application'] as const).map((value) => (
          <label key={value} className="sk-check">
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <span>
              {value === 'website'
                ? t('apps.kindWebsite', 'Website')
                : t('apps.kindApplication', 'Application')}
            </span>
          </label>
        ))}
      </fieldset>
      <RightsField
        id={id}
        legend={t('apps.rightsLabel', 'What it may do')}
        options={rights}
        chosen={chosen}
        onChange={setChosen}
        error={problem === 'choice' ? t('apps.rightsRequired', 'Choose at least one.') : null}
      />
    </Dialog>
  );
}

import { useCan, useGetIdentity, useInvalidate, useNotification, useOnError } from '@refinedev/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { Identity } from '../../../shared/authJson';
import type { DeactivateAnswer, PasswordResetAnswer, ReactivateAnswer } from '../../../shared/peopleJson';
import type { Person } from '../people';
import { PeopleError, changePerson } from '../people';
import { Dialog } from '../shell/Dialog';
import { Icon } from '../shell/Icon';

type Step = 'reset' | 'password' | 'deactivate' | 'reactivate' | null;

const plural = new Intl.PluralRules('en');

/** "2 active sessions of Ava Thompson end now.", or every session when the count isn't known yet. */
function sessionsEnding(count: number | undefined, name: string): string {
  if (count === undefined) return `Every active session of ${name} ends now.`;
  return plural.select(count) === 'one'
    ? `${count} active session of ${name} ends now.`
    : `${count} active sessions of ${name} end now.`;
}

const REASON_REQUIRED = 'Enter a reason: it is kept in the audit log and shown to the person.';

/**
 * Reset password, Deactivate and Reactivate on a person's page, for administrators the kit's rule lets act on
 * this person (a super user only by a super user); never on their own page, where the server refuses them too.
 */
export function PersonAdminActions({
  person,
  activeSessions,
}: {
  person: Person;
  /** The person's active sessions, said in the confirmations; undefined while unknown. */
  activeSessions: number | undefined;
}) {
  const { data: me } = useGetIdentity<Identity>();
  const { data: access } = useCan({
    resource: 'people-admin',
    action: 'edit',
    params: { userId: person.id },
  });
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  const { open: notify } = useNotification();
  const { mutate: signOut } = useOnError();
  const [step, setStep] = useState<Step>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const reasonErrorId = useId();

  if (!access?.can || !me || me.id === person.id) return null;
  const name = person.name;

  const open = (next: Step) => {
    setReason('');
    setReasonError(null);
    setError(null);
    setStep(next);
  };
  const close = () => {
    setPassword('');
    setStep(null);
  };

  /** Sends the change; a refusal stays in the dialog, an ended session of the administrator signs the tab out. */
  const run = async (change: () => Promise<void>, needsReason: boolean) => {
    if (needsReason && !reason.trim()) {
      setReasonError(REASON_REQUIRED);
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await change();
      // Only what the change touched: the people, and the kit's lists of sessions that ended. Refetching
      // everything would also re-ask the access checks, and the page would blink out with the dialog open.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['people'] }),
        ...['admin/users', 'admin/sessions'].map((resource) =>
          invalidate({ resource, dataProviderName: 'sessionkit', invalidates: ['list'] }),
        ),
      ]);
    } catch (failure) {
      if (failure instanceof PeopleError && failure.statusCode === 401) return signOut(failure);
      const body = failure instanceof PeopleError ? (failure.body as { field?: unknown } | null) : null;
      const message = failure instanceof Error ? failure.message : 'That did not work. Try again.';
      if (body?.field === 'reason') {
        setReasonError(message);
        reasonRef.current?.focus();
      } else setError(message);
    } finally {
      setBusy(false);
    }
  };

  const resetPassword = () =>
    run(async () => {
      const answer = await changePerson<PasswordResetAnswer>(person.id, 'password-reset', { reason });
      setPassword(answer.temporaryPassword);
      setStep('password');
    }, true);
  const deactivate = () =>
    run(async () => {
      const answer = await changePerson<DeactivateAnswer>(person.id, 'deactivate', { reason });
      const ended = answer.endedSessions;
      notify?.({
        type: 'success',
        message: `${name} was deactivated${ended ? `; ${ended} ${plural.select(ended) === 'one' ? 'session' : 'sessions'} ended` : ''}.`,
      });
      setStep(null);
    }, true);
  const reactivate = () =>
    run(async () => {
      await changePerson<ReactivateAnswer>(person.id, 'reactivate', {});
      notify?.({ type: 'success', message: `${name} can sign in again.` });
      setStep(null);
    }, false);

  const reasonField = (
    <div className={`sk-field${reasonError ? ' sk-field--invalid' : ''}`}>
      <label htmlFor={reasonId} className="sk-field__label">
        Reason
        <span className="sk-required" aria-hidden="true">
          {' '}
          *
        </span>
      </label>
      <textarea
        ref={reasonRef}
        id={reasonId}
        className="sk-input sk-textarea"
        rows={3}
        required
        maxLength={500}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={reasonError ? reasonErrorId : undefined}
        data-autofocus
        value={reason}
        placeholder="e.g. Locked out after a phone change"
        onChange={(event) => {
          setReason(event.target.value);
          if (reasonError && event.target.value.trim()) setReasonError(null);
        }}
      />
      {reasonError ? (
        <p id={reasonErrorId} className="sk-field__error">
          {reasonError}
        </p>
      ) : null}
    </div>
  );

  return (
    <>
      <button type="button" className="sk-button" onClick={() => open('reset')}>
        Reset password
      </button>
      {person.active ? (
        <button
          type="button"
          className="sk-button sk-button--ghost-danger"
          onClick={() => open('deactivate')}
        >
          Deactivate
        </button>
      ) : (
        <button type="button" className="sk-button sk-button--primary" onClick={() => open('reactivate')}>
          Reactivate
        </button>
      )}

      <Dialog
        open={step === 'reset'}
        title={`Reset the password of ${name}?`}
        closeLabel="Cancel"
        submitLabel="Reset password"
        onSubmit={() => void resetPassword()}
        onClose={close}
        busy={busy}
        error={error}
      >
        <p>
          {person.active ? `${sessionsEnding(activeSessions, name)} ` : ''}A temporary password replaces the
          current one; you give it to {name}, who signs in with it and then chooses their own on the Password
          page.
        </p>
        {reasonField}
      </Dialog>

      <Dialog
        open={step === 'password'}
        title={`Temporary password for ${name}`}
        closeLabel="Done"
        onClose={close}
      >
        <TemporaryPassword password={password} name={name} />
      </Dialog>

      <Dialog
        open={step === 'deactivate'}
        title={`Deactivate ${name}?`}
        closeLabel="Cancel"
        submitLabel="Deactivate"
        onSubmit={() => void deactivate()}
        onClose={close}
        busy={busy}
        error={error}
      >
        <p>
          {sessionsEnding(activeSessions, name)} Their next request fails and the login page shows your
          reason; they can&rsquo;t sign in again until an administrator reactivates the account.
        </p>
        {reasonField}
      </Dialog>

      <Dialog
        open={step === 'reactivate'}
        title={`Reactivate ${name}?`}
        closeLabel="Cancel"
        submitLabel="Reactivate"
        tone="default"
        onSubmit={() => void reactivate()}
        onClose={close}
        busy={busy}
        error={error}
      >
        <p>{name} can sign in again with their password.</p>
      </Dialog>
    </>
  );
}

/** The new password, shown this once, with Copy. */
function TemporaryPassword({ password, name }: { password: string; name: string }) {
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied('Copied to the clipboard.');
    } catch {
      // No clipboard (an insecure origin, a denied permission): the text is selected for the keyboard's copy.
      field.current?.select();
      setCopied('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  };
  return (
    <>
      <p>
        Every session of {name} has ended. Give them this password over a channel you trust: it is shown only
        this once.
      </p>
      <div className="sk-field">
        <label htmlFor={id} className="sk-field__label">
          Temporary password
        </label>
        <div className="copy-field">
          <input
            ref={field}
            id={id}
            className="sk-input copy-field__input"
            readOnly
            value={password}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" className="sk-button" onClick={() => void copy()} data-autofocus>
            <Icon name="copy" size={16} />
            Copy
          </button>
        </div>
        <p className="sk-field__hint" role="status">
          {copied}
        </p>
      </div>
    </>
  );
}

/** "Deactivated on 2 Mar 2026, 10:15 by Morgan Lee: Contract ended", where the person's page says it. */
export function DeactivationNotice({ person }: { person: Person }) {
  if (person.active) return null;
  const record = person.deactivated;
  const when = record
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(record.at),
      )
    : null;
  return (
    <div className="notice" role="status" data-testid="deactivation-notice">
      <Icon name="alert" />
      <div>
        <p className="notice__title">
          {record
            ? `Deactivated on ${when}${record.by ? ` by ${record.by.name}` : ''}: ${record.reason}`
            : 'This account is deactivated.'}
        </p>
        <p className="notice__detail">
          {person.name} can&rsquo;t sign in. Reactivating the account lets them sign in again with their
          password.
        </p>
      </div>
    </div>
  );
}

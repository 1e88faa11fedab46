import { useInvalidate, useOnError } from '@refinedev/core';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { csrfToken } from '../identity';
import { Page } from '../shell/Shell';

/** Settings → Security → Password. Changing it signs out every other session (the kit's onPasswordChanged). */
export function PasswordPage() {
  const invalidate = useInvalidate();
  const { mutate: onError } = useOnError();
  const [current, setCurrent] = useState('');
  const [replacement, setReplacement] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(null);
    if (replacement !== confirm) {
      setError({ field: 'confirm', message: 'The two new passwords are not the same.' });
      return;
    }
    setSaving(true);
    try {
      const response = await fetch('/auth/password', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
        body: JSON.stringify({ currentPassword: current, newPassword: replacement }),
      });
      const body = (await response.json().catch(() => ({}))) as {
        endedOtherSessions?: number;
        field?: string;
        message?: string;
      };
      // A tab whose session ended goes to the login page with the reason, through the kit's sign-out handling.
      if (response.status === 401) {
        onError({ statusCode: 401, body });
        return;
      }
      if (!response.ok) {
        setError({
          field: body.field ?? 'form',
          message: body.message ?? `That did not work (${response.status}).`,
        });
        return;
      }
      setDone(body.endedOtherSessions ?? 0);
      setCurrent('');
      setReplacement('');
      setConfirm('');
      await invalidate({ resource: 'me/sessions', dataProviderName: 'sessionkit', invalidates: ['list'] });
    } finally {
      setSaving(false);
    }
  };

  const fieldError = (field: string) =>
    error?.field === field ? (
      <span className="field__error" id={`${field}-error`}>
        {error.message}
      </span>
    ) : null;

  return (
    <Page
      trail={['Settings', 'Security']}
      title="Password"
      description="Changing your password signs you out on every other device; this one stays signed in."
    >
      <form className="panel form-narrow" onSubmit={submit} noValidate>
        {done !== null ? (
          <p className="notice notice--success" role="status">
            Password changed.{' '}
            {done === 0
              ? 'No other sessions were signed in.'
              : `${done} other ${done === 1 ? 'session was' : 'sessions were'} signed out.`}
          </p>
        ) : null}
        <label className="field">
          <span className="field__label">Current password</span>
          <input
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            aria-invalid={error?.field === 'currentPassword'}
            aria-describedby={error?.field === 'currentPassword' ? 'currentPassword-error' : undefined}
            required
          />
          {fieldError('currentPassword')}
        </label>
        <label className="field">
          <span className="field__label">New password</span>
          <input
            type="password"
            autoComplete="new-password"
            value={replacement}
            onChange={(e) => setReplacement(e.target.value)}
            aria-invalid={error?.field === 'newPassword'}
            aria-describedby="newPassword-hint"
            minLength={10}
            required
          />
          <span className="field__hint" id="newPassword-hint">
            At least 10 characters.
          </span>
          {fieldError('newPassword')}
        </label>
        <label className="field">
          <span className="field__label">Repeat the new password</span>
          <input
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            aria-invalid={error?.field === 'confirm'}
            required
          />
          {fieldError('confirm')}
        </label>
        {error?.field === 'form' ? (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </Page>
  );
}

import type { Json, Lifetime, SessionRecord } from '@sessionkit/core/browser';
import { useLogin } from '@refinedev/core';
import { useQuery } from '@tanstack/react-query';
import { sessionEndedFromLoginUrl, sessionSuspendedFromLoginUrl } from '@sessionkit/ui-components';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { LoginOptions } from '../../../shared/authJson';
import type { LoginVariables } from '../authProvider';
import { LoginError } from '../authProvider';
import { Icon } from '../shell/Icon';
import { signedOutMessage } from '../signedOutReason';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function ago(iso: string): string {
  const minutes = Math.round((new Date(iso).getTime() - Date.now()) / 60_000);
  if (minutes === 0) return 'just now';
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

function place(session: Json<SessionRecord>): string {
  const l = session.location;
  if (!l) return session.ip;
  if (l.local) return `Local network · ${session.ip}`;
  return [l.city, l.country].filter(Boolean).join(', ') || session.ip;
}

/** "60 days", "1 day", "8 hours": the unit singular for one. */
function lifetimeText({ value, unit }: Lifetime): string {
  return `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;
}

async function loginOptions(): Promise<LoginOptions> {
  const response = await fetch('/auth/options', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`Couldn't load the sign-in options (${response.status})`);
  return (await response.json()) as LoginOptions;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const ending = sessionEndedFromLoginUrl(params);
  const suspended = sessionSuspendedFromLoginUrl(params);
  const notice = ending ? signedOutMessage(ending.reason, ending.note, suspended?.until ?? null) : null;
  const { mutate: login, isPending } = useLogin<LoginVariables>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(false);
  // Offered only once the policy says it is allowed: an unreachable policy hides it rather than promise it.
  const { data: options } = useQuery({ queryKey: ['demo', 'login-options'], queryFn: loginOptions });
  const rememberMeAllowed = options?.rememberMe.allowed === true;
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<{ sessions: Json<SessionRecord>[]; max: number | null } | null>(null);
  const [replaceId, setReplaceId] = useState<string>('');

  const submit = (event: FormEvent, replaceSessionId?: string) => {
    event.preventDefault();
    setError(null);
    const to = params.get('to') ?? undefined;
    login(
      {
        username,
        password,
        rememberMe: rememberMeAllowed && rememberMe,
        ...(replaceSessionId ? { replaceSessionId } : {}),
        ...(to ? { to } : {}),
      },
      {
        onSuccess: (result) => {
          if (result.success) return;
          const failure = result.error;
          if (failure instanceof LoginError && failure.code === 'limit_reached') {
            setChoice({ sessions: failure.sessions, max: failure.max });
            setReplaceId(failure.sessions.at(-1)?.id ?? '');
          } else if (failure instanceof LoginError && failure.code === 'not_found' && replaceSessionId) {
            // The chosen session ended meanwhile: there may be room now, so the plain sign-in is offered again.
            setChoice(null);
            setError('That session has already ended. Sign in again.');
          } else {
            setError(failure?.message ?? 'Sign-in failed. Try again.');
          }
        },
        onError: (failure) => setError(failure.message),
      },
    );
  };

  return (
    <div className="login">
      <div className="login__panel">
        <div className="login__brand">
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <div>
            <p className="brand__name">Acme Admin</p>
            <p className="brand__tenant">Sign in to your workspace</p>
          </div>
        </div>

        {notice ? (
          <div className="notice notice--warning" role="status" data-testid="signed-out-notice">
            <Icon name="info" />
            <div>
              <p className="notice__title">{notice.title}</p>
              <p className="notice__detail">{notice.detail}</p>
              {suspended ? (
                <a className="notice__detail" href="/">
                  Continue
                </a>
              ) : null}
            </div>
          </div>
        ) : null}

        {choice ? (
          <form className="login__form" onSubmit={(e) => submit(e, replaceId)} aria-labelledby="choose-title">
            <h1 id="choose-title">Too many sessions</h1>
            <p className="muted">
              Your account may be signed in on {choice.max ?? 'a limited number of'}{' '}
              {choice.max === 1 ? 'device' : 'devices'} at a time. Choose a session to sign out to continue
              here.
            </p>
            <fieldset className="session-choices">
              <legend className="visually-hidden">Session to sign out</legend>
              {choice.sessions.map((s) => (
                <label
                  key={s.id}
                  className={`session-choice${replaceId === s.id ? ' session-choice--selected' : ''}`}
                >
                  <input
                    type="radio"
                    name="replace"
                    value={s.id}
                    checked={replaceId === s.id}
                    onChange={() => setReplaceId(s.id)}
                  />
                  <span>
                    <span className="session-choice__label">{s.device.label}</span>
                    <span className="session-choice__meta">
                      {place(s)} · signed in {ago(s.createdAt)} · last active {ago(s.lastSeenAt)}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            <div className="login__actions">
              <button type="button" className="button button--ghost" onClick={() => setChoice(null)}>
                Cancel
              </button>
              <button type="submit" className="button button--primary" disabled={!replaceId || isPending}>
                Sign out that session and continue
              </button>
            </div>
          </form>
        ) : (
          <form className="login__form" onSubmit={(e) => submit(e)} aria-labelledby="login-title">
            <h1 id="login-title">Sign in</h1>
            <label className="field">
              <span className="field__label">Username</span>
              <input
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
                autoFocus
              />
            </label>
            <label className="field">
              <span className="field__label">Password</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
            {rememberMeAllowed ? (
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="rememberMe"
                  checked={rememberMe}
                  onChange={(e) => setRememberMe(e.target.checked)}
                />
                <span>Remember me on this device for {lifetimeText(options.rememberMe.lifetime)}</span>
              </label>
            ) : null}
            {error ? (
              <p className="form-error" role="alert">
                {error}
              </p>
            ) : null}
            <button type="submit" className="button button--primary button--block" disabled={isPending}>
              {isPending ? 'Signing in…' : 'Sign in'}
            </button>
            <p className="login__hint">
              Demo accounts: <code>admin</code> / <code>admin-demo</code>, <code>sam</code> /{' '}
              <code>sam-demo</code> — the terminal lists them all.
            </p>
          </form>
        )}
      </div>
      <div className="login__aside" aria-hidden="true">
        <div>
          <p className="login__aside-title">Every device, one place.</p>
          <p className="login__aside-text">
            See where your account is signed in, sign out what you don't recognise, and let administrators set
            the rules for the whole team.
          </p>
        </div>
      </div>
    </div>
  );
}

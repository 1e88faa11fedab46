import { useEffect, useState } from 'react';
import { Link } from 'react-router';

interface Lookup {
  status: 'open' | 'confirmed' | 'denied';
  spent: boolean;
  session: { device: string; location: string | null; createdAt: string; active: boolean } | null;
}

/** The secret from the link's fragment, which no server ever saw. */
function tokenOf(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

async function post(path: string, token: string) {
  const response = await fetch(`/api/sessions/alerts/${path}`, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

/**
 * "This wasn't me": the page a sign-in alert links to, open to anyone holding the link. Opening it only looks the
 * sign-in up (a mail scanner that follows links changes nothing); the button signs that session out.
 */
export function NotMePage() {
  const [token] = useState(() => tokenOf(window.location.hash));
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<{ ended: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Out of the address bar and the history, now that it is read.
    window.history.replaceState(null, '', window.location.pathname);
    post('lookup', token).then(({ status, body }) =>
      status === 200
        ? setLookup(body as unknown as Lookup)
        : setProblem(String(body.message ?? 'This link is not valid.')),
    );
  }, [token]);

  const signOut = async () => {
    setBusy(true);
    const { status, body } = await post('not-me', token);
    setBusy(false);
    if (status === 200) setDone({ ended: body.ended === true });
    else setProblem(String(body.message ?? 'That did not work.'));
  };

  return (
    <main className="login">
      <section className="login__panel" aria-labelledby="not-me-title">
        <h1 id="not-me-title">Wasn’t you?</h1>
        {problem && <p role="alert">{problem}</p>}
        {!problem && !lookup && <p role="status">Looking the sign-in up…</p>}
        {lookup?.session && !done && (
          <dl className="facts">
            <dt>Device</dt>
            <dd>{lookup.session.device}</dd>
            <dt>Where</dt>
            <dd>{lookup.session.location ?? 'Unknown location'}</dd>
            <dt>When</dt>
            <dd>{new Date(lookup.session.createdAt).toLocaleString()}</dd>
          </dl>
        )}
        {lookup && !lookup.spent && !done && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void signOut()}
          >
            Sign that session out
          </button>
        )}
        {lookup?.spent && !done && <p>This sign-in was already answered; the link no longer works.</p>}
        {done && (
          <div role="status">
            <p>{done.ended ? 'That session is signed out.' : 'That session had already ended.'}</p>
            <p>
              <strong>Change your password now</strong>, so whoever signed in can’t again.
            </p>
            <Link to="/settings/security/password">Change password</Link>
          </div>
        )}
      </section>
    </main>
  );
}

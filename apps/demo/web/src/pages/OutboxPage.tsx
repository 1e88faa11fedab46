import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../shell/Shell';

interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  locale: string;
  link: string;
  sentAt: string;
}

/**
 * Settings → Outbox: the sign-in alerts the demo's `onRiskSignal` hook "sent" to the signed-in person, as a real
 * host would hand them to its mailer. The link opens the demo's "this wasn't me" page.
 */
export function OutboxPage() {
  const [messages, setMessages] = useState<OutboxMessage[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/outbox', { credentials: 'same-origin' })
      .then((r) =>
        r.ok ? (r.json() as Promise<OutboxMessage[]>) : Promise.reject(new Error(String(r.status))),
      )
      .then((list) => live && setMessages(list))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <Page
      trail={['Settings']}
      title="Outbox"
      description="Sign-in alerts the demo sent you instead of emailing them."
    >
      {failed && <p role="alert">The outbox could not be read.</p>}
      {messages === null && !failed && <p role="status">Loading…</p>}
      {messages?.length === 0 && <p>No messages: sign in from somewhere new to get one.</p>}
      <ul className="outbox" aria-label="Messages">
        {messages?.map((m) => (
          <li key={m.id} className="outbox__message">
            <article aria-label={m.subject}>
              <header className="outbox__header">
                <h2 className="outbox__subject">{m.subject}</h2>
                <p className="outbox__meta">
                  To {m.to} · {new Date(m.sentAt).toLocaleString(m.locale)}
                </p>
              </header>
              <pre className="outbox__text">{m.text.replace(m.link, '[link below]')}</pre>
              {/* The fragment carries the secret: the same page on this demo, whatever its address in the mail. */}
              <Link className="button button--primary" to={`/not-me${new URL(m.link).hash}`}>
                This wasn’t me
              </Link>
            </article>
          </li>
        ))}
      </ul>
    </Page>
  );
}

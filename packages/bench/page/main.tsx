import { Refine } from '@refinedev/core';
import { SessionList, sessionKitDataProvider } from '@sessionkit/ui-components';
import '@sessionkit/ui-components/styles.css';
import { createRoot } from 'react-dom/client';
import { RENDER_NOW, sessionsJson } from './sessions.js';

declare global {
  interface Window {
    /** Set once the list's rows are on screen: what the bench reads. */
    __renderResult?: { ms: number; rows: number };
  }
}

const count = Number(new URLSearchParams(location.search).get('sessions') ?? 1000);
// Encoded before the clock starts, as a network hands over bytes: a Response made from a string of this size
// spends tens of milliseconds encoding it (40 ms here for 1,000 sessions), a cost no real page pays.
const listBody = new TextEncoder().encode(JSON.stringify(sessionsJson(count)));
const passwordAskBody = new TextEncoder().encode(JSON.stringify({ required: false, askedAt: null }));
// The package's own data provider over a fetch that answers from memory: the bench times the components and
// the provider's parsing, not a network. Each route gets its own answer: the list's prompt also asks
// GET /me/password-change, and answering it with the thousand sessions timed a second parse of them.
const mockFetch: typeof fetch = async (input) =>
  String(input).includes('/me/password-change')
    ? new Response(passwordAskBody, { status: 200, headers: { 'content-type': 'application/json' } })
    : new Response(listBody, {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-total-count': String(count) },
      });
const provider = sessionKitDataProvider('/api/sessions', { fetch: mockFetch, readCookie: () => 'csrf' });
const rows = () => document.querySelectorAll('.sk-session-list .sk-grid-table__body > [role="row"]').length;

const started = performance.now();
const observer = new MutationObserver(() => {
  if (rows() < count) return;
  observer.disconnect();
  // The rows exist; the next frame has laid out and painted them (those out of view skip both: the list makes
  // its rows content-visibility: auto, which is what a user of the page gets too).
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.__renderResult = { ms: performance.now() - started, rows: rows() };
    }, 0),
  );
});
const root = document.getElementById('root')!;
observer.observe(root, { childList: true, subtree: true });
createRoot(root).render(
  <Refine
    dataProvider={{ default: provider, sessionkit: provider }}
    options={{
      disableTelemetry: true,
      reactQuery: { clientConfig: { defaultOptions: { queries: { retry: false } } } },
    }}
  >
    <SessionList pageSize={count} now={RENDER_NOW} locale="en-US" />
  </Refine>,
);

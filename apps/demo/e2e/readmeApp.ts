import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const ROOT = new URL('../../../', import.meta.url);
/** Where the docs keep the component snippet, each under the same marker; all three must agree. */
export const SNIPPET_DOCS = ['README.md', 'docs/integration.md', 'packages/ui-components/README.md'];
const MARKER = '<!-- sessionkit:refine-snippet';

/** The ```tsx block that follows the snippet's marker in a Markdown file of the repository. */
export function snippetIn(doc: string): string {
  const text = readFileSync(new URL(doc, ROOT), 'utf8');
  const marker = text.indexOf(MARKER);
  if (marker < 0) throw new Error(`${doc} has no ${MARKER} marker`);
  const match = /```tsx\n([\s\S]*?)```/.exec(text.slice(marker));
  if (!match?.[1]) throw new Error(`${doc}: no tsx block after the snippet's marker`);
  return match[1];
}

// What the snippet imports from './providers': a host's own providers, as small as a host's would be. The
// test signs in through the API, so `login` is never called; `onError` is the one Refine's docs suggest.
const PROVIDERS = `import type { AuthProvider } from '@refinedev/core';
import { sessionKitDataProvider } from '@sessionkit/ui-components';

export const myDataProvider = sessionKitDataProvider('/api/sessions');

const csrf = () => decodeURIComponent(document.cookie.match(/(?:^|; )sk_csrf=([^;]*)/)?.[1] ?? '');

export const myAuthProvider: AuthProvider = {
  async login() {
    return { success: false };
  },
  async logout() {
    await fetch('/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf() },
      body: '{}',
    });
    return { success: true, redirectTo: '/login' };
  },
  async check() {
    const response = await fetch('/auth/me');
    return response.ok ? { authenticated: true } : { authenticated: false, redirectTo: '/login' };
  },
  async onError(error) {
    return { error };
  },
};
`;

const LOGIN_PAGE = `import { sessionEndedFromLoginUrl } from '@sessionkit/ui-components';

export function LoginPage({ search }: { search: string }) {
  const ending = sessionEndedFromLoginUrl(search);
  return (
    <main>
      <h1>Sign in</h1>
      {ending ? <p role="status">Signed out: {ending.reason}. {ending.note}</p> : null}
    </main>
  );
}
`;

// Without a router the app is one page that shows the login page at /login (the host's server serves the same
// bundle there); with one, the router does.
const PLAIN = `import { createRoot } from 'react-dom/client';
import { LoginPage } from './LoginPage';
import { Security } from './Security';

createRoot(document.getElementById('root')!).render(
  window.location.pathname === '/login' ? <LoginPage search={window.location.search} /> : <Security />,
);
`;

const ROUTED = `import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './LoginPage';
import { Security } from './SecurityRouted';

function Login() {
  return <LoginPage search={useLocation().search} />;
}

createRoot(document.getElementById('root')!).render(
  <BrowserRouter>
    <Routes>
      <Route path="/login" element={<Login />} />
      <Route path="*" element={<Security />} />
    </Routes>
  </BrowserRouter>,
);
`;

const html = (entry: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8" /><title>Security</title></head>` +
  `<body><div id="root"></div><script type="module" src="./${entry}"></script></body></html>`;

/**
 * The snippet as a host pastes it, built into two pages: `plain.html` (the snippet verbatim, no router) and
 * `routed.html` (the same with the host's router provider added to `<Refine>`). Refine's defaults, retries
 * included, are left as they are. Built inside apps/demo so the demo's packages resolve.
 */
export async function buildReadmeApp(snippet: string): Promise<string> {
  const withRouter = snippet
    .replace(
      "import { Refine } from '@refinedev/core';",
      (line) => `${line}\nimport routerProvider from '@refinedev/react-router';`,
    )
    .replace(/<Refine(?=\s)/, '<Refine routerProvider={routerProvider}');
  if (
    !withRouter.includes('routerProvider={routerProvider}') ||
    !withRouter.includes("from '@refinedev/react-router'")
  ) {
    throw new Error(
      'the snippet no longer has the `<Refine …>` element and Refine import this test adds a router to',
    );
  }
  const dir = fileURLToPath(new URL('../test-results/readme-app/', import.meta.url));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {
    'Security.tsx': snippet,
    'SecurityRouted.tsx': withRouter,
    'providers.ts': PROVIDERS,
    'LoginPage.tsx': LOGIN_PAGE,
    'plain.tsx': PLAIN,
    'routed.tsx': ROUTED,
    'plain.html': html('plain.tsx'),
    'routed.html': html('routed.tsx'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(`${dir}${name}`, text);
  await build({
    configFile: false,
    root: dir,
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir: `${dir}dist`,
      emptyOutDir: true,
      rolldownOptions: { input: { plain: `${dir}plain.html`, routed: `${dir}routed.html` } },
    },
  });
  return `${dir}dist/`;
}

import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemo } from './harness';
import { answered, hasText, launchBrowser, newPerson, startDemo, visible } from './harness';
import { SNIPPET_DOCS, buildReadmeApp, snippetIn } from './readmeApp';

const NOTE = 'Laptop reported stolen';

/** An administrator of the demo ends every session of a user, giving a reason, through the kit's route. */
async function forceLogout(demo: RunningDemo, userId: string, note: string): Promise<void> {
  const admin = await request.newContext({ baseURL: demo.url });
  try {
    const login = await admin.post('/auth/login', { data: { username: 'admin', password: 'admin-demo' } });
    expect(login.status(), await login.text()).toBe(200);
    const csrf = (await admin.storageState()).cookies.find((c) => c.name === 'sk_csrf')?.value ?? '';
    const answer = await admin.post(`/api/sessions/admin/users/${userId}/force-logout`, {
      data: { reason: note },
      headers: { 'x-csrf-token': decodeURIComponent(csrf) },
    });
    expect(answer.ok(), await answer.text()).toBe(true);
  } finally {
    await admin.dispose();
  }
}

/**
 * The browser gets the README app's page for every address of the demo's origin but the API's, as a host's
 * server would serve its single-page app, and the demo answers the API.
 */
async function serveReadmeApp(context: BrowserContext, demo: RunningDemo, dist: string, html: string) {
  const origin = new URL(demo.url).origin;
  await context.route(
    (url) => url.origin === origin && !/^\/(api|auth|__test)(\/|$)/.test(url.pathname),
    async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname.startsWith('/assets/')) return route.fulfill({ path: join(dist, pathname) });
      return route.fulfill({ path: join(dist, html), contentType: 'text/html' });
    },
  );
}

/** Every call of the host's `logout` posts `/auth/logout`; every full-page load of the login page is a document request. */
function watch(page: Page) {
  const seen = { logouts: 0, loginPageLoads: 0 };
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (r.method() === 'POST' && pathname === '/auth/logout') seen.logouts += 1;
    if (r.isNavigationRequest() && pathname === '/login') seen.loginPageLoads += 1;
  });
  return seen;
}

describe('the README’s component snippet in a fresh Refine app, with Refine’s default retries', () => {
  let demo: RunningDemo;
  let browser: Browser;
  let dist: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [demo, browser, dist] = await Promise.all([
      startDemo(),
      launchBrowser(),
      buildReadmeApp(snippetIn('README.md')),
    ]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await demo?.stop();
  });

  it('is the same snippet in the README, the integration guide and the package’s README', () => {
    const [readme, ...others] = SNIPPET_DOCS.map(snippetIn);
    for (const other of others) expect(other).toBe(readme);
  });

  const variants = [
    { name: 'with a router provider', html: 'routed.html', user: 'tom', fullPageLoads: 0 },
    { name: 'without a router provider', html: 'plain.html', user: 'kenji', fullPageLoads: 1 },
  ];
  for (const { name, html, user, fullPageLoads } of variants) {
    it(`${name}: a force-logged-out person reaches the login page with the reason and the note, with at most 3 logouts`, async () => {
      const { context, page } = await newPerson(browser, demo);
      contexts.push(context);
      await serveReadmeApp(context, demo, dist, html);
      const seen = watch(page);
      const signIn = await context.request.post('/auth/login', {
        data: { username: user, password: `${user}-demo` },
      });
      expect(signIn.status(), await signIn.text()).toBe(200);
      await page.goto('/');
      await visible(page.getByText('This Device'));
      await answered(page);

      await forceLogout(demo, `usr_${user}`, NOTE);
      // The person comes back: every component asks at once, the first answer says why and clears the cookie.
      await page.reload();

      await page.waitForURL(/\/login\?/);
      await hasText(page.getByRole('status'), `Signed out: force_logout. ${NOTE}`);
      // Nothing keeps failing and logging out once the login page shows.
      await answered(page);
      const address = new URL(page.url());
      expect(address.pathname).toBe('/login');
      expect(address.searchParams.get('reason')).toBe('force_logout');
      expect(address.searchParams.get('note')).toBe(NOTE);
      expect(seen.logouts).toBeGreaterThanOrEqual(1);
      expect(seen.logouts).toBeLessThanOrEqual(3);
      // With a router Refine navigates within the page; without one the kit loads the login page in full.
      expect(seen.loginPageLoads).toBe(fullPageLoads);
    });
  }
});

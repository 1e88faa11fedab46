import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
const WEB = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));
// Every run shoots the pages (they show the current time, so they differ each run): into test-results/ by
// default, and into the README's docs/screenshots/ only when asked (`pnpm screenshots:demo`), so a test run
// leaves the work tree clean.
export const SCREENSHOTS = fileURLToPath(
  process.env.SESSIONKIT_UPDATE_SCREENSHOTS === '1'
    ? new URL('../../../docs/screenshots/', import.meta.url)
    : new URL('../test-results/screenshots/', import.meta.url),
);

export interface RunningDemo {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the built demo on a free port with its test clock. `mongo` runs it on the Mongo store: MONGODB_URI
 * when set, else a FerretDB server the demo starts through the ferretdb-runner (`--ferretdb`).
 */
export async function startDemo(
  options: { mongo?: boolean; auth?: 'native' | 'express-session' | 'jwt' } = {},
): Promise<RunningDemo> {
  // The suite runs the built demo, as `pnpm demo` does; the root test command builds it first.
  if (!existsSync(MAIN) || !existsSync(WEB)) {
    throw new Error(
      'The demo is not built: run `pnpm --filter @sessionkit/demo build` (or `pnpm build`) first.',
    );
  }
  const args = [MAIN];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SESSIONKIT_DEMO_TEST_HOOKS: '1',
    DEMO_AUTH: options.auth ?? 'native',
  };
  if (options.mongo && !process.env.MONGODB_URI) args.push('--ferretdb');
  if (!options.mongo) delete env.MONGODB_URI;
  const child: ChildProcess = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not start within 150 s:\n${output}`)),
      150_000,
    );
    const onData = () => {
      const match = output.match(/running at (http:\/\/\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, with no network of its own beyond the demo. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run scripts/setup.sh or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A person at one browser: their own cookie jar, a desktop-sized window. */
export async function newPerson(
  browser: Browser,
  demo: RunningDemo,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: demo.url,
    viewport: { width: 1360, height: 880 },
    locale: 'en-US',
    // Headless Chromium says "HeadlessChrome"; people's browsers don't.
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const state = { pending: new Set<Request>(), lastChange: Date.now() };
  const done = (request: Request) => {
    state.pending.delete(request);
    state.lastChange = Date.now();
  };
  page.on('request', (request) => {
    state.pending.add(request);
    state.lastChange = Date.now();
  });
  page.on('response', (response) => done(response.request()));
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  traffic.set(page, state);
  return { context, page };
}

// Playwright's 'networkidle' can't be waited for here: Chromium never reports the sign-in POST as finished
// when its answer says `Cache-Control: no-store` (the answer arrives, its cookies are set and the page goes
// on; only the "loading finished" event never comes), so a page that signed in would never be idle.
const traffic = new WeakMap<Page, { pending: Set<Request>; lastChange: number }>();

/** Waits until every request the page made has its answer and none has started for half a second. */
export async function answered(page: Page): Promise<void> {
  const state = traffic.get(page);
  if (!state) throw new Error('answered() needs a page from newPerson()');
  await expect
    .poll(() => state.pending.size === 0 && Date.now() - state.lastChange >= 500, {
      timeout: 15_000,
      interval: 100,
      message: 'the page still waits for answers',
    })
    .toBe(true);
}

export async function signIn(
  page: Page,
  username: string,
  options: { rememberMe?: boolean; expectLanding?: boolean } = {},
): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(`${username}-demo`);
  if (options.rememberMe) await page.getByLabel('Remember me on this device').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (options.expectLanding !== false) {
    await page.waitForURL('**/settings/security/sessions');
    // The page's first requests must be answered before a test moves the clock or ends the session, or a
    // reload could race a response that clears the cookie.
    await page.getByText('This Device').first().waitFor();
    await answered(page);
  }
}

/** Calls the demo's API from the page, with the session cookie and the CSRF header, as the panel does. */
export async function api<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf =
        document.cookie
          .split('; ')
          .find((c) => c.startsWith('sk_csrf='))
          ?.slice('sk_csrf='.length) ?? '';
      const response = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** Moves the demo's clock forward (test builds only): idle timeouts without waiting. */
export async function advanceClock(demo: RunningDemo, ms: number): Promise<void> {
  const response = await fetch(`${demo.url}/__test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceMs: ms }),
  });
  if (!response.ok) throw new Error(`moving the clock failed: ${response.status}`);
}

export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A shot mid-transition (a drawer sliding away after a resize, a dialog fading) shows half of two states.
  // Endless ones (a spinner) never finish and are left alone.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => null)),
    ),
  );
  const viewport = page.viewportSize();
  // The sidebar is as tall as the window, so a whole page is shot through a taller window.
  if (options.fullPage && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({
      width: viewport.width,
      height: Math.max(viewport.height, Math.min(height, 2400)),
    });
  }
  await page.screenshot({ path: `${SCREENSHOTS}demo-${name}.png` });
  if (options.fullPage && viewport) await page.setViewportSize(viewport);
}

// playwright-core has no test runner and so no web-first assertions: these wait the way they would,
// then fail with what was on the page.

export async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout });
}

export async function hidden(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

export async function hasCount(locator: Locator, count: number, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout, message: `count of ${String(locator)}` }).toBe(count);
}

export async function expectOnLoginPage(page: Page, notice?: RegExp): Promise<void> {
  try {
    await page.waitForURL(/\/login/);
    await visible(page.getByRole('heading', { name: 'Sign in' }));
    if (notice) await hasText(page.getByTestId('signed-out-notice'), notice);
  } catch (error) {
    throw new Error(`not on the login page as expected (at ${page.url()}): ${String(error)}`);
  }
}

export async function hasText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect
    .poll(
      async () =>
        (await locator
          .first()
          .textContent({ timeout })
          .catch(() => '')) ?? '',
      {
        timeout,
        message: `text of ${String(locator)}`,
      },
    )
    .toMatch(typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text);
}

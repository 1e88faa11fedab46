import type { Browser, Page } from 'playwright-core';
import type { RunningDemo } from './harness';
import { answered, api, newPerson, signIn, visible } from './harness';
import type { Finding } from './layoutProbe';
import { LAYOUT_PROBE } from './layoutProbe';

export type Theme = 'light' | 'dark';

/** A phone, a tablet and a laptop; the heights are those devices' too, so a dialog must fit them. */
export const VIEWPORTS = { 390: 844, 768: 1024, 1366: 768 } as const;
export type Width = keyof typeof VIEWPORTS;

interface Screen {
  name: string;
  /**
   * Who looks at it: Morgan (the seed's apps), the super user Priya (every administration screen and action),
   * Sam (a warning on his sessions) or nobody.
   */
  as: 'morgan' | 'priya' | 'sam' | 'signedOut';
  path: string | ((page: Page) => Promise<void>);
  /** Shown once the screen has its data. */
  ready: (page: Page) => ReturnType<Page['getByText']>;
  /** Brings the screen into the state to measure, e.g. a row expanded. */
  prepare?: (page: Page) => Promise<void>;
  /** Each opens one dialog. */
  dialogs?: Record<string, (page: Page) => ReturnType<Page['getByRole']>>;
}

const otherSessionSignOut = (page: Page) =>
  page
    .getByRole('table', { name: 'Your active sessions' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .filter({ hasNotText: 'This Device' })
    .first()
    .getByRole('button', { name: /^Sign out/ });

const SCREENS: Screen[] = [
  {
    name: 'sessions',
    as: 'morgan',
    path: '/settings/security/sessions',
    ready: (p) => p.getByText('This Device'),
    dialogs: {
      'sign out one session': otherSessionSignOut,
      'sign out other sessions': (p) => p.getByRole('button', { name: 'Sign out all other sessions' }),
    },
  },
  {
    name: 'sessions with a warning',
    as: 'sam',
    path: '/settings/security/sessions',
    ready: (p) => p.getByText('Unusual sign-in on Chrome on Android'),
    dialogs: {
      'warning: sign out this session': (p) => p.getByRole('button', { name: 'Sign out this session' }),
    },
  },
  {
    name: 'session details',
    as: 'morgan',
    path: async (p) => {
      await p.goto('/settings/security/sessions');
      await otherSessionSignOut(p).waitFor();
      await p
        .getByRole('table', { name: 'Your active sessions' })
        .getByRole('row')
        .filter({ has: p.getByRole('cell') })
        .filter({ hasNotText: 'This Device' })
        .first()
        .getByRole('button')
        .first()
        .click();
      await p.waitForURL('**/settings/security/sessions/ses_*');
    },
    ready: (p) => p.getByRole('heading', { level: 1 }),
  },
  {
    name: 'apps',
    as: 'morgan',
    path: '/settings/security/apps',
    ready: (p) => p.getByText('Grafana'),
    dialogs: {
      'remove an app': (p) => p.getByRole('button', { name: /^Remove / }),
      'connect an app': (p) => p.getByRole('button', { name: 'Connect an app' }),
    },
  },
  {
    name: 'outbox',
    as: 'morgan',
    path: '/settings/outbox',
    ready: (p) => p.getByRole('heading', { name: 'Outbox' }),
  },
  {
    name: 'this wasn’t me',
    as: 'signedOut',
    path: '/not-me#token=a-link-that-was-never-sent',
    ready: (p) => p.getByText('this link is not valid'),
  },
  {
    name: 'password',
    as: 'priya',
    path: '/settings/security/password',
    ready: (p) => p.getByRole('heading', { level: 1 }),
  },
  {
    name: 'login management',
    as: 'priya',
    path: '/admin/login-management',
    ready: (p) => p.getByText('Sam Carter'),
    prepare: async (p) => {
      const expander = p.getByRole('button', { name: /sessions of Sam Carter/ });
      if ((await expander.getAttribute('aria-expanded')) !== 'true') await expander.click();
      await visible(p.getByText('Lagos, Nigeria'));
    },
    dialogs: {
      'force logout from a row': (p) => p.getByRole('button', { name: 'Force logout Sam Carter' }),
      'sign out everyone': (p) => p.getByRole('button', { name: 'Sign out all team sessions' }),
    },
  },
  {
    name: 'login management, people selected',
    as: 'priya',
    path: '/admin/login-management',
    ready: (p) => p.getByText('Sam Carter'),
    // `check` leaves a ticked box ticked: the same selection at every width and theme.
    prepare: async (p) => {
      await p.getByRole('checkbox', { name: 'Select Sam Carter' }).check();
      await p.getByRole('checkbox', { name: 'Select Lena Fischer' }).check();
    },
    dialogs: {
      'bulk force logout': (p) => p.getByRole('button', { name: 'Force logout selected' }),
    },
  },
  {
    name: 'people',
    as: 'priya',
    path: '/admin/people',
    ready: (p) => p.getByRole('link', { name: /Sam Carter/ }),
  },
  {
    name: 'user page',
    as: 'priya',
    path: async (p) => {
      await p.goto('/admin/people');
      await p.getByRole('link', { name: /Sam Carter/ }).click();
    },
    ready: (p) => p.getByText("Sam's iPhone 14"),
    dialogs: {
      'force logout from the user page': (p) => p.getByRole('button', { name: 'Force logout Sam Carter' }),
      'reset a password': (p) => p.getByRole('button', { name: 'Reset password' }),
      'deactivate a person': (p) => p.getByRole('button', { name: 'Deactivate' }),
      'suspend sessions': (p) => p.getByRole('button', { name: 'Suspend sessions: Sam Carter' }),
    },
  },
  {
    name: 'suspended user page',
    as: 'priya',
    path: '/admin/users/usr_elena',
    ready: (p) => p.getByText(/^Suspended until/),
  },
  {
    name: 'suspended login',
    as: 'signedOut',
    path: '/login?reason=session_suspended&note=Unusual+data+export+under+review&until=2026-12-31T12%3A00%3A00.000Z',
    ready: (p) => p.getByTestId('signed-out-notice'),
  },
  {
    name: 'deactivated user page',
    as: 'priya',
    path: '/admin/users/usr_olivia',
    ready: (p) => p.getByTestId('deactivation-notice'),
    dialogs: { 'reactivate a person': (p) => p.getByRole('button', { name: 'Reactivate' }) },
  },
  {
    name: 'session policy',
    as: 'priya',
    path: '/admin/policy',
    ready: (p) => p.getByText('Maximum sessions per user'),
  },
  { name: 'api keys', as: 'priya', path: '/admin/api-keys', ready: (p) => p.getByText('CRM sync') },
  {
    name: 'audit log',
    as: 'priya',
    path: '/admin/audit-log',
    // The newest events: the seed's older ones move to later pages as the steps before sign people in.
    ready: (p) => p.locator('table tbody tr').first(),
  },
  {
    name: 'not found',
    as: 'priya',
    path: '/settings/no-such-page',
    ready: (p) => p.getByRole('heading', { level: 1 }),
  },
  {
    name: 'login',
    as: 'signedOut',
    path: '/login',
    ready: (p) => p.getByRole('heading', { name: 'Sign in' }),
  },
];

/** Lets the layout settle after a resize or theme change: measures until two frames agree. */
async function settledFindings(page: Page, scope: 'page' | 'dialog'): Promise<Finding[]> {
  let last = '';
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const findings = (await page.evaluate(`(${LAYOUT_PROBE})(${JSON.stringify(scope)})`)) as Finding[];
    const now = JSON.stringify(findings);
    if (now === last) return findings;
    last = now;
  }
  return JSON.parse(last) as Finding[];
}

async function setTheme(page: Page, theme: Theme): Promise<void> {
  // As the shell's toggle does: the attribute on <html> and the browser's memory of it.
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
    localStorage.setItem('acme-admin-theme', t);
  }, theme);
}

/**
 * Visits every screen of the demo, and opens each of its dialogs, at each width and theme, and returns every
 * finding as one line: screen, width, theme, what, element and numbers. Dialogs are closed with Escape, so
 * nothing is changed.
 */
export async function checkLayout(
  browser: Browser,
  demo: RunningDemo,
  options: { widths: readonly Width[]; themes: readonly Theme[] },
): Promise<string[]> {
  const people = {
    morgan: await newPerson(browser, demo),
    priya: await newPerson(browser, demo),
    sam: await newPerson(browser, demo),
    signedOut: await newPerson(browser, demo),
  };
  const lines: string[] = [];
  try {
    await signIn(people.morgan.page, 'admin');
    await signIn(people.priya.page, 'priya');
    await signIn(people.sam.page, 'sam');
    for (const screen of SCREENS) {
      const page = people[screen.as].page;
      if (typeof screen.path === 'string') await page.goto(screen.path);
      else await screen.path(page);
      await visible(screen.ready(page));
      await answered(page);
      for (const width of options.widths) {
        await page.setViewportSize({ width, height: VIEWPORTS[width] });
        for (const theme of options.themes) {
          const at = `${screen.name} @${width}px ${theme}`;
          await setTheme(page, theme);
          await screen.prepare?.(page);
          for (const f of await settledFindings(page, 'page')) {
            lines.push(`${at}: ${f.what}: ${f.element} (${f.numbers})`);
          }
          for (const [dialogName, opener] of Object.entries(screen.dialogs ?? {})) {
            const where = `${at}, dialog "${dialogName}"`;
            try {
              await opener(page).first().click({ timeout: 5_000 });
            } catch (error) {
              lines.push(`${where}: cannot be opened: ${String(error).split('\n')[0]}`);
              continue;
            }
            await visible(page.locator('dialog[open]'));
            for (const f of await settledFindings(page, 'dialog')) {
              lines.push(`${where}: ${f.what}: ${f.element} (${f.numbers})`);
            }
            await page.keyboard.press('Escape');
            await page.locator('dialog[open]').waitFor({ state: 'detached' });
          }
        }
      }
    }
  } finally {
    // Signs out as it leaves: its sessions would otherwise count against the demo's limit and evict the
    // sessions that later tests sign in with.
    const signedIn = [people.morgan, people.priya, people.sam];
    await Promise.all(signedIn.map((p) => api(p.page, 'POST', '/auth/logout', {}).catch(() => undefined)));
    await Promise.all(Object.values(people).map((p) => p.context.close().catch(() => undefined)));
  }
  return lines;
}

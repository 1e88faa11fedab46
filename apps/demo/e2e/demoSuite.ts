import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemo } from './harness';
import {
  advanceClock,
  answered,
  api,
  expectOnLoginPage,
  hasCount,
  hasText,
  hidden,
  launchBrowser,
  newPerson,
  screenshot,
  signIn,
  startDemo,
  visible,
} from './harness';
import { checkLayout } from './layoutCheck';
import { defineBulkSteps } from './bulkSteps';
import { defineAlertSeedStep, defineAlertSteps } from './alertSteps';
import { definePeopleSteps } from './peopleSteps';
import { defineSuspensionSteps } from './suspensionSteps';
import { defineRolePolicySteps } from './rolePolicySteps';

const MINUTE = 60_000;

const POLICY = {
  concurrentSessions: { enabled: true, max: 5, onExceed: 'evict_oldest' },
  idleTimeout: { enabled: true, value: 7, unit: 'days' },
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 60, unit: 'days' },
    standardLifetime: { value: 1, unit: 'days' },
  },
  retention: { endedSessionDays: 30 },
};

/** The body rows of the session table (the rows with cells; the header row has column headers). */
const sessionRows = (page: Page) =>
  page
    .getByRole('table', { name: 'Your active sessions' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });

/**
 * Everything an evaluator does in the demo, in real Chromium, against one store. Steps run in order and
 * share one demo: the people (browser contexts) carry their sessions from one step to the next.
 */
export function defineDemoSuite(store: 'embedded' | 'mongo', options: { screenshots: boolean }) {
  describe(`the demo on the ${store} store`, () => {
    let demo: RunningDemo;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const person = async () => {
      const p = await newPerson(browser, demo);
      contexts.push(p.context);
      return p;
    };
    let admin: Page;

    beforeAll(async () => {
      [demo, browser] = await Promise.all([startDemo({ mongo: store === 'mongo' }), launchBrowser()]);
    });

    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser?.close();
      await demo?.stop();
    });

    const setPolicy = async (patch: Record<string, unknown>) => {
      const { status, body } = await api(admin, 'PUT', '/api/sessions/policy', { ...POLICY, ...patch });
      expect(status, JSON.stringify(body)).toBe(200);
    };

    it('signs in and lists the own sessions with This Device first', async () => {
      ({ page: admin } = await person());
      await signIn(admin, 'admin');
      await hasText(admin.getByTestId('signed-in-user'), 'Morgan Lee');
      const first = sessionRows(admin).first();
      await hasText(first, 'This Device');
      // The seed's sessions of the same person: Safari on iPhone, Chrome on macOS, Firefox on Ubuntu.
      await hasCount(sessionRows(admin), 4);
      await hasText(sessionRows(admin).filter({ hasText: 'Safari on iPhone' }), 'San Francisco');
      if (options.screenshots) await screenshot(admin, 'my-sessions');
    });

    defineAlertSeedStep({ person });

    it('shows every page of the panel with the seeded account', async () => {
      const shot = (page: Page, name: string, fullPage = false) =>
        options.screenshots ? screenshot(page, name, { fullPage }) : Promise.resolve();
      await admin.getByRole('button', { name: 'Safari on iPhone', exact: true }).first().click();
      await admin.waitForURL('**/settings/security/sessions/ses_*');
      await visible(admin.getByText('73.162.18.44').first());
      await visible(admin.getByText(/^\d+ in the last 30 days$/));
      await shot(admin, 'session-details');

      await admin.getByRole('link', { name: 'Apps & notifications' }).click();
      await visible(admin.getByText('Grafana'));
      await visible(admin.getByText('Acme Alerts'));
      await shot(admin, 'authorized-apps');

      await admin.getByRole('link', { name: 'Login management' }).click();
      await visible(admin.getByText('Sam Carter'));
      await admin.getByRole('button', { name: /sessions of Sam Carter/ }).click();
      await visible(admin.getByText('Lagos, Nigeria').first());
      // Morgan is an administrator but not a super user: Priya (super) can't be forced out from here.
      await visible(admin.getByRole('button', { name: 'Force logout Sam Carter' }));
      await answered(admin);
      await visible(admin.getByText('Priya Raman'));
      await hasCount(admin.getByRole('button', { name: 'Force logout Priya Raman' }), 0);
      await shot(admin, 'login-management');

      await admin.getByRole('link', { name: 'People', exact: true }).click();
      await admin.getByRole('link', { name: /Sam Carter/ }).click();
      await visible(admin.getByRole('heading', { name: 'Sam Carter' }));
      await visible(admin.getByText("Sam's iPhone 14").first());
      await visible(admin.getByText('Logins of Sam Carter', { exact: false }).first());
      await shot(admin, 'user-page', true);

      await admin.getByRole('link', { name: 'Session policy' }).click();
      await visible(admin.getByText('Maximum sessions per user'));
      await shot(admin, 'session-policy');

      await admin.getByRole('link', { name: 'API keys' }).click();
      await visible(admin.getByText('CRM sync'));
      await visible(admin.getByText('Never used'));
      await shot(admin, 'api-keys');

      await admin.getByRole('link', { name: 'Audit log' }).click();
      await visible(admin.getByText('Laptop reported stolen', { exact: false }).first());
      await shot(admin, 'audit-log');

      // Dark is one click away and remembered in the browser; the kit's components follow the host's theme.
      await admin.getByRole('button', { name: 'Use dark theme' }).click();
      await admin.getByRole('link', { name: 'Login management' }).click();
      await visible(admin.getByText('Sam Carter'));
      expect(await admin.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await shot(admin, 'dark-theme');
      await admin.getByRole('button', { name: 'Use light theme' }).click();

      // A phone: the sidebar waits behind the menu button, and each signed-in user is a card.
      if (options.screenshots) {
        await admin.setViewportSize({ width: 390, height: 844 });
        await visible(admin.getByRole('button', { name: 'Force logout Sam Carter' }));
        await shot(admin, 'phone-login-management');
        await admin.getByRole('button', { name: 'Menu' }).click();
        await visible(admin.getByRole('link', { name: 'Audit log' }));
        // The drawer slides in: shot once it is all in.
        await admin.waitForFunction(
          () => getComputedStyle(document.querySelector('.sidebar')!).transform === 'none',
        );
        await shot(admin, 'phone-menu');
        await admin.keyboard.press('Escape');
        await hidden(admin.getByRole('link', { name: 'Audit log' }));
        await admin.setViewportSize({ width: 1360, height: 880 });
      }

      // Sam's newest session is from a new country on a new device: his own sessions page warns him.
      const { page: sam } = await person();
      await signIn(sam, 'sam');
      await visible(sam.getByText('Lagos', { exact: false }).first());
      await visible(sam.getByText('Unusual sign-in on Chrome on Android'));
      await shot(sam, 'suspicious-session');
    });

    it('lays out every screen and dialog inside the window, centred and unclipped, on a phone, a tablet and a laptop', async () => {
      // Every width on the memory store; the laptop width on the Mongo store, whose screens are the same.
      const widths = store === 'embedded' ? ([390, 768, 1366] as const) : ([1366] as const);
      const findings = await checkLayout(browser, demo, { widths, themes: ['light', 'dark'] });
      expect(findings.join('\n')).toBe('');
    }, 600_000);

    it('refuses a wrong password and a deactivated account', async () => {
      const { page } = await person();
      await page.goto('/login');
      await page.getByLabel('Username').fill('sam');
      await page.getByLabel('Password').fill('not-it');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await hasText(page.getByRole('alert'), 'Wrong username or password.');
      await signIn(page, 'olivia', { expectLanding: false });
      await hasText(page.getByRole('alert'), 'deactivated');
      expect(page.url()).toContain('/login');
    });

    it('signs out another session, and that browser is sent to the login page', async () => {
      const { page: laptop } = await person();
      const { page: phone } = await person();
      await signIn(phone, 'jordan');
      await signIn(laptop, 'jordan');
      await hasCount(sessionRows(laptop), 2);
      await sessionRows(laptop)
        .filter({ hasNotText: 'This Device' })
        .getByRole('button', { name: /^Sign out/ })
        .click();
      const dialog = laptop.getByRole('dialog');
      await hasText(dialog, 'Sign out of');
      await dialog.getByRole('button', { name: 'Sign out' }).click();
      await hasCount(sessionRows(laptop), 1);
      await hasText(sessionRows(laptop).first(), 'This Device');

      await phone.reload();
      await expectOnLoginPage(phone, /signed out from another device/);
      await laptop.close();
    });

    it('signs out all other sessions, the current one stays', async () => {
      const { page: a } = await person();
      const { page: b } = await person();
      const { page: c } = await person();
      await signIn(b, 'jordan');
      await signIn(c, 'jordan');
      await signIn(a, 'jordan');
      await hasCount(sessionRows(a), 4); // the laptop of the previous step is still signed in
      await a.getByRole('button', { name: 'Sign out all other sessions' }).click();
      const dialog = a.getByRole('dialog');
      await hasText(dialog, 'Sign out of 3 other sessions?');
      await dialog.getByRole('button', { name: 'Sign out all other sessions' }).click();
      await hasCount(sessionRows(a), 1);
      await hasText(sessionRows(a).first(), 'This Device');
      for (const page of [b, c]) {
        await page.reload();
        await expectOnLoginPage(page, /signed out from another device/);
      }
      await a.goto('/settings/security/sessions');
      await hasCount(sessionRows(a), 1);
    });

    it('an administrator force-logs-out a user with a reason; their browser shows it and the audit log keeps it', async () => {
      const { page: riley } = await person();
      await signIn(riley, 'riley');

      await admin.getByRole('link', { name: 'Login management' }).click();
      await visible(admin.getByRole('heading', { name: 'Login management' }));
      // Riley signed in after this list was loaded: the screen's Refresh asks again.
      await admin.getByRole('button', { name: 'Refresh' }).click();
      await visible(admin.getByText('Riley Park'));
      await admin.getByRole('button', { name: 'Force logout Riley Park' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel('Reason').fill('Security review of the SRE laptops');
      await dialog.getByRole('button', { name: 'Force logout' }).click();
      await hidden(dialog);

      await riley.getByRole('link', { name: 'Apps & notifications' }).click();
      await expectOnLoginPage(riley, /An administrator signed you out: Security review of the SRE laptops/);
      if (options.screenshots) await screenshot(riley, 'signed-out-by-admin');

      await admin.getByRole('link', { name: 'Audit log' }).click();
      // The demo's clock stands still in tests, so the suite's events share one instant and their order among
      // themselves is the ids': the action's filter finds this one whichever page it would fall on.
      await admin.getByRole('combobox', { name: 'Action' }).selectOption('force_logout');
      await visible(admin.getByText('Security review of the SRE laptops').first());

      // The account itself stays usable.
      await signIn(riley, 'riley');
    });

    it('an administrator ends one session of a person with a reason; both session lists show how it ended and who ended it', async () => {
      const { page: riley } = await person();
      await signIn(riley, 'riley');

      await admin.getByRole('link', { name: 'Login management' }).click();
      const history = admin.getByRole('table', { name: 'Sessions', exact: true });
      const status = admin.getByRole('combobox', { name: 'Status', exact: true });
      await status.selectOption('Active');
      await history
        .getByRole('button', { name: /^Sign out .+ of Riley Park$/ })
        .first()
        .click();
      const dialog = admin.getByRole('dialog');
      await hasText(dialog, 'Sign Riley Park out of');
      await dialog.getByLabel('Reason').fill('Shared kiosk left signed in');
      await dialog.getByRole('button', { name: 'Sign out', exact: true }).click();
      await hidden(dialog);

      await status.selectOption('Ended');
      const row = history.getByRole('row').filter({ hasText: 'Shared kiosk left signed in' });
      await hasText(row, 'Riley Park');
      // Who ended it, by the directory's name.
      await hasText(row, 'by Morgan Lee');
      if (options.screenshots) {
        // The page as it opens: the confirmation's toast dismissed, from the top.
        for (const dismiss of await admin.getByRole('button', { name: 'Dismiss' }).all())
          await dismiss.click();
        await admin.evaluate(() => window.scrollTo(0, 0));
        await screenshot(admin, 'ended-sessions', { fullPage: true });
      }

      // Riley's own Sessions page lists it among the ended ones, with the reason. (Which of Riley's two
      // browsers it was isn't known here: the demo's clock stands still, so both signed in at the same time.)
      const { page: again } = await person();
      await signIn(again, 'riley');
      await hasText(
        again.getByRole('table', { name: 'Ended sessions', exact: true }),
        'Shared kiosk left signed in',
      );
    });

    it('ends the oldest session when a login goes over the limit under evict_oldest', async () => {
      await setPolicy({ concurrentSessions: { enabled: true, max: 1, onExceed: 'evict_oldest' } });
      const { page: first } = await person();
      const { page: second } = await person();
      await signIn(first, 'kenji');
      await signIn(second, 'kenji');
      await hasCount(sessionRows(second), 1);
      await first.reload();
      await expectOnLoginPage(first, /signed in on another device/);
    });

    it('under deny_new refuses the login until the person chooses a session to end', async () => {
      await setPolicy({ concurrentSessions: { enabled: true, max: 1, onExceed: 'deny_new' } });
      const { page: office } = await person();
      const { page: home } = await person();
      await signIn(office, 'casey');
      await hasCount(sessionRows(office), 1);

      await signIn(home, 'casey', { expectLanding: false });
      await visible(home.getByRole('heading', { name: 'Too many sessions' }));
      const choices = home.getByRole('radio');
      await hasCount(choices, 1);
      if (options.screenshots) await screenshot(home, 'choose-session');
      await home.getByRole('button', { name: 'Sign out that session and continue' }).click();
      await home.waitForURL('**/settings/security/sessions');
      await hasCount(sessionRows(home), 1);

      await office.reload();
      await expectOnLoginPage(office, /signed in on another device/);
      await setPolicy({});
    });

    it('remember me sets a persistent cookie; without it the cookie ends with the browser', async () => {
      const { page: remembered, context: rememberedContext } = await person();
      const { page: once, context: onceContext } = await person();
      await signIn(remembered, 'tom', { rememberMe: true });
      await signIn(once, 'tom');
      const cookie = async (context: BrowserContext) =>
        (await context.cookies()).find((c) => c.name === 'sk_session');
      const persistent = await cookie(rememberedContext);
      const browserSession = await cookie(onceContext);
      expect(persistent?.httpOnly).toBe(true);
      // The policy keeps remembered sessions 60 days.
      expect(persistent!.expires * 1000 - Date.now()).toBeGreaterThan(59 * 24 * 60 * MINUTE);
      expect(browserSession?.httpOnly).toBe(true);
      expect(browserSession?.expires).toBe(-1);

      // Signing out from the header ends the session and removes the cookie.
      await once.getByRole('button', { name: 'Sign out', exact: true }).click();
      await expectOnLoginPage(once);
      expect(await cookie(onceContext)).toBeUndefined();
      await hasCount(once.getByTestId('signed-out-notice'), 0);
      await hasText(once.getByText('Remember me on this device'), 'for 60 days');

      // A policy without remember me: the form doesn't offer what the server would quietly not give.
      await setPolicy({ rememberMe: { ...POLICY.rememberMe, allowed: false } });
      await once.reload();
      await visible(once.getByRole('heading', { name: 'Sign in' }));
      await answered(once);
      await hasCount(once.getByLabel('Remember me', { exact: false }), 0);
      await setPolicy({});
    });

    defineRolePolicySteps({ person, admin: () => admin, demo: () => demo, screenshots: options.screenshots });

    it('signs an idle session out under an idle timeout set in the policy', async () => {
      // Set through the Session policy page, as an administrator would: a custom 30 minutes.
      await admin.getByRole('link', { name: 'Session policy' }).click();
      await admin.getByRole('radio', { name: 'Custom' }).check();
      // The account's own fields: the role overrides below have fields of the same names.
      const idleField = admin.getByRole('group', { name: 'Idle timeout' }).first();
      await idleField.getByLabel('Idle timeout', { exact: true }).fill('30');
      await idleField.getByLabel('Unit', { exact: true }).selectOption('minutes');
      await admin.getByRole('button', { name: 'Save changes' }).click();
      await visible(admin.getByText('Session settings saved'));
      const { body: saved } = await api<{ idleTimeout: unknown }>(admin, 'GET', '/api/sessions/policy');
      expect(saved.idleTimeout).toEqual({ enabled: true, value: 30, unit: 'minutes' });
      const { page: idle } = await person();
      await signIn(idle, 'sam');
      await advanceClock(demo, 31 * MINUTE);
      await idle.reload();
      await expectOnLoginPage(idle, /inactivity/);
    });

    it('says why access is refused, keeps Force logout off the own row, and finds audit events by name', async () => {
      // Earlier steps moved the clock past the idle timeout: the administrator signs in afresh.
      const { page: morgan } = await person();
      await signIn(morgan, 'admin');
      const { page: sam } = await person();
      await signIn(sam, 'sam');

      // A fresh load lists Sam, who signed in just now.
      await morgan.goto('/admin/login-management');
      await visible(morgan.getByRole('button', { name: 'Force logout Sam Carter' }));
      // Administrators sign themselves out from their own sessions list.
      await hasCount(morgan.getByRole('button', { name: 'Force logout Morgan Lee' }), 0);
      await morgan.getByRole('button', { name: 'Force logout Sam Carter' }).click();
      const dialog = morgan.getByRole('dialog');
      await hasText(dialog, /\d+ active sessions? of Sam Carter ends? now\./);
      await hasText(dialog, /Their next request fails and they see the reason on the login page/);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await hidden(dialog);

      await morgan.goto('/admin/users/usr_admin');
      await visible(morgan.getByRole('heading', { name: 'Morgan Lee' }));
      await visible(morgan.getByRole('list', { name: 'Sessions of Morgan Lee' }));
      await hasCount(morgan.getByRole('button', { name: /^Force logout/ }), 0);

      await morgan.getByRole('link', { name: 'Audit log' }).click();
      await morgan.getByRole('searchbox', { name: 'User' }).fill('Sam');
      const table = morgan.getByRole('table', { name: 'Audit log' });
      await visible(table.getByText('Remember me: no · Kind: browser').first());
      const rows = table.getByRole('row').filter({ has: morgan.getByRole('cell') });
      await visible(rows.filter({ hasText: 'Sam Carter' }).first());
      await hasCount(rows.filter({ hasNotText: 'Sam Carter' }), 0);

      // María may act on behalf of others but isn't an administrator: the page says so, with no Try again.
      const { page: maria } = await person();
      await signIn(maria, 'maria');
      await maria.goto('/admin/users/usr_sam');
      await visible(maria.getByText('You need the administrator right to see this.'));
      await hasCount(maria.getByText('you are not allowed to do this'), 0);
      await hasCount(maria.getByRole('button', { name: 'Try again' }), 0);
    }, 120_000);

    it('a tab whose session ended reaches the login page with the reason on its next call from the Password page', async () => {
      const { page: morgan } = await person();
      await signIn(morgan, 'admin');
      const { page: kenji } = await person();
      await signIn(kenji, 'kenji');
      await kenji.getByRole('link', { name: 'Password' }).click();
      await visible(kenji.getByRole('heading', { name: 'Password' }));

      await morgan.goto('/admin/users/usr_kenji');
      await morgan.getByRole('button', { name: /^Force logout/ }).click();
      const dialog = morgan.getByRole('dialog');
      await dialog.getByLabel('Reason').fill('Password reset requested by the help desk');
      await dialog.getByRole('button', { name: 'Force logout' }).click();
      await hidden(dialog);

      // Every request from here on: the stale ones after the sign-out must not repeat.
      const asked: string[] = [];
      kenji.on('request', (r) => {
        const { pathname } = new URL(r.url());
        if (pathname.startsWith('/api/') || pathname.startsWith('/auth/')) asked.push(pathname);
      });
      await kenji.getByLabel('Current password').fill('kenji-demo');
      await kenji.getByLabel(/^New password/).fill('kenji-new-demo-1');
      await kenji.getByLabel('Repeat the new password').fill('kenji-new-demo-1');
      await kenji.getByRole('button', { name: 'Change password' }).click();
      await expectOnLoginPage(
        kenji,
        /An administrator signed you out: Password reset requested by the help desk/,
      );
      await answered(kenji);
      const repeated = asked.filter((path, i) => asked.indexOf(path) !== i);
      expect(repeated, asked.join(', ')).toEqual([]);
    });

    it('shows each person the administration the server’s rule lets them use, and no more', async () => {
      // signIn waits until every request, the access checks among them, has its answer.
      const { page: lena } = await person();
      await signIn(lena, 'lena');
      await visible(lena.getByRole('link', { name: 'Apps & notifications' }));
      await hasCount(lena.getByRole('link', { name: 'People', exact: true }), 0);
      await hidden(lena.getByText('Administration', { exact: true }));
      // María may act on behalf of others: People, and none of the administrators' pages.
      const { page: maria } = await person();
      await signIn(maria, 'maria');
      await visible(maria.getByRole('link', { name: 'People', exact: true }));
      await hasCount(maria.getByRole('link', { name: 'Login management' }), 0);
      await hasCount(maria.getByRole('link', { name: 'Audit log' }), 0);
    });

    definePeopleSteps({ person, screenshots: options.screenshots });
    defineSuspensionSteps({ person, screenshots: options.screenshots });
    defineBulkSteps({ person, screenshots: options.screenshots });
    defineAlertSteps({ person, demo: () => demo });
  });
}

import type { BrowserContext, Page } from 'playwright-core';
import { it } from 'vitest';
import { answered, expectOnLoginPage, hasCount, hasText, screenshot, signIn, visible } from './harness';

export interface SuspensionStepsOptions {
  /** A new person at their own browser, closed by the suite. */
  person: () => Promise<{ context: BrowserContext; page: Page }>;
  screenshots: boolean;
}

const STEP_MS = 180_000;
const REASON = 'Phishing report under review — call the IT desk';

/**
 * Pausing instead of ending, in real Chromium: an administrator suspends Omar (whom no other step uses) with
 * a reason; Omar's next request lands on the login page with it; after the resume Omar carries on in the same
 * session, without signing in again. The seed's suspended person (Elena) shows in Login management.
 */
export function defineSuspensionSteps(options: SuspensionStepsOptions): void {
  it(
    'an administrator suspends a person with a reason, the person is shown it, and continues after the resume without signing in',
    async () => {
      const { page: omar } = await options.person();
      await signIn(omar, 'omar');
      const { page: morgan } = await options.person();
      await signIn(morgan, 'admin');

      // The seed's suspension, without setup: Elena, in Login management.
      await morgan.goto('/admin/login-management');
      const suspended = morgan.getByRole('list', { name: 'Suspended sessions' });
      await hasText(suspended, 'Elena Rossi');
      await hasText(suspended, 'Unusual data export under review by Security');

      await morgan.goto('/admin/users/usr_omar');
      await visible(morgan.getByRole('heading', { name: 'Omar Haddad' }));
      await answered(morgan);
      await morgan.getByRole('button', { name: 'Suspend sessions: Omar Haddad' }).click();
      const dialog = morgan.getByRole('dialog');
      await hasText(dialog, '1 active session of Omar Haddad pauses until');
      await hasText(dialog, 'without signing in again');
      await dialog.getByRole('radio', { name: '1 h' }).check();
      await dialog.getByRole('textbox', { name: /reason/i }).fill(REASON);
      if (options.screenshots) await screenshot(morgan, 'suspend-dialog');
      await dialog.getByRole('button', { name: 'Suspend' }).click();
      await hasCount(morgan.getByRole('dialog'), 0);
      await hasText(morgan.locator('.sk-suspension'), `by Morgan Lee — ${REASON}`);

      // Omar's next request is refused with the reason; nothing signed Omar out.
      await omar.reload();
      await expectOnLoginPage(omar, /An administrator suspended your sessions: Phishing report under review/);
      await hasText(omar.getByTestId('signed-out-notice'), 'without signing in again');
      if (options.screenshots) await screenshot(omar, 'suspended-login');
      // Signing in again is refused with the same reason.
      await signIn(omar, 'omar', { expectLanding: false });
      await hasText(omar.getByRole('alert'), `Your sessions are suspended until`);
      await hasText(omar.getByRole('alert'), REASON);

      await morgan.getByRole('button', { name: 'Resume sessions: Omar Haddad' }).click();
      await visible(morgan.getByRole('button', { name: 'Suspend sessions: Omar Haddad' }));

      // The same session again: straight into the app, no sign-in form.
      await omar.goto('/');
      await omar.waitForURL('**/settings/security/sessions');
      await hasText(omar.getByTestId('signed-in-user'), 'Omar Haddad');
      await hasCount(omar.getByRole('heading', { name: 'Sign in' }), 0);
    },
    STEP_MS,
  );
}

import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { answered, hasCount, hasText, hidden, screenshot, signIn, visible } from './harness';

export interface PeopleStepsOptions {
  /** A new person at their own browser, closed by the suite. */
  person: () => Promise<{ context: BrowserContext; page: Page }>;
  screenshots: boolean;
}

// Two browsers and a dozen page loads each, on a machine that may be running other suites too.
const STEP_MS = 180_000;

/** The login page's refusal or notice, after the person's next request or a sign-in attempt. */
async function onLoginPage(page: Page, notice: RegExp): Promise<void> {
  await page.waitForURL(/\/login/);
  await hasText(page.getByTestId('signed-out-notice'), notice);
}

async function signInWith(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * An administrator at a person's page once every request of it has its answer: the access checks that show
 * or hide the actions, and the sessions the dialogs count.
 */
async function openPersonPage(admin: Page, id: string, name: string): Promise<void> {
  await admin.goto(`/admin/users/${id}`);
  await visible(admin.getByRole('heading', { name }));
  await answered(admin);
}

/**
 * The demo's administration of people, in real Chromium: a password reset and a deactivation, each with a
 * reason the person reads on the login page. Noah and Ava are the seed's people no other step uses.
 */
export function definePeopleSteps(options: PeopleStepsOptions): void {
  it(
    'an administrator resets a password with a reason: the person is signed out, and only the temporary password works',
    async () => {
      const { page: noah } = await options.person();
      await signIn(noah, 'noah');
      const { page: morgan, context } = await options.person();
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await signIn(morgan, 'admin');

      // Nothing to reset on the own page: that is the Password page's job.
      await openPersonPage(morgan, 'usr_admin', 'Morgan Lee');
      await hasCount(morgan.getByRole('button', { name: 'Reset password' }), 0);

      await openPersonPage(morgan, 'usr_noah', 'Noah Williams');
      await morgan.getByRole('button', { name: 'Reset password' }).click();
      const dialog = morgan.getByRole('dialog');
      await hasText(dialog, '1 active session of Noah Williams ends now.');
      await dialog.getByRole('button', { name: 'Reset password' }).click();
      await hasText(dialog, 'Enter a reason: it is kept in the audit log');
      await dialog.getByLabel('Reason').fill('Locked out after a phone change');
      await dialog.getByRole('button', { name: 'Reset password' }).click();

      await hasText(dialog, 'Temporary password for Noah Williams');
      const field = dialog.getByLabel('Temporary password');
      const password = await field.inputValue();
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await hasText(dialog, 'Copied to the clipboard.');
      expect(await morgan.evaluate(() => navigator.clipboard.readText())).toBe(password);
      if (options.screenshots) await screenshot(morgan, 'temporary-password');
      await dialog.getByRole('button', { name: 'Done' }).click();
      await hidden(dialog);

      await noah.getByRole('link', { name: 'Apps & notifications' }).click();
      await onLoginPage(noah, /An administrator reset your password: Locked out after a phone change/);
      await signInWith(noah, 'noah', 'noah-demo');
      await hasText(noah.getByRole('alert'), 'Wrong username or password.');
      await signInWith(noah, 'noah', password);
      await noah.waitForURL('**/settings/security/sessions');

      // The demo's test clock stands still, so the suite's events share one instant: Noah's are found by name.
      await morgan.getByRole('link', { name: 'Audit log' }).click();
      await morgan.getByRole('searchbox', { name: 'User' }).fill('Noah');
      const table = morgan.getByRole('table', { name: 'Audit log' });
      await visible(table.getByText('Locked out after a phone change').first());
    },
    STEP_MS,
  );

  it(
    'an administrator deactivates a person, who is signed out and refused until reactivated',
    async () => {
      const { page: ava } = await options.person();
      await signIn(ava, 'ava');
      const { page: morgan } = await options.person();
      await signIn(morgan, 'admin');

      // Only a super user administers a super user; nobody deactivates themselves.
      await openPersonPage(morgan, 'usr_priya', 'Priya Raman');
      await hasCount(morgan.getByRole('button', { name: 'Deactivate' }), 0);
      await openPersonPage(morgan, 'usr_admin', 'Morgan Lee');
      await hasCount(morgan.getByRole('button', { name: 'Deactivate' }), 0);

      await openPersonPage(morgan, 'usr_ava', 'Ava Thompson');
      await morgan.getByRole('button', { name: 'Deactivate' }).click();
      const dialog = morgan.getByRole('dialog');
      await hasText(dialog, '1 active session of Ava Thompson ends now.');
      await dialog.getByLabel('Reason').fill('Contract ended');
      await dialog.getByRole('button', { name: 'Deactivate' }).click();
      await hidden(dialog);
      await hasText(
        morgan.getByTestId('deactivation-notice'),
        /Deactivated on .+ by Morgan Lee: Contract ended/,
      );
      if (options.screenshots) await screenshot(morgan, 'deactivated-person');

      await ava.reload();
      await onLoginPage(ava, /An administrator deactivated your account: Contract ended/);
      await signInWith(ava, 'ava', 'ava-demo');
      await hasText(ava.getByRole('alert'), 'This account has been deactivated');

      await morgan.goto('/admin/people');
      const row = morgan.getByRole('row').filter({ hasText: 'Ava Thompson' });
      await hasText(row, 'Deactivated');

      await row.getByRole('link', { name: /Ava Thompson/ }).click();
      await morgan.getByRole('button', { name: 'Reactivate' }).click();
      await hasText(dialog, 'Ava Thompson can sign in again with their password.');
      await dialog.getByRole('button', { name: 'Reactivate' }).click();
      await hidden(dialog);
      await hasCount(morgan.getByTestId('deactivation-notice'), 0);
      await visible(morgan.getByRole('button', { name: 'Deactivate' }));

      await signIn(ava, 'ava');
    },
    STEP_MS,
  );
}

import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  answered,
  expectOnLoginPage,
  hasCount,
  hasText,
  hidden,
  screenshot,
  signIn,
  visible,
} from './harness';

export interface BulkStepsOptions {
  /** A new person at their own browser, closed by the suite. */
  person: () => Promise<{ context: BrowserContext; page: Page }>;
  screenshots: boolean;
}

const STEP_MS = 180_000;
const REASON = 'Quarterly access review: sign in again';

/**
 * Bulk force logout in Login management, in real Chromium: Morgan (an administrator, not a super user) picks
 * Riley and Jordan and Priya (a super user), is told Priya is left out, forces the two out with one reason;
 * their next request goes to the login page with it, and the audit log shows the action with its people
 * beside the seeded one.
 */
export function defineBulkSteps(options: BulkStepsOptions): void {
  it(
    'an administrator forces several people out at once with one reason; the audit log shows the action with its people',
    async () => {
      const { page: riley } = await options.person();
      await signIn(riley, 'riley');
      const { page: jordan } = await options.person();
      await signIn(jordan, 'jordan');
      // Priya's seeded sessions may have lapsed by now (earlier steps move the demo's clock): she signs in too.
      const { page: priya } = await options.person();
      await signIn(priya, 'priya');
      const { page: morgan } = await options.person();
      await signIn(morgan, 'admin');

      await morgan.getByRole('link', { name: 'Login management' }).click();
      await visible(morgan.getByRole('heading', { name: 'Login management' }));
      await visible(morgan.getByText('Riley Park'));
      await answered(morgan);
      for (const name of ['Riley Park', 'Jordan Ellis', 'Priya Raman'])
        await morgan.getByRole('checkbox', { name: `Select ${name}` }).check();
      await hasText(morgan.getByRole('group', { name: 'Selection' }), '3 people selected');
      await morgan.getByRole('button', { name: 'Force logout selected' }).click();

      const dialog = morgan.getByRole('dialog', { name: 'Force 2 people out?' });
      await hasText(dialog, /2 people and \d+ sessions end now/);
      await hasText(dialog, 'Left out, as only a super user can sign them out: Priya Raman');
      if (options.screenshots) await screenshot(morgan, 'bulk-force-logout');
      await dialog.getByLabel('Reason').fill(REASON);
      await dialog.getByRole('button', { name: 'Force logout' }).click();
      await hidden(dialog);
      // Gone from the signed-in people (the ended sessions below still name them); Priya, left out, stays.
      const team = morgan.getByRole('table', { name: 'Signed-in users' });
      await hidden(team.getByText('Riley Park'));
      await hidden(team.getByText('Jordan Ellis'));
      await visible(team.getByText('Priya Raman'));

      // The people's next request fails, and the login page says why.
      for (const page of [riley, jordan]) {
        await page.getByRole('link', { name: 'Apps & notifications' }).click();
        await expectOnLoginPage(page, new RegExp(`An administrator signed you out: ${REASON}`));
      }

      // The audit log: this action with its people, and the seeded one before it.
      await morgan.getByRole('link', { name: 'Audit log' }).click();
      await morgan.getByRole('combobox', { name: 'Action' }).selectOption('bulk_force_logout');
      const table = morgan.getByRole('table', { name: 'Audit log' });
      await hasCount(table.getByRole('row').filter({ has: morgan.getByRole('cell') }), 2);
      await visible(table.getByText('Shared laptops from the offsite wiped and reissued', { exact: false }));
      await table
        .getByRole('row')
        .filter({ hasText: REASON })
        .getByRole('button', { name: 'Show the action and its 2 people' })
        .click();
      const banner = morgan.getByRole('region', { name: 'Bulk action' });
      await hasText(banner, `Morgan Lee forced out 2 people: “${REASON}”`);
      const people = banner.getByRole('list', { name: 'People in this action' });
      await hasText(people, 'Riley Park');
      await hasText(people, 'Jordan Ellis');
      await hasCount(people.getByRole('listitem'), 2);
      // The action's events: the action itself and one per person.
      await hasCount(table.getByRole('row').filter({ has: morgan.getByRole('cell') }), 3);
      if (options.screenshots) await screenshot(morgan, 'audit-log-bulk-action');

      // The seeded action shows its people too, without any setup.
      await banner.getByRole('button', { name: 'Show all events' }).click();
      await morgan.getByRole('combobox', { name: 'Action' }).selectOption('bulk_force_logout');
      await table
        .getByRole('row')
        .filter({ hasText: 'Shared laptops from the offsite' })
        .getByRole('button', { name: 'Show the action and its 2 people' })
        .click();
      await hasText(people, 'Lena Fischer');
      await hasText(people, 'María González');
      expect(await morgan.getByRole('region', { name: 'Bulk action' }).textContent()).toContain('Morgan Lee');
    },
    STEP_MS,
  );
}

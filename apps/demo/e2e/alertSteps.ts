import type { BrowserContext, Page } from 'playwright-core';
import { it } from 'vitest';
import type { RunningDemo } from './harness';
import { advanceClock, answered, expectOnLoginPage, hasText, signIn, visible } from './harness';

interface AlertStepsOptions {
  person: () => Promise<{ context: BrowserContext; page: Page }>;
  demo: () => RunningDemo;
}

/** Tokyo, in the demo's seed table of places: an address no seeded sign-in of Jordan's came from. */
const TOKYO_IP = '126.72.33.10';

/**
 * What the seed shows of alerts, before any step moves the demo's clock: the seeded alert's session has been
 * idle two hours, and a later step's idle timeout (or the clock it moves) would end it.
 */
export function defineAlertSeedStep(options: Pick<AlertStepsOptions, 'person'>): void {
  it('the seed shows an outbox alert for a new country and a renamed, trusted device', async () => {
    const { page: hana } = await options.person();
    await signIn(hana, 'hana');
    await visible(hana.getByText('Work laptop').first());
    await visible(hana.getByRole('article', { name: /^Was this you\? Chrome on Windows/ }));
    await hana.getByRole('link', { name: 'Outbox' }).click();
    const message = hana
      .getByRole('article', { name: 'New sign-in to your account' })
      .filter({ hasText: 'Berlin' });
    await hasText(message, 'a country not seen on your account before: Germany');
  });
}

/** Sign-in alerts and named, trusted devices, as a person and an administrator meet them in the demo. */
export function defineAlertSteps(options: AlertStepsOptions): void {
  it('a sign-in from a new country: the outbox has the alert, "this wasn’t me" ends that session and asks for a new password', async () => {
    const { page: home } = await options.person();
    await signIn(home, 'jordan');
    // The demo's clock stands still in tests: a sign-in at the very same instant has no history to differ from.
    await advanceClock(options.demo(), 60_000);
    const { page: away } = await options.person();
    // Only the sign-in comes "from Tokyo": the demo places a session where it was opened.
    await away.route('**/auth/login', (route) =>
      route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': TOKYO_IP } }),
    );
    await signIn(away, 'jordan');

    await home.getByRole('link', { name: 'Outbox' }).click();
    const message = home
      .getByRole('article', { name: 'New sign-in to your account' })
      .filter({ hasText: 'Tokyo' });
    await hasText(message, 'Where: Tokyo, Japan');
    await message.getByRole('link', { name: 'This wasn’t me' }).click();
    await visible(home.getByRole('heading', { name: 'Wasn’t you?' }));
    await hasText(home.getByRole('definition').nth(1), 'Tokyo, Japan');
    // The secret left the address bar as soon as the page read it.
    await home.waitForURL((url) => url.hash === '');
    await home.getByRole('button', { name: 'Sign that session out' }).click();
    await visible(home.getByText('That session is signed out.'));
    await visible(home.getByText('Change your password now'));

    await away.reload();
    await expectOnLoginPage(away, /./);
    await home.goto('/settings/security/sessions');
    await answered(home);
    await visible(home.getByText('Change your password', { exact: true }));
  });

  it('a person renames and trusts a device, and administrators see the name in Login management', async () => {
    const { page: tom } = await options.person();
    await signIn(tom, 'tom');
    await tom
      .getByRole('table', { name: 'Your active sessions' })
      .getByRole('row')
      .filter({ hasText: 'This Device' })
      .getByRole('button')
      .first()
      .click();
    const form = tom.getByRole('form', { name: 'Name and trust this device' });
    await form.getByLabel('Device name').fill('Tom’s desk PC');
    await form.getByLabel('Trusted device (no new-device alerts)').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await visible(tom.getByRole('heading', { name: /Tom’s desk PC/ }));

    const { page: morgan } = await options.person();
    await signIn(morgan, 'admin');
    await morgan.getByRole('link', { name: 'Login management' }).click();
    await morgan.getByRole('button', { name: /sessions of Tom Becker/ }).click();
    await visible(morgan.getByText('Tom’s desk PC').first());
  });
}

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { RunningDemo } from './harness';
import {
  expectOnLoginPage,
  hasText,
  hidden,
  launchBrowser,
  newPerson,
  signIn,
  startDemo,
  visible,
} from './harness';

// The panel in the host's own login modes (native is the whole demo suite): the same screens, the same flows.
describe.each(['express-session', 'jwt'] as const)('the demo with DEMO_AUTH=%s', (auth) => {
  let demo: RunningDemo;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const person = async (): Promise<Page> => {
    const p = await newPerson(browser, demo);
    contexts.push(p.context);
    return p.page;
  };

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo({ auth }), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await demo?.stop();
  });

  it('signs in to the sessions page, and an administrator’s force logout sends the person to the login page with the reason', async () => {
    const admin = await person();
    await signIn(admin, 'admin');
    await hasText(admin.getByTestId('signed-in-user'), 'Morgan Lee');
    const riley = await person();
    await signIn(riley, 'riley');

    await admin.getByRole('link', { name: 'Login management' }).click();
    await visible(admin.getByRole('heading', { name: 'Login management' }));
    await admin.getByRole('button', { name: 'Refresh' }).click();
    await visible(admin.getByText('Riley Park'));
    await admin.getByRole('button', { name: 'Force logout Riley Park' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Moving to the new login');
    await dialog.getByRole('button', { name: 'Force logout' }).click();
    await hidden(dialog);

    await riley.getByRole('link', { name: 'Apps & notifications' }).click();
    await expectOnLoginPage(riley, /An administrator signed you out: Moving to the new login/);

    await admin.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expectOnLoginPage(admin);
  });
});

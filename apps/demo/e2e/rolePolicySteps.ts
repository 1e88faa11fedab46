import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { RunningDemo } from './harness';
import {
  advanceClock,
  answered,
  api,
  expectOnLoginPage,
  hasText,
  screenshot,
  signIn,
  visible,
} from './harness';

export interface RolePolicyStepsOptions {
  /** A new person at their own browser, closed by the suite. */
  person: () => Promise<{ context: BrowserContext; page: Page }>;
  /** The suite's signed-in administrator: another sign-in of theirs could push an older one over the limit. */
  admin: () => Page;
  demo: () => RunningDemo;
  screenshots: boolean;
}

const SEEDED = { 'Support agent': { idleTimeout: { value: 8, unit: 'hours' } } };

async function openCurrentSessionDetails(page: Page): Promise<void> {
  const { body } = await api<{ id: string; current: boolean }[]>(page, 'GET', '/api/sessions/me/sessions');
  const current = body.find((s) => s.current);
  expect(current, JSON.stringify(body)).toBeDefined();
  await page.goto(`/settings/security/sessions/${current!.id}`);
  await answered(page);
}

/**
 * Per-role session policies in real Chromium: the seed's support agents have their own idle timeout; an
 * administrator gives them a limit and an 8-hour lifetime on the Session policy page; a support agent's session
 * shows each rule with where it comes from, and the older of their two sessions is signed out at its next
 * request. The step puts the seed's rules back: an 8-hour lifetime would sign later steps' Jordan out whenever
 * they move the demo clock.
 */
export function defineRolePolicySteps(options: RolePolicyStepsOptions): void {
  it('an administrator edits a role override; that role’s session shows its source and lives under it from its next request', async () => {
    const { page: laptop } = await options.person();
    await signIn(laptop, 'jordan');
    // The demo's clock stands still in tests: the phone must be the newer session for the limit to keep it.
    await advanceClock(options.demo(), 60_000);
    const { page: phone } = await options.person();
    await signIn(phone, 'jordan');

    await openCurrentSessionDetails(phone);
    const effective = phone.getByRole('region', { name: 'Effective policy' });
    const rule = (name: string) =>
      effective.locator('div').filter({ has: phone.getByText(name, { exact: true }) });
    await hasText(rule('Idle timeout'), /8 hours\s*From role Support agent/);
    await hasText(rule('Concurrent sessions'), /At most 5\s*From the account policy/);

    // On the Session policy page: support agents get a limit of one session each.
    const admin = options.admin();
    await admin.getByRole('link', { name: 'Session policy' }).click();
    const agents = admin.getByRole('group', { name: 'Support agent' });
    await visible(agents.getByText('Inherits account: 5'));
    await agents.getByRole('checkbox', { name: 'Override Maximum sessions per user' }).check();
    await agents.getByRole('spinbutton', { name: 'Maximum sessions per user' }).fill('1');
    // And their sessions last 8 hours from sign-in, where everyone else's last the account's day.
    await visible(agents.getByText('Inherits account: 1 day'));
    await agents.getByRole('checkbox', { name: 'Override Other sessions expire after' }).check();
    await agents.getByRole('spinbutton', { name: 'Other sessions expire after' }).fill('8');
    await agents.getByRole('combobox', { name: 'Other sessions expire after (unit)' }).selectOption('hours');
    if (options.screenshots) await screenshot(admin, 'role-policy');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await visible(admin.getByText('Session settings saved'));
    const { body: saved } = await api<{ roles: unknown }>(admin, 'GET', '/api/sessions/policy');
    expect(saved.roles).toEqual({
      'Support agent': {
        idleTimeout: { value: 8, unit: 'hours' },
        concurrentSessions: { max: 1 },
        rememberMe: { standardLifetime: { value: 8, unit: 'hours' } },
      },
    });

    // The newer session shows the new rule and its source; the older one is out at its next request.
    await phone.reload();
    await answered(phone);
    await hasText(rule('Concurrent sessions'), /At most 1\s*From role Support agent/);
    await hasText(rule('Other sessions expire after'), /8 hours\s*From role Support agent/);
    if (options.screenshots) await screenshot(phone, 'effective-policy');
    await laptop.reload();
    await expectOnLoginPage(laptop, /signed in on another device/);

    // Back to the seed's rules, and the policy page reloaded so that later steps save from them.
    const restored = await api(admin, 'PUT', '/api/sessions/policy', { roles: SEEDED });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    await admin.goto('/settings/security/sessions');
    await answered(admin);
  }, 120_000);
}

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemo } from './harness';
import { answered, launchBrowser, newPerson, signIn, startDemo, visible } from './harness';

type Mode = 'native' | 'express-session' | 'jwt';
const MODES: Mode[] = ['native', 'express-session', 'jwt'];

/**
 * What a screen shows, without its data's times: headings, column headers, form labels, the links and buttons
 * of its main area. Two modes whose screens give the same outline show the same screens.
 */
function outline(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body;
    const texts: string[] = [];
    for (const element of main.querySelectorAll('h1, h2, h3, th, [role="columnheader"], label, a, button')) {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      if (text) texts.push(`${element.tagName.toLowerCase()}: ${text}`);
    }
    return texts;
  });
}

const outlines = new Map<Mode, Record<string, string[]>>();

describe.each(MODES)('the admin screens with DEMO_AUTH=%s', (mode) => {
  let demo: RunningDemo;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo({ auth: mode }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('signs an administrator in and opens Login management, a user’s page and the session policy', async () => {
    const { page: admin, context } = await newPerson(browser, demo);
    const errors: string[] = [];
    const screens: Record<string, string[]> = {};
    try {
      await signIn(admin, 'admin');
      // From here on (the login page's own check answers 401 before anyone signs in).
      admin.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      admin.on('pageerror', (error) => errors.push(error.message));

      await admin.getByRole('link', { name: 'Login management' }).click();
      await visible(admin.getByRole('heading', { name: 'Login management' }));
      await visible(admin.getByText('Sam Carter'));
      await admin.getByRole('button', { name: /sessions of Sam Carter/ }).click();
      await visible(admin.getByText('Lagos, Nigeria').first());
      await visible(admin.getByRole('button', { name: 'Force logout Sam Carter' }));
      await answered(admin);
      screens['login management'] = await outline(admin);

      await admin.getByRole('link', { name: 'People', exact: true }).click();
      await admin.getByRole('link', { name: /Sam Carter/ }).click();
      await visible(admin.getByRole('heading', { name: 'Sam Carter' }));
      await visible(admin.getByText("Sam's iPhone 14").first());
      await visible(admin.getByText('Logins of Sam Carter', { exact: false }).first());
      await answered(admin);
      screens['user page'] = await outline(admin);

      await admin.getByRole('link', { name: 'Session policy' }).click();
      await visible(admin.getByText('Maximum sessions per user'));
      await answered(admin);
      screens['session policy'] = await outline(admin);
    } finally {
      await context.close();
    }
    expect(errors).toEqual([]);
    for (const [screen, lines] of Object.entries(screens)) expect(lines.length, screen).toBeGreaterThan(5);
    outlines.set(mode, screens);
  });
});

describe('the three modes', () => {
  it('show the same admin screens', () => {
    const native = outlines.get('native');
    expect(native, 'the native walk above').toBeDefined();
    for (const mode of ['express-session', 'jwt'] as const) expect(outlines.get(mode), mode).toEqual(native);
  });
});

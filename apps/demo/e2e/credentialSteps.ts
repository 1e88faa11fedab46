import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDemo } from './harness';
import { answered, hasText, hidden, launchBrowser, newPerson, signIn, startDemo, visible } from './harness';

/** What `curl -H "Authorization: Bearer …" <demo>/api/me` answers (README, "API keys and app tokens"). */
async function callApi(
  demo: RunningDemo,
  token: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${demo.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * The README's credential steps in Chromium: a person creates an API key (shown once) and calls the demo's API
 * with it; an administrator sees its use, revokes it, and the next call fails; a mobile app's sign-in shows
 * under the person's authorized apps with its device name; a website the person connects gets a token that works
 * until they remove it. Kept apart from demoSuite.ts, with a demo of its own.
 */
export function defineCredentialSteps(store: 'embedded' | 'mongo') {
  describe(`API keys and app tokens in the demo on the ${store} store`, () => {
    let demo: RunningDemo;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    let sam: Page;
    let admin: Page;
    let secret = '';

    beforeAll(async () => {
      [demo, browser] = await Promise.all([startDemo({ mongo: store === 'mongo' }), launchBrowser()]);
    });
    const signedIn = async (name: string) => {
      const person = await newPerson(browser, demo);
      contexts.push(person.context);
      await signIn(person.page, name);
      return person.page;
    };

    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await browser?.close();
      await demo?.stop();
    });

    it('creates an API key whose secret is shown once, and calls the API with it', async () => {
      sam = await signedIn('sam');
      await sam.getByRole('link', { name: 'Apps & notifications' }).click();
      await sam.getByRole('button', { name: 'Create API key' }).click();
      const form = sam.getByRole('dialog', { name: 'Create an API key' });
      await form.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
      await form.getByRole('checkbox', { name: 'reports:read' }).check();
      await form.getByRole('button', { name: 'Create key' }).click();
      const shown = sam.getByRole('dialog', { name: 'Your new API key' });
      await visible(shown.getByText(/won’t be shown again/));
      secret = await shown.getByRole('textbox', { name: /API key/ }).inputValue();
      expect(secret).toMatch(/^skk_/);
      await shown.getByRole('button', { name: 'Done' }).click();
      await visible(sam.getByRole('row', { name: /Nightly export/ }));
      expect(await sam.content()).not.toContain(secret);

      const call = await callApi(demo, secret);
      expect(call, JSON.stringify(call.body)).toMatchObject({
        status: 200,
        body: { credential: 'api_key', user: { name: 'Sam Carter' } },
      });
    });

    it('shows the administrator its use; revoked there, the next call fails', async () => {
      expect((await callApi(demo, secret)).status).toBe(200);
      admin = await signedIn('admin');
      await admin.getByRole('link', { name: 'API keys' }).click();
      const row = admin.getByRole('row', { name: /Nightly export/ });
      await hasText(row, 'Sam Carter');
      await hasText(row.locator('.sk-tabular'), '2');
      await answered(admin);
      await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
      await admin
        .getByRole('dialog', { name: 'Revoke “Nightly export”?' })
        .getByRole('button', { name: 'Revoke' })
        .click();
      await hasText(admin.getByRole('row', { name: /Nightly export/ }), 'Revoked');
      const refused = await callApi(demo, secret);
      expect(refused).toMatchObject({ status: 401, body: { error: 'api_key_ended', reason: 'revoked' } });
    });

    it('lists a mobile app’s sign-in under the person’s authorized apps, with its device name', async () => {
      const signInAnswer = await fetch(`${demo.url}/auth/mobile`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sam', password: 'sam-demo', deviceName: 'Sam’s Pixel 8' }),
      });
      expect(signInAnswer.status).toBe(201);
      const { token } = (await signInAnswer.json()) as { token: string };
      expect((await callApi(demo, token)).body).toMatchObject({
        credential: 'app',
        app: { deviceName: 'Sam’s Pixel 8' },
      });
      await sam.reload();
      await visible(sam.getByText('Sam’s Pixel 8'));
    });

    it('connects a website with a token shown once, which works until the person removes it', async () => {
      await sam.getByRole('button', { name: 'Connect an app' }).click();
      const form = sam.getByRole('dialog', { name: 'Connect an app or website' });
      await form.getByRole('textbox', { name: 'Name' }).fill('Reports dashboard');
      await form.getByRole('checkbox', { name: 'reports:read' }).check();
      await form.getByRole('button', { name: 'Connect' }).click();
      const shown = sam.getByRole('dialog', { name: 'Reports dashboard is connected' });
      await visible(shown.getByText(/won’t be shown again/));
      const token = await shown.getByRole('textbox', { name: /Token for/ }).inputValue();
      expect(token).toMatch(/^ska_/);
      await shown.getByRole('button', { name: 'Done' }).click();
      const row = sam.getByRole('row', { name: /Reports dashboard/ });
      await hasText(row, 'Website');
      await hasText(row, token.slice(0, 12));
      expect(await sam.content()).not.toContain(token);
      expect(await callApi(demo, token)).toMatchObject({
        status: 200,
        body: { credential: 'app', user: { name: 'Sam Carter' } },
      });

      await row.getByRole('button', { name: 'Remove Reports dashboard' }).click();
      await sam
        .getByRole('dialog', { name: 'Remove Reports dashboard?' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await hidden(sam.getByRole('row', { name: /Reports dashboard/ }));
      expect((await callApi(demo, token)).status).toBe(401);
    });
  });
}

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { installApps } from '../src/exampleRun.js';
import { REPOSITORY } from '../src/publishedPackages.js';

// The fake backend: the stories' in-memory SessionKit server behind `fetch` (docs/http-api.md's shapes). It is
// test code, bundled from the repository; everything the page renders comes from the packed package.
const MOCK_SERVER = join(REPOSITORY, 'packages/ui-components/src/mocks/mockServer.ts');

// A host page as a React 18 or 19 app would write it: Refine with the kit's data provider, the session list
// and the policy form, a force logout button, the package's stylesheet. `window.fetch` answers from the fake backend.
const PAGE = `import { createElement as h, version } from 'react';
import { createRoot } from 'react-dom/client';
import { Refine } from '@refinedev/core';
import { ForceLogoutButton, SessionList, SessionPolicyForm, sessionKitDataProvider } from '@sessionkit/ui-components';
import '@sessionkit/ui-components/styles.css';
import { MOCK_API, MOCK_CSRF, createMockServer } from ${JSON.stringify(MOCK_SERVER)};

window.fetch = createMockServer().fetch;
document.cookie = 'sk_csrf=' + MOCK_CSRF;
document.documentElement.dataset.react = version;
const provider = sessionKitDataProvider(MOCK_API);
createRoot(document.getElementById('root')).render(
  h(
    Refine,
    // No telemetry: the test's Chromium has no network beyond this page.
    { dataProvider: { default: provider, sessionkit: provider }, options: { disableTelemetry: true } },
    h(SessionList),
    h(SessionPolicyForm),
    h(ForceLogoutButton, { userId: 'usr_kofi', userName: 'Kofi Mensah' }),
  ),
);
`;

const HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SessionKit on React</title>' +
  '<link rel="icon" href="data:,"><link rel="stylesheet" href="page.css"></head><body><main id="root"></main>' +
  '<script src="page.js"></script></body></html>';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves the built page's folder over http (cookies need a real origin). */
async function serve(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').slice(1).split('?')[0]!;
    try {
      const body = readFileSync(join(folder, name.replace(/[^\w.-]/g, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(['18.3.1', '19.3.1'])('the packed UI components on React %s', (react) => {
  it('install with npm beside Refine 5 and render the session list and policy form in Chromium, without a console error', async () => {
    const source = join(inject('workRoot'), `react-${react}`);
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'page.mjs'), PAGE);
    const dependencies = {
      '@sessionkit/core': '*',
      '@sessionkit/ui-components': '*',
      '@refinedev/core': '5.0.12',
      '@tanstack/react-query': '5.108.0',
      react,
      'react-dom': react,
    };
    writeFileSync(
      join(source, 'package.json'),
      JSON.stringify({ type: 'module', private: true, dependencies }),
    );
    const root = join(inject('workRoot'), `react-${react}-installed`);
    mkdirSync(root, { recursive: true });
    // npm refuses peers out of range (ERESOLVE), so the install is itself a check of the peer ranges.
    const folder = (await installApps([source], root, inject('tarballs'), { label: react, versions: {} }))[
      `react-${react}`
    ]!;
    const out = join(folder, 'dist');
    await build({
      entryPoints: { page: join(folder, 'page.mjs') },
      bundle: true,
      outdir: out,
      format: 'iife',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"development"' },
      logLevel: 'error',
    });
    writeFileSync(join(out, 'index.html'), HTML);

    const site = await serve(out);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
      await page.goto(site.url);
      await page.getByText('This Device').first().waitFor({ timeout: 15_000 });
      await page.getByText('Safari on iPhone').first().waitFor();
      await page.getByText('Maximum sessions per user').first().waitFor();
      await page.getByRole('button', { name: 'Force logout Kofi Mensah' }).waitFor();
      expect(await page.evaluate('document.documentElement.dataset.react')).toBe(react);
      // Rows of the list and fields of the form, as the stories show them on the workspace's React.
      expect(await page.getByRole('button', { name: /^Sign out/ }).count()).toBeGreaterThan(1);
      expect(await page.getByRole('spinbutton').count()).toBeGreaterThan(1);
      // The stylesheet came from the package's `./styles.css` export and applies.
      expect(
        await page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--sk-font')"),
      ).not.toBe('');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});

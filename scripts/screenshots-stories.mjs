// Captures the main stories into docs/screenshots/ with Debian's chromium (playwright-core, no browser download).
// Builds Storybook first unless --no-build is given and storybook-static/ exists; serves it on a free port.
//   pnpm screenshots:stories [--no-build] [--only <name>]
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = join(root, 'storybook-static');
const outDir = join(root, 'docs/screenshots');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;

/** name → story id, globals, viewport width and height. */
const SHOTS = [
  ['session-list', 'account-sessionlist--populated', '', 1100, 560],
  ['session-list-sign-out-dialog', 'account-sessionlist--confirm-sign-out', '', 1100, 620],
  ['session-list-sign-out-others', 'account-sessionlist--confirm-sign-out-others', '', 1100, 720],
  ['session-list-dark', 'account-sessionlist--populated', 'theme:dark', 1100, 560],
  ['session-list-rtl-narrow', 'account-sessionlist--right-to-left-narrow', 'dir:rtl', 460, 900],
  ['session-details', 'account-sessiondetails--populated', '', 900, 560],
  ['suspicious-session-alert', 'account-suspicioussessionalert--high-risk', '', 900, 420],
  ['authorized-apps', 'account-authorizedappstab--populated', '', 1100, 760],
  ['session-policy-form', 'admin-sessionpolicyform--populated', '', 900, 900],
  ['session-policy-form-errors', 'admin-sessionpolicyform--refuses-invalid-values', '', 900, 1240],
  ['team-sessions', 'admin-teamsessions--expanded', '', 1200, 860],
  ['team-sessions-dark', 'admin-teamsessions--populated', 'theme:dark', 1200, 760],
  ['force-logout-reason', 'admin-forcelogoutbutton--reason-dialog', '', 800, 480],
  ['api-key-activity', 'admin-apikeyactivity--populated', '', 1100, 440],
  ['audit-log', 'admin-auditlog--populated', '', 1200, 720],
  ['login-stats', 'admin-loginstats--populated', '', 1000, 720],
];

if (!args.includes('--no-build') || !existsSync(join(staticDir, 'iframe.html'))) {
  console.log('screenshots: building Storybook');
  execFileSync('pnpm', ['run', 'build-storybook'], { cwd: root, stdio: 'inherit' });
}

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  let file = join(staticDir, path);
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

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
mkdirSync(outDir, { recursive: true });
let failed = 0;
try {
  for (const [name, id, globals, width, height] of SHOTS) {
    if (only && name !== only) continue;
    const page = await browser.newPage({
      viewport: { width, height },
      deviceScaleFactor: 2,
      reducedMotion: 'reduce',
      // The same clock zone and language as the story tests, so times read the same everywhere.
      timezoneId: 'UTC',
      locale: 'en-US',
    });
    const url = `${base}/iframe.html?id=${id}&viewMode=story${globals ? `&globals=${globals}` : ''}`;
    await page.goto(url);
    try {
      // The story has rendered and its play function (which opens dialogs, fills forms) has finished.
      await page.waitForFunction(
        () => {
          const root = globalThis.document.querySelector('#storybook-root');
          return (
            root &&
            root.childElementCount > 0 &&
            !globalThis.document.querySelector('[aria-busy="true"], .sk-state--loading')
          );
        },
        null,
        { timeout: 15_000 },
      );
      await page.waitForTimeout(600);
      // A play function's last click leaves a focus ring; keep it only where it means something (dialogs).
      await page.evaluate(() => {
        const doc = globalThis.document;
        if (!doc.querySelector('dialog[open]')) doc.activeElement?.blur();
      });
      await page.screenshot({ path: join(outDir, `${name}.png`) });
      console.log(`screenshots: ${name}.png`);
    } catch (error) {
      failed += 1;
      console.error(`screenshots: ${name} failed: ${error.message}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);

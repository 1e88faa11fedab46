import { spawn } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import type { BenchConfig } from '../config.js';
import { errorText, missing, withDeadline } from '../deadline.js';
import { median } from '../stats.js';

export const RENDER_SESSIONS = 1000;
const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const SIZE_SCRIPT = fileURLToPath(new URL('../../ui-components/scripts/size.mjs', import.meta.url));
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface UiResult {
  /** gzip of the components as a host bundles them (packages/ui-components/scripts/size.mjs). */
  componentsGzipKb: number | null;
  sizeLine: string | null;
  /** gzip of all JavaScript of the benchmark page (React, Refine and React Query included). */
  pageGzipKb: number | null;
  renderMs: number | null;
  renderSamples: number[];
  trouble: string[];
}

export async function runUi(config: BenchConfig, log: (line: string) => void): Promise<UiResult> {
  const result: UiResult = {
    componentsGzipKb: null,
    sizeLine: null,
    pageGzipKb: null,
    renderMs: null,
    renderSamples: [],
    trouble: [],
  };
  log('  gzip size of the components');
  const size = await withDeadline(120, () => runNode(SIZE_SCRIPT));
  if (size.status === 'done') {
    const line = size.value.split('\n').find((l) => l.startsWith('size: components')) ?? null;
    const match = line && /, ([\d.]+) kB gzip/.exec(line);
    result.sizeLine = line;
    if (match) result.componentsGzipKb = Number(match[1]);
    else result.trouble.push(`size script said: ${size.value.trim().slice(0, 200)}`);
  } else {
    result.trouble.push(`size: ${missing(size)}`);
  }
  result.pageGzipKb = await pageGzipKb().catch(() => null);

  log(`  SessionList with ${RENDER_SESSIONS} sessions in Chromium`);
  const rendered = await withDeadline(300, (signal) => renderTimes(config, signal));
  if (rendered.status === 'done') {
    result.renderSamples = rendered.value;
    result.renderMs = median(rendered.value);
  } else {
    result.trouble.push(`render: ${missing(rendered)}`);
  }
  return result;
}

function runNode(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    // The script exits 1 over budget but still prints the size: the report judges the figure.
    child.on('exit', () => resolve(out));
  });
}

async function pageGzipKb(): Promise<number> {
  const assets = join(PAGE_DIR, 'assets');
  let bytes = 0;
  for (const name of await readdir(assets)) {
    if (name.endsWith('.js')) bytes += gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
  }
  return bytes / 1024;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

async function renderTimes(config: BenchConfig, signal: AbortSignal): Promise<number[]> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(PAGE_DIR, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (content) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(content),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?sessions=${RENDER_SESSIONS}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  signal.addEventListener('abort', () => void browser.close());
  try {
    const samples: number[] = [];
    // The first load fills the browser's caches; it is not counted.
    for (let i = 0; i <= config.samples; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await page.goto(url);
        const handle = await page.waitForFunction(() => window.__renderResult, null, { timeout: 60_000 });
        const { ms, rows } = (await handle.jsonValue()) as { ms: number; rows: number };
        if (rows < RENDER_SESSIONS) throw new Error(`only ${rows} rows rendered`);
        if (i > 0) samples.push(ms);
      } catch (error) {
        throw new Error(`render sample ${i}: ${errorText(error)}`);
      } finally {
        await page.close();
      }
    }
    return samples;
  } finally {
    await browser.close();
    server.close();
  }
}

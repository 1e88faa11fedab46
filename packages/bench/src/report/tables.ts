import { FORCE_LOGOUT_SESSIONS, SESSIONS_PER_USER } from '../phases/admin.js';
import { perRequest } from '../phases/hotPath.js';
import type { UiResult } from '../phases/ui.js';
import { RENDER_SESSIONS } from '../phases/ui.js';
import { median, num, ratio, spread, withSpread } from '../stats.js';
import { LOAD_COLUMNS, commandCells, ms, stormWall, table, yesNo } from './format.js';
import type { BenchRun } from './run.js';
import { hot, STORE_LABEL } from './run.js';

// The Results tables, one per phase of the run.

/** The GET /me table: one row per contestant. */
export function hotPathTable(run: BenchRun): string {
  const rows = run.hotPath.map((r) => {
    if (r.samples.length === 0) {
      return [r.contestant.label, '–', '', '', '', '', '', '', r.trouble.join('; ') || 'no rounds'];
    }
    const rps = spread(r.samples.map((s) => s.load.rps));
    const per = perRequest(r.samples);
    const errors = r.samples.reduce((n, s) => n + s.load.errors, 0);
    return [
      r.contestant.label,
      withSpread(rps),
      num(median(r.samples.map((s) => s.load.p50))),
      num(median(r.samples.map((s) => s.load.p99))),
      String(errors),
      ...commandCells(r.contestant.database ? per : null),
      r.trouble.join('; '),
    ];
  });
  return table(['contestant (`GET /me`)', 'req/s, median (min–max)', ...LOAD_COLUMNS], rows);
}

function ratioText(a: ReturnType<typeof hot>, b: ReturnType<typeof hot>): string {
  if (!a || !b) return 'not measured';
  return `${num(ratio(a.rps.median, b.rps.median))}× (${num(a.rps.median)} vs ${num(b.rps.median)} req/s)`;
}

export function ratiosTable(run: BenchRun): string {
  const kit = hot(run, 'kit-mongo');
  return table(
    ['ratio of medians', 'value'],
    [
      ['kit on the Mongo store ÷ floor (small documents)', ratioText(kit, hot(run, 'floor-small'))],
      [
        'kit on the Mongo store ÷ floor (session-shaped documents)',
        ratioText(kit, hot(run, 'floor-session')),
      ],
      ['kit on the Mongo store ÷ connect-mongo (defaults)', ratioText(kit, hot(run, 'connect-mongo'))],
      [
        'kit on the Mongo store ÷ connect-mongo (`touchAfter`)',
        ratioText(kit, hot(run, 'connect-mongo-touch')),
      ],
      ['kit on the memory store ÷ bare Express', ratioText(hot(run, 'kit-memory'), hot(run, 'bare'))],
    ],
  );
}

export function stormsTable(run: BenchRun): string {
  const rows = run.storms.flatMap(({ store, results }) =>
    results.map((s) => [
      STORE_LABEL[store],
      `\`${s.strategy}\``,
      Number.isFinite(s.wallSeconds) ? stormWall(s) : '–',
      String(s.ok),
      String(s.refused),
      s.other.length ? s.other.join(', ') : '0',
      s.active === null ? '?' : String(s.active),
      yesNo(s.survivorsAnswered),
      s.trouble ?? '',
    ]),
  );
  return table(
    [
      'store',
      'strategy',
      'wall time',
      '200',
      '409',
      'other',
      'active at the end',
      'survivors got 200',
      'notes',
    ],
    rows,
  );
}

export function throughputTable(run: BenchRun): string {
  const rows = run.throughput.flatMap(({ store, results }) =>
    results.map((t) =>
      t.load
        ? [
            STORE_LABEL[store],
            t.operation,
            num(t.load.rps),
            num(t.load.p50),
            num(t.load.p99),
            String(t.load.errors),
            ...commandCells(store === 'database' ? t.perRequest : null),
            t.trouble ?? '',
          ]
        : [STORE_LABEL[store], t.operation, '–', '', '', '', '', '', '', t.trouble ?? ''],
    ),
  );
  return table(['store', 'operation', 'req/s', ...LOAD_COLUMNS], rows);
}

export function adminTable(run: BenchRun): string {
  const rows: string[][] = [];
  for (const admin of run.admin) {
    const label = STORE_LABEL[admin.store];
    const seed = admin.seed;
    rows.push([
      label,
      'seeding',
      seed
        ? `${seed.sessions.toLocaleString('en-US')} sessions of ${seed.users.toLocaleString('en-US')} people in ${num(seed.ms / 1000)} s${seed.stoppedBy === 'budget' ? ` (the ${admin.budgetSeconds} s budget ran out; target ${(admin.targetUsers * SESSIONS_PER_USER).toLocaleString('en-US')})` : ''}`
        : admin.trouble.join('; ') || '–',
    ]);
    for (const view of admin.views) {
      rows.push([
        label,
        `${view.view} (\`${view.path}\`)`,
        `${view.medianMs !== null ? ms(view.medianMs) : ''}${view.trouble ? `${view.medianMs !== null ? '; then ' : ''}${view.trouble}` : ''}${view.samples.length ? ` — samples: ${view.samples.map((s) => num(s)).join(', ')}` : ''}`,
      ]);
    }
    if (admin.forceLogout) {
      const f = admin.forceLogout;
      rows.push([
        label,
        `force logout of a person with ${FORCE_LOGOUT_SESSIONS} sessions`,
        `${ms(f.ms)}, ${f.ended} ended, ${f.activeAfter ?? '?'} active after`,
      ]);
    }
    for (const trouble of seed ? admin.trouble : []) rows.push([label, 'trouble', trouble]);
  }
  return table(['store', 'what', 'median of the requests'], rows);
}

export function uiTable(ui: UiResult | null): string {
  if (!ui) return 'not measured';
  return table(
    ['what', 'measured'],
    [
      ['components, gzip (as `packages/ui-components/scripts/size.mjs` bundles them)', ui.sizeLine ?? '–'],
      [
        `\`SessionList\` with ${RENDER_SESSIONS.toLocaleString('en-US')} sessions, median render`,
        `${ms(ui.renderMs)}${ui.renderSamples.length ? ` — samples: ${ui.renderSamples.map((s) => num(s)).join(', ')}` : ''}`,
      ],
      [
        'the whole benchmark page, JavaScript gzip (React, Refine, React Query included)',
        ui.pageGzipKb !== null ? `${num(ui.pageGzipKb)} kB` : '–',
      ],
      ...ui.trouble.map((t) => ['trouble', t]),
    ],
  );
}

/** The tables the run prints to stdout, and the Results section of docs/benchmarks.md. */

function detailRow(label: string, per: ReturnType<typeof perRequest>): string[] {
  const targets = Object.entries(per.byTarget)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name} ${num(n)}`)
    .join(', ');
  const others = Object.entries(per.byCommand)
    .filter(([name]) => !Object.keys(per.byTarget).some((t) => t.startsWith(`${name} `)))
    .map(([name, n]) => `${name} ${num(n)}`)
    .join(', ');
  const scans = Object.entries(per.scans)
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');
  return [label, targets || '–', others || '–', scans || '–', String(per.requests)];
}

/** Which commands on which collections each database contestant and kit operation sent. */
export function commandsDetail(run: BenchRun): string {
  const rows = run.hotPath
    .filter((r) => r.contestant.database && r.samples.length)
    .map((r) => detailRow(`${r.contestant.label}: \`GET /me\``, perRequest(r.samples)));
  for (const t of run.throughput.find((x) => x.store === 'database')?.results ?? []) {
    if (t.perRequest) rows.push(detailRow(`kit on the Mongo store: ${t.operation}`, t.perRequest));
  }
  return table(
    [
      'what',
      'reads and writes a request, by collection',
      'other commands a request',
      'reads not by `_id`, by collection (count)',
      'requests',
    ],
    rows,
  );
}

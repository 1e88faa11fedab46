import { ADMIN_TARGET } from '../config.js';
import { FORCE_LOGOUT_SESSIONS } from '../phases/admin.js';
import { STORM_MAX, STORM_SIZE } from '../phases/logins.js';
import { RENDER_SESSIONS } from '../phases/ui.js';
import { num, ratio } from '../stats.js';
import { ms, stormWall, table, yesNo } from './format.js';
import type { BenchRun } from './run.js';
import { adminOf, fullScale, hot, STORE_LABEL } from './run.js';

// The targets of issues 8 and 9, each judged against what the run measured.

type Verdict = 'met' | 'not met' | 'not measured';
export interface TargetRow {
  target: string;
  measured: string;
  verdict: Verdict;
}

/** One row a target: what it asks, what was measured, and whether it was met. */
export function targets(run: BenchRun): TargetRow[] {
  const rows: TargetRow[] = [];
  const kit = hot(run, 'kit-mongo');
  const floorSmall = hot(run, 'floor-small');
  const connect = hot(run, 'connect-mongo');
  const atLeast = (target: string, a: typeof kit, b: typeof kit, factor: number) => {
    if (!a || !b) return rows.push({ target, measured: 'not measured', verdict: 'not measured' });
    const r = ratio(a.rps.median, b.rps.median);
    rows.push({ target, measured: `${num(r)}×`, verdict: r >= factor ? 'met' : 'not met' });
  };
  atLeast(
    '`authenticate` on the Mongo store within 0.8× of the `_id` floor (small documents)',
    kit,
    floorSmall,
    0.8,
  );
  atLeast(
    '`authenticate` on the Mongo store at least 2× express-session + connect-mongo (defaults)',
    kit,
    connect,
    2,
  );
  if (kit) {
    const { reads, readsNotById, writes, writesNotById } = kit.per;
    rows.push({
      target: 'at most 1 read a request, by `_id` (≤ 1.01: the tenant policy is re-read every 5 s)',
      measured: `${num(reads)} reads, ${num(readsNotById)} not by \`_id\``,
      verdict: reads <= 1.01 && readsNotById === 0 ? 'met' : 'not met',
    });
    rows.push({
      target: 'at most 0.05 writes a request, every write by `_id` alone',
      measured: `${num(writes)} writes, ${num(writesNotById)} not by \`_id\``,
      verdict: writes <= 0.05 && writesNotById === 0 ? 'met' : 'not met',
    });
  }
  const storm = run.storms
    .find((s) => s.store === 'database')
    ?.results.find((r) => r.strategy === 'evict_oldest');
  rows.push(
    storm
      ? {
          target: `${STORM_SIZE} parallel logins under \`evict_oldest\` (max ${STORM_MAX}) on the Mongo store: under 10 s, exactly ${STORM_MAX} active, both from requests that got 200`,
          measured: `${stormWall(storm)}, ${storm.active ?? '?'} active, survivors answered: ${yesNo(storm.survivorsAnswered)}`,
          verdict:
            storm.unanswered === 0 &&
            storm.wallSeconds < 10 &&
            storm.active === STORM_MAX &&
            storm.survivorsAnswered === true
              ? 'met'
              : 'not met',
        }
      : { target: 'parallel logins under `evict_oldest`', measured: 'not measured', verdict: 'not measured' },
  );
  for (const t of run.throughput.find((x) => x.store === 'database')?.results ?? []) {
    rows.push({
      target: `${t.operation} on the Mongo store: no full-collection read (no read that is not by \`_id\`)`,
      measured: t.perRequest ? `${num(t.perRequest.readsNotById)} a request` : (t.trouble ?? 'not measured'),
      verdict: !t.perRequest ? 'not measured' : t.perRequest.readsNotById === 0 ? 'met' : 'not met',
    });
  }
  for (const store of ['memory', 'database'] as const) {
    const admin = adminOf(run, store);
    const limit = store === 'memory' ? 100 : 1000;
    for (const view of admin?.views ?? []) {
      const scaled = fullScale(admin);
      rows.push({
        target: `${view.view} under ${limit === 100 ? '100 ms' : '1 s'} (median) on the ${STORE_LABEL[store]} at ${ADMIN_TARGET.users.toLocaleString('en-US')} people / ${ADMIN_TARGET.sessions.toLocaleString('en-US')} sessions`,
        measured: `${view.medianMs !== null ? ms(view.medianMs) : (view.trouble ?? '–')} at ${admin!.seed!.sessions.toLocaleString('en-US')} sessions`,
        verdict:
          view.medianMs === null || view.trouble
            ? 'not met'
            : view.medianMs >= limit
              ? 'not met'
              : scaled
                ? 'met'
                : 'not measured',
      });
    }
    if (admin?.seed) {
      // "Well under a second" (issue 9): a second is the line; the scale it was measured at is beside it.
      const f = admin.forceLogout;
      const at = `at ${admin.seed.sessions.toLocaleString('en-US')} sessions`;
      rows.push({
        target: `force logout of a person with ${FORCE_LOGOUT_SESSIONS} sessions well under a second on the ${STORE_LABEL[store]} at ${ADMIN_TARGET.sessions.toLocaleString('en-US')} sessions`,
        measured: f
          ? `${ms(f.ms)}, ${f.ended} ended, ${f.activeAfter ?? '?'} active after, ${at}`
          : `${admin.trouble.find((t) => t.startsWith('force logout')) ?? 'no answer'} ${at}`,
        verdict:
          !f || f.ms >= 1000 || f.ended !== FORCE_LOGOUT_SESSIONS || f.activeAfter !== 0
            ? 'not met'
            : fullScale(admin)
              ? 'met'
              : 'not measured',
      });
    }
    if (admin && admin.views.length === 0) {
      rows.push({
        target: `admin views on the ${STORE_LABEL[store]}`,
        measured: admin.trouble.join('; ') || 'not measured',
        verdict: 'not measured',
      });
    }
  }
  const memory = adminOf(run, 'memory');
  if (memory?.seed) {
    const { sessions, ms: took } = memory.seed;
    const rate = sessions / (took / 1000);
    rows.push({
      target: `seeding ${ADMIN_TARGET.sessions.toLocaleString('en-US')} sessions on the memory store under 60 s (through \`kit.importSessions\`)`,
      measured: `${sessions.toLocaleString('en-US')} in ${num(took / 1000)} s (${num(rate)}/s)`,
      // Seeding doesn't speed up as the store grows: a rate below the target's is a miss at any scale.
      verdict:
        sessions >= ADMIN_TARGET.sessions
          ? took < 60_000
            ? 'met'
            : 'not met'
          : took >= 60_000 || rate < ADMIN_TARGET.sessions / 60
            ? 'not met'
            : 'not measured',
    });
  }
  if (run.ui) {
    rows.push({
      target: 'gzip size of the components under 40 kB',
      measured: run.ui.componentsGzipKb !== null ? `${num(run.ui.componentsGzipKb)} kB` : 'not measured',
      verdict:
        run.ui.componentsGzipKb === null ? 'not measured' : run.ui.componentsGzipKb < 40 ? 'met' : 'not met',
    });
    rows.push({
      target: `\`SessionList\` with ${RENDER_SESSIONS.toLocaleString('en-US')} sessions renders under 200 ms (production build, Chromium)`,
      measured: ms(run.ui.renderMs),
      verdict: run.ui.renderMs === null ? 'not measured' : run.ui.renderMs < 200 ? 'met' : 'not met',
    });
  }
  return rows;
}

export function targetsTable(run: BenchRun): string {
  return table(
    ['target (issues 8 and 9)', 'measured', ''],
    targets(run).map((t) => [t.target, t.measured, t.verdict === 'met' ? '**met**' : t.verdict]),
  );
}

import { loadavg } from 'node:os';
import { median, num } from '../stats.js';
import { mb, percent, say } from './print.js';
import { CLIENTS, HELD_MIN, RECHECK_MS, WARMUP_SECONDS, WINDOW_SECONDS } from './settings.js';
import { kinds, tally } from './tally.js';

// The soak's verdict: the rate it held, errors, revokes undone and the server's memory growth.

export interface MemorySample {
  /** Seconds since the load started. */
  at: number;
  rss: number;
  heapUsed: number;
}

/** Least-squares slope of `y` over `x`. */
function slope(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return Number.NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / points.length;
  const my = points.reduce((s, p) => s + p.y, 0) / points.length;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

/** Prints what the soak found and sets the exit code: 1 when a target was not met. */
export function printSummary(run: {
  memory: MemorySample[];
  seconds: number;
  rate: number;
  peak: number;
  latencies: number[];
}): void {
  const { memory, seconds, rate, peak, latencies } = run;
  const inBaseline = memory.filter((s) => s.at >= WARMUP_SECONDS && s.at < WARMUP_SECONDS + WINDOW_SECONDS);
  const inEnd = memory.filter((s) => s.at >= seconds - WINDOW_SECONDS);
  const baseline = median(inBaseline.map((s) => s.rss));
  const end = median(inEnd.map((s) => s.rss));
  const growth = (end - baseline) / baseline;
  const heapGrowth =
    (median(inEnd.map((s) => s.heapUsed)) - median(inBaseline.map((s) => s.heapUsed))) /
    median(inBaseline.map((s) => s.heapUsed));
  const trend = slope(memory.filter((s) => s.at >= WARMUP_SECONDS).map((s) => ({ x: s.at / 60, y: s.rss })));
  const held = (tally.requests + tally.signIns) / seconds;

  say('');
  say(
    `soak: ${num(seconds)} s, ${CLIENTS} clients, target ${num(rate)} operations/s (80 % of ${num(peak)} req/s)`,
  );
  say(
    `held ${num(held)} operations/s (${num((held / rate) * 100)} % of the target): requests ${tally.requests}, sign-ins ${tally.signIns}, revokes ${tally.revokes} (${tally.revokesAnswered} answered 200)`,
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  say(
    `GET /me latency: p50 ${num(median(sorted))} ms, p99 ${num(sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN)} ms`,
  );
  say(`errors: ${tally.errors}${tally.errors ? ` — ${kinds(tally.errorKinds)}` : ''}`);
  say(
    `revokes undone: ${tally.undone} of ${tally.revokesAnswered}${tally.undone ? ` — ${kinds(tally.undoneKinds)}` : ''}; refused as revoked on the next request ${tally.refused} (${tally.refusedEarly} of them before the revoke's answer came back), and again ${RECHECK_MS / 1000} s later ${tally.rechecked}`,
  );
  say(
    `resident memory of the server after gc(): baseline ${mb(baseline)} (median of ${inBaseline.length} samples at ${num(WARMUP_SECONDS)}–${num(WARMUP_SECONDS + WINDOW_SECONDS)} s) → end ${mb(end)} (median of ${inEnd.length} samples in the last ${num(WINDOW_SECONDS)} s): ${percent(growth)}; trend after warm-up ${Number.isFinite(trend) ? `${trend >= 0 ? '+' : ''}${num(trend / 1024 ** 2)} MB/min` : '?'}; all samples ${memory.length ? `${mb(Math.min(...memory.map((s) => s.rss)))}–${mb(Math.max(...memory.map((s) => s.rss)))}` : '–'}; live heap ${percent(heapGrowth)}`,
  );
  say(
    `load average at the end: ${loadavg()
      .map((x) => num(x))
      .join(' / ')} (1 / 5 / 15 min)`,
  );
  const failed = [
    tally.errors > 0 && 'errors above 0',
    tally.undone > 0 && 'revokes undone',
    tally.revokesAnswered === 0 && 'no revoke was tested (run longer than 2.2 touch intervals)',
    !(growth < 0.05) && (Number.isFinite(growth) ? 'memory grew 5 % or more' : 'memory not measured'),
    held < HELD_MIN * rate && `the rate was not held (under ${HELD_MIN * 100} % of the target)`,
  ].filter(Boolean);
  say(
    failed.length
      ? `NOT MET: ${failed.join(', ')}`
      : 'all targets met (0 errors, 0 revokes undone, memory growth under 5 %, the rate held)',
  );
  process.exitCode = failed.length ? 1 : 0;
}

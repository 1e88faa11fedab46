import { ADMIN_TARGET } from '../config.js';
import { FORCE_LOGOUT_SESSIONS, SESSIONS_PER_USER } from '../phases/admin.js';
import { STORM_MAX, STORM_SIZE } from '../phases/logins.js';
import { RENDER_SESSIONS } from '../phases/ui.js';
import { num } from '../stats.js';
import { SEED_CHUNK } from '../server/seed.js';
import type { BenchRun } from './run.js';
import {
  adminTable,
  commandsDetail,
  hotPathTable,
  ratiosTable,
  stormsTable,
  throughputTable,
  uiTable,
} from './tables.js';
import { targetsTable } from './targets.js';

// What a run prints and writes: the Results section, and the whole of docs/benchmarks.md around it.

/** The tables the run prints to stdout, and the Results section of docs/benchmarks.md. */
export function resultsMarkdown(run: BenchRun): string {
  return [
    '### `GET /me` (authenticated route returning the user)',
    '',
    hotPathTable(run),
    '',
    ratiosTable(run),
    '',
    '### Targets',
    '',
    targetsTable(run),
    '',
    `### ${STORM_SIZE} parallel logins of one person, limit ${STORM_MAX}`,
    '',
    stormsTable(run),
    '',
    "### Login, sign-out and the person's own list (`GET /api/sessions/me/sessions`)",
    '',
    throughputTable(run),
    '',
    '### Admin views at scale',
    '',
    adminTable(run),
    '',
    '### UI',
    '',
    uiTable(run.ui),
    ...(run.trouble.length ? ['', '### Trouble', '', ...run.trouble.map((t) => `- ${t}`)] : []),
  ].join('\n');
}

/** docs/benchmarks.md: how the run measured (machine, method, contestants), then its Results. */
export function benchmarksMarkdown(run: BenchRun): string {
  const c = run.config;
  const m = run.machine;
  const when = run.startedAt.toISOString().replace('T', ' ').slice(0, 16);
  const kindNote =
    run.database?.kind === 'ferretdb'
      ? [
          '',
          "**What FerretDB costs.** FerretDB 1.24 with its SQLite backend answers only a filter that is exactly `{ _id: value }` without reading the whole collection, and even that lookup scans: it queries `_ferretdb_sjson->'$._id'` while its unique index is on `->\"_id\"`, so SQLite reads rows until the match (fast for a document near the start of the table, slow near the end, and slower with bigger documents). Every other filter reads the whole collection and every sort runs in memory; an update is a read then a whole-document write. The two floor rows measure exactly this on the same server: one `_id` lookup on small documents, then on documents shaped like a kit session, each in one collection. On FerretDB the kit's store (layout 2) splits its live sessions, ends, records and slots 128 ways, so its lookup reads a 128th of the live sessions: that is why it can pass the floor, which reads one collection holding all of them. A delete by `_id` (every end removes the live document) is dearer: FerretDB first reads the partition for the match, then runs `DELETE … WHERE _ferretdb_sjson->'$._id' IN (…)`, which no index serves, so it reads the partition twice; that is most of what a force logout costs at 300,000 sessions (docs/scaling.md). On MongoDB the same lookup is an index seek and the ratios differ; run with `MONGODB_URI` to measure them there.",
        ]
      : [];
  return [
    '# Benchmarks',
    '',
    `Written by \`pnpm bench${c.quick ? ' --quick' : ''}\` (\`packages/bench\`) on ${when} UTC in ${num(run.seconds / 60)} min; every run rewrites this file. Read the ratios rather than the absolute figures: they come from one machine that may have been busy with other work.`,
    '',
    '## Method',
    '',
    `- **Machine:** ${m.cpu}, ${m.cores} cores, ${num(m.memoryGb)} GB memory, ${m.os}, Node ${m.node}. Load generator and servers share it. Load average ${num(m.loadAtStart)} at the start and ${num(m.loadAtEnd)} at the end${m.loadAtStart > m.cores || m.loadAtEnd > m.cores ? ' — more than the cores: other work was running, so absolute figures are low and noisy' : ''}.`,
    `- **Database:** ${run.database?.name ?? 'none (it did not start)'}; each contestant has a database of its own on that one server (\`bench_…\`, emptied at start: with \`MONGODB_URI\`, point it at a server where that is fine).`,
    `- **One run, interleaved:** every contestant is a server in a child process of its own, started once; autocannon 9 runs in the orchestrating process. Each of ${c.rounds} rounds loads every contestant for ${c.seconds} s at ${c.connections} connections, the starting contestant moving one place each round so that a busy spell of the machine spreads over all of them; a ${Math.min(2, c.seconds)} s warm-up each before round 1 is not counted.`,
    `- **Store contents:** ${c.otherSessions.toLocaleString('en-US')} sessions of 500 other people are in each store before the bench user signs in, so the bench user's document is the newest: built by \`aSession\` of \`@sessionkit/core/testing\` and inserted in batches (the kit's through its store's \`insertSessions\`, the floors' through \`insertMany\`); express-session's through its store's \`set\`.`,
    '- **Figures:** req/s counts 2xx answers a second (median of the rounds, with the slowest and fastest round); p50 and p99 are autocannon\'s latency percentiles, the median over rounds; errors are connection errors, 10 s timeouts and non-2xx answers over all rounds. Database commands come from the driver\'s command monitoring (`monitorCommands: true`) inside the server process, divided by the requests that reached the server (those the load generator abandoned at the end of a round included), counted once the server has finished them all; a read or write "not by `_id`" is one whose filter is anything but exactly `{ _id: value }` (inserts are keyed and not counted there).',
    '- **Contestants:**',
    ...run.hotPath.map((r) => `  - ${r.contestant.label}: ${r.contestant.what}.`),
    '  - The kit offers no session cache today, so there is no cached contestant; when it offers one, it gets a row here with its revocation staleness beside the figure.',
    `- **Logins under a limit:** ${STORM_SIZE} \`POST /login\` of one person at once (the host route calls \`kit.issueSession\`), a fresh server per strategy with 500 other people signed in once each, then the policy \`concurrentSessions: { enabled: true, max: ${STORM_MAX}, onExceed }\` switched on (how long that took is in the notes); wall time until the last answer (each waits at most ${c.loginTimeoutSeconds} s); then, once the server has finished every login (those the deadline gave up on too), the person's active sessions from \`kit.service.listUserSessions\`, checked against the ids the 200 answers carried.`,
    `- **Login, sign-out, own list:** ${c.seconds} s each at ${c.connections} connections on the same two kit servers after the rounds: login as one of 500 people in turn; sign-out (\`POST /logout\`, \`kit.endSession\`) of API sessions issued beforehand, one per request; the bench user's \`GET /api/sessions/me/sessions\`.`,
    `- **Admin views at scale:** a fresh kit server per store, seeded with up to ${Math.round(ADMIN_TARGET.users * c.scale).toLocaleString('en-US')} people (\`BENCH_SCALE\` ${c.scale} of ${ADMIN_TARGET.users.toLocaleString('en-US')}) with ${SESSIONS_PER_USER} sessions each through \`kit.importSessions\` in chunks of ${SEED_CHUNK.toLocaleString('en-US')} (the documented bulk import; \`packages/bench/src/server/seed.ts\`), their creation and last-active times spread over the last hours, within a budget of ${c.memorySeedSeconds} s on the memory store and ${c.databaseSeedSeconds} s on the database; then each view up to ${c.samples} times as an administrator (median; each request waits at most ${c.viewTimeoutSeconds} s; a view is not asked again once it gave no answer or took ${c.viewTimeoutSeconds} s in all); then a force logout (\`POST /admin/users/:userId/force-logout\`) of a person of the directory with ${FORCE_LOGOUT_SESSIONS} API sessions, checked to answer ${FORCE_LOGOUT_SESSIONS} ended and to leave none active. A target is "not measured" when the seeding didn't reach full scale and the view was within the target at the scale reached.`,
    `- **UI:** a production Vite build of a page rendering \`SessionList\` (\`pageSize\` ${RENDER_SESSIONS.toLocaleString('en-US')}) inside Refine with the package's data provider over an in-memory fetch, opened in /usr/bin/chromium through playwright-core (headless); time from \`createRoot().render\` until all rows are in the DOM and a frame has passed, median of ${c.samples} loads after one warm-up. The components' gzip size is the package's own \`scripts/size.mjs\` figure.`,
    "- **Soak:** `pnpm soak` (not part of this run) holds 80 % of the kit's measured peak on the Mongo store for 10 minutes (`SOAK_SECONDS` shortens it) with sign-ins, requests and revokes mixed (each session revoked by an administrator once it is a touch interval old), and prints the rate it held, errors (a refusal as revoked while the revoke is on its way is not one), revokes undone (a 200 after the revoke answered 200, or after the session was once refused: every refused session is asked again 5 s later) and the server's resident-memory growth, sampled after `gc()`: the median of the minute after a warm-up of 2.1 touch intervals against the median of the last minute.",
    ...kindNote,
    '',
    '## Results',
    '',
    resultsMarkdown(run),
    '',
    '### Database commands per request',
    '',
    commandsDetail(run),
    '',
  ].join('\n');
}

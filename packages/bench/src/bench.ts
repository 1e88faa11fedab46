// `pnpm bench`: the kit side by side with bare Express, the `_id` floor and express-session on one database, then
// logins under a limit, the admin views at scale and the UI; rewrites docs/benchmarks.md and prints its tables.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './config.js';
import { errorText, missing, withDeadline } from './deadline.js';
import type { Database } from './database.js';
import { startDatabase } from './database.js';
import { runAdminScale } from './phases/admin.js';
import { runHotPath } from './phases/hotPath.js';
import { runLoginStorms, runThroughput } from './phases/logins.js';
import { runUi } from './phases/ui.js';
import type { BenchRun, StoreName } from './report/run.js';
import { benchmarksMarkdown, resultsMarkdown } from './report/markdown.js';

const DOC = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
const started = performance.now();
const say = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => say(`[${Math.round((performance.now() - started) / 1000)} s] ${line}`);

async function main(): Promise<void> {
  const config = benchConfig(process.argv.slice(2), process.env);
  const cpus = os.cpus();
  const run: BenchRun = {
    config,
    startedAt: new Date(),
    seconds: 0,
    machine: {
      cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus.length,
      memoryGb: os.totalmem() / 1024 ** 3,
      os: `${os.type()} ${os.release()}`,
      node: process.versions.node,
      loadAtStart: os.loadavg()[0]!,
      loadAtEnd: Number.NaN,
    },
    database: null,
    trouble: [],
    hotPath: [],
    storms: [],
    throughput: [],
    admin: [],
    ui: null,
  };
  log(
    `pnpm bench${config.quick ? ' --quick' : ''}: ${config.rounds} rounds × ${config.seconds} s at ${config.connections} connections`,
  );

  log('database');
  const db = await withDeadline(900, () => startDatabase(log));
  let database: Database | null = null;
  if (db.status === 'done') {
    database = db.value;
    run.database = { name: database.name, kind: database.kind };
  } else {
    run.trouble.push(`database: ${missing(db)}; only the contestants without one ran`);
  }
  // A database that never came up still lets the in-memory contestants run; theirs are marked.
  const noDatabase: Database = {
    kind: 'external',
    name: 'none',
    uriFor: () => {
      throw new Error('no database');
    },
    stop: async () => {},
  };

  try {
    log('GET /me');
    const { results, servers } = await runHotPath(config, database ?? noDatabase, log);
    run.hotPath = results;
    try {
      for (const [store, id] of [
        ['memory', 'kit-memory'],
        ['database', 'kit-mongo'],
      ] as [StoreName, 'kit-memory' | 'kit-mongo'][]) {
        const server = servers.get(id);
        if (!server) continue;
        log(`login, sign-out and own list, ${id}`);
        run.throughput.push({ store, results: await runThroughput(server, config, log) });
      }
    } finally {
      await Promise.all([...servers.values()].map((s) => s.stop()));
    }
    for (const store of ['memory', 'database'] as const) {
      if (store === 'database' && !database) continue;
      log(`logins under a limit, ${store === 'memory' ? 'memory store' : 'Mongo store'}`);
      run.storms.push({ store, results: await runLoginStorms(store, config, database ?? noDatabase, log) });
    }

    for (const store of ['memory', 'database'] as const) {
      if (store === 'database' && !database) continue;
      log(`admin views at scale, ${store === 'memory' ? 'memory store' : 'Mongo store'}`);
      run.admin.push(await runAdminScale(store, config, database, log));
    }

    log('UI');
    const ui = await withDeadline(600, () => runUi(config, log));
    if (ui.status === 'done') run.ui = ui.value;
    else run.trouble.push(`UI: ${missing(ui)}`);
  } catch (error) {
    run.trouble.push(`the run stopped early: ${errorText(error)}`);
  } finally {
    await database?.stop().catch(() => {});
  }

  run.seconds = (performance.now() - started) / 1000;
  run.machine.loadAtEnd = os.loadavg()[0]!;
  say('');
  say(resultsMarkdown(run));
  if (config.writeDocs) {
    await writeFile(DOC, benchmarksMarkdown(run));
    say(`\nwrote ${DOC}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`pnpm bench: ${errorText(error)}\n`);
    process.exit(1);
  },
);

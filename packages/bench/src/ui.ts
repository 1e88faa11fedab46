// `bash scripts/bench.sh ui [--quick]`: only the UI phase of `pnpm bench` (components' gzip size and SessionList's
// render time in Chromium), for working on the components without a database or the server contestants. Prints
// its table; never writes docs/benchmarks.md, whose figures come from whole runs.
import { benchConfig } from './config.js';
import { errorText } from './deadline.js';
import { runUi } from './phases/ui.js';
import { uiTable } from './report/tables.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = benchConfig(process.argv.slice(2), process.env);
  say(`UI phase of pnpm bench${config.quick ? ' --quick' : ''}: ${config.samples} render samples`);
  say(uiTable(await runUi(config, say)));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench ui: ${errorText(error)}\n`);
    process.exit(1);
  },
);

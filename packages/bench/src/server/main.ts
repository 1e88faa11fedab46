// One contestant's server, forked by the orchestrator: it builds the app named in BENCH_SERVER, seeds its store,
// signs the bench user in, reports `ready` with the port and cookie, then answers the orchestrator's calls
// (command counts, memory, seeding) over IPC so none of that travels through the HTTP path being measured.
import type { AddressInfo } from 'node:net';
import process from 'node:process';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import { errorText } from '../deadline.js';
import { BENCH_USER } from '../people.js';
import type { ChildMessage, ParentMessage, ServerSpec } from '../protocol.js';
import { buildContestant } from './apps.js';
import type { Handlers } from './apps.js';
import { CommandCounter } from './commandCounter.js';
import { takeArrivals } from './arrivals.js';

const send = (message: ChildMessage) => process.send?.(message);
// The orchestrator gone means nobody will read the results: don't outlive it.
process.on('disconnect', () => process.exit(0));

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_SERVER ?? 'null') as ServerSpec | null;
  if (!spec) throw new Error('BENCH_SERVER is missing: this program is started by `pnpm bench`');
  const counter = new CommandCounter();
  let connection: Connection | null = null;
  if (spec.uri) {
    connection = mongoose.createConnection(spec.uri, { monitorCommands: true });
    await connection.asPromise();
    counter.attach(connection.getClient());
    // Each contestant has a database of its own, emptied so a run never measures the last run's leftovers.
    await connection.dropDatabase();
  }
  const progress = (text: string) => send({ type: 'progress', text });
  const built = await buildContestant(spec, connection, progress);
  const server = built.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  let cookie = '';
  if (built.loginPath) {
    const response = await fetch(`http://127.0.0.1:${port}${built.loginPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: BENCH_USER }),
    });
    if (!response.ok) throw new Error(`the bench user's sign-in answered ${response.status}`);
    cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(';')[0]!)
      .join('; ');
  }

  const handlers: Handlers = {
    ...built.handlers,
    async stats({ reset }) {
      const { started, inFlight } = counter.activity();
      return {
        counts: counter.take(reset),
        requests: takeArrivals(reset),
        commandsStarted: started,
        commandsInFlight: inFlight,
        rss: process.memoryUsage().rss,
      };
    },
    async gc() {
      (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      return { rss, heapUsed };
    },
  };
  process.on('message', (raw: ParentMessage) => {
    if (raw?.type !== 'call') return;
    const handler = handlers[raw.op] as ((args: unknown) => Promise<unknown>) | undefined;
    if (!handler) {
      send({ type: 'reply', id: raw.id, ok: false, error: `${spec.contestant} does not answer ${raw.op}` });
      return;
    }
    handler(raw.args).then(
      (value) => send({ type: 'reply', id: raw.id, ok: true, value }),
      (error: unknown) => send({ type: 'reply', id: raw.id, ok: false, error: errorText(error) }),
    );
  });
  counter.take(true);
  takeArrivals(true);
  send({ type: 'ready', port, cookie });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});

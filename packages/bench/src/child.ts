import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { CallName, Calls, ChildMessage, ServerSpec } from './protocol.js';

const SERVER = join(dirname(fileURLToPath(import.meta.url)), 'server.js');
const running = new Set<ChildProcess>();

// However the orchestrator ends, no server child outlives it.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A contestant's server in its own process, and the IPC calls the orchestrator makes on it. */
export class ServerChild {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #stderr = '';
  #exited: Promise<number | null>;
  port = 0;
  cookie = '';
  readonly spec: ServerSpec;

  private constructor(spec: ServerSpec, onProgress: (text: string) => void) {
    this.spec = spec;
    this.#child = fork(SERVER, [], {
      env: { ...process.env, BENCH_SERVER: JSON.stringify(spec) },
      // gc() lets the soak compare resident memory after collection, not the collector's mood.
      execArgv: ['--expose-gc', '--enable-source-maps'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    running.add(this.#child);
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    this.#child.on('message', (message: ChildMessage) => {
      if (message.type === 'progress') onProgress(message.text);
      if (message.type !== 'reply') return;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new Error(message.error));
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code) => {
        running.delete(this.#child);
        for (const { reject } of this.#pending.values()) reject(new Error(this.#died(code)));
        this.#pending.clear();
        resolve(code);
      });
    });
  }

  #died(code: number | null): string {
    const last = this.#stderr.trim().split('\n').slice(-3).join(' | ');
    return `the ${this.spec.contestant} server exited (${code ?? 'killed'})${last ? `: ${last}` : ''}`;
  }

  /** Forks the server and waits for it to seed its store and sign the bench user in. */
  static start(
    spec: ServerSpec,
    onProgress: (text: string) => void = () => {},
    signal?: AbortSignal,
  ): Promise<ServerChild> {
    const server = new ServerChild(spec, onProgress);
    signal?.addEventListener('abort', () => server.kill());
    return new Promise((resolve, reject) => {
      server.#child.on('message', (message: ChildMessage) => {
        if (message.type !== 'ready') return;
        server.port = message.port;
        server.cookie = message.cookie;
        resolve(server);
      });
      void server.#exited.then((code) => reject(new Error(server.#died(code))));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  call<K extends CallName>(op: K, args: Calls[K]['args']): Promise<Calls[K]['value']> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ type: 'call', id, op, args }, (error) => {
        if (error) {
          this.#pending.delete(id);
          reject(error);
        }
      });
    });
  }

  /**
   * Waits until the server's database work has stopped (no command running, none started for 0.6 s), at most
   * `maxSeconds`: requests the load generator abandoned keep running on the server, and their work must neither
   * slow the next measurement nor go uncounted in this one. A server without a database is quiet at once.
   */
  async settle(maxSeconds: number): Promise<{ settled: boolean; seconds: number }> {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    if (!this.spec.uri) return { settled: true, seconds: 0 };
    let last = -1;
    let quiet = 0;
    while (elapsed() < maxSeconds) {
      const giveUp = new AbortController();
      const left = (maxSeconds - elapsed()) * 1000;
      const stats = await Promise.race([
        this.call('stats', { reset: false }),
        sleep(left, null, { signal: giveUp.signal }).catch(() => null),
      ]);
      giveUp.abort();
      if (!stats) break;
      quiet = stats.commandsInFlight === 0 && stats.commandsStarted === last ? quiet + 1 : 0;
      if (quiet >= 3) return { settled: true, seconds: elapsed() };
      last = stats.commandsStarted;
      await sleep(200);
    }
    return { settled: false, seconds: elapsed() };
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}

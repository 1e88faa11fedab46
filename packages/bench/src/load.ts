import autocannon from 'autocannon';
import type { Instance, Options, Request, Result } from 'autocannon';
import { withDeadline } from './deadline.js';
import type { Outcome } from './deadline.js';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Run this long… */
  seconds?: number;
  /** …or until this many requests answered (then `seconds` is only the deadline). */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Shapes each request (a new body or credential every time). */
  setupRequest?: (request: Request) => Request;
  /** Requests a second across all connections; default as fast as the server answers. */
  overallRate?: number;
}

export interface LoadResult {
  /** Answers with a 2xx status a second: what the server got done. */
  rps: number;
  ok: number;
  /** Every answer, whatever its status: what database commands are counted per. */
  answered: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts plus answers that were not 2xx. */
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
}

/**
 * Loads a server with autocannon from this process (the server is a child of its own). Stops at the deadline
 * (run time + 30 s), so a server that stopped answering yields "no answer" instead of a hung run.
 */
export function load(options: LoadOptions): Promise<Outcome<LoadResult>> {
  let instance: Instance | null = null;
  let stopTimer: NodeJS.Timeout | undefined;
  const seconds = options.seconds ?? 60;
  return withDeadline(
    seconds + 30,
    () =>
      new Promise<LoadResult>((resolve, reject) => {
        const request: Request = {
          method: options.method ?? 'GET',
          ...(options.headers ? { headers: options.headers } : {}),
          ...(options.body !== undefined ? { body: options.body } : {}),
          ...(options.setupRequest ? { setupRequest: options.setupRequest } : {}),
        };
        const config: Options = {
          url: options.url,
          connections: options.connections,
          ...(options.amount !== undefined ? { amount: options.amount } : { duration: seconds }),
          ...(options.overallRate ? { overallRate: options.overallRate } : {}),
          requests: [request],
          timeout: 10,
        };
        instance = autocannon(config, (error: Error | null, result: Result) => {
          clearTimeout(stopTimer);
          if (error) reject(error);
          else resolve(summarize(result));
        });
        // A run of a fixed amount stops at `seconds` too, and reports what it got done by then.
        if (options.amount !== undefined) stopTimer = setTimeout(() => instance?.stop(), seconds * 1000);
      }),
    () => {
      clearTimeout(stopTimer);
      instance?.stop();
    },
  );
}

function summarize(result: Result): LoadResult {
  const statuses: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count ?? 0;
  const ok = result['2xx'];
  return {
    rps: result.duration > 0 ? ok / result.duration : 0,
    ok,
    answered: ok + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    statuses,
    seconds: result.duration,
  };
}

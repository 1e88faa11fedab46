/** What one `pnpm bench` run does, from its flags and environment. Every knob has a default that finishes. */
export interface BenchConfig {
  quick: boolean;
  /** Rounds of the hot-path contestants, interleaved. `BENCH_ROUNDS`, default 5 (quick 2). */
  rounds: number;
  /** Seconds a contestant is loaded in each round. `BENCH_SECONDS`, default 10 (quick 3). */
  seconds: number;
  /** Fixed concurrency of the load generator. `BENCH_CONNECTIONS`, default 10. */
  connections: number;
  /** Sessions of other people in each contestant's store. `BENCH_OTHER_SESSIONS`, default 2000 (quick 500). */
  otherSessions: number;
  /** Share of the admin-scale target (100,000 users / 300,000 sessions). `BENCH_SCALE`, default 1 (quick 0.1). */
  scale: number;
  /** Seconds the memory store may spend seeding the admin scale. `BENCH_SEED_SECONDS`, default 600 (quick 60). */
  memorySeedSeconds: number;
  /** Seconds the database may spend seeding the admin scale. `BENCH_DB_SEED_SECONDS`, default 300 (quick 30). */
  databaseSeedSeconds: number;
  /** Longest wait for one admin view's answer. `BENCH_VIEW_TIMEOUT_SECONDS`, default 120 (quick 30). */
  viewTimeoutSeconds: number;
  /** Longest wait for the 50 parallel logins. `BENCH_LOGIN_TIMEOUT_SECONDS`, default 240 (quick 60). */
  loginTimeoutSeconds: number;
  /** Requests a median is taken over (admin views, render). Default 5 (quick 3). */
  samples: number;
  /** Where docs/benchmarks.md is written; `--no-write` leaves it alone. */
  writeDocs: boolean;
}

export const ADMIN_TARGET = { users: 100_000, sessions: 300_000 } as const;

export function benchConfig(argv: readonly string[], env: NodeJS.ProcessEnv): BenchConfig {
  const known = new Set(['--quick', '--no-write']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length) {
    throw new Error(`pnpm bench: unknown argument ${unknown.join(' ')} (known: --quick, --no-write)`);
  }
  const quick = argv.includes('--quick');
  return {
    quick,
    rounds: whole(env, 'BENCH_ROUNDS', quick ? 2 : 5, 1, 50),
    seconds: whole(env, 'BENCH_SECONDS', quick ? 3 : 10, 1, 600),
    connections: whole(env, 'BENCH_CONNECTIONS', 10, 1, 1000),
    otherSessions: whole(env, 'BENCH_OTHER_SESSIONS', quick ? 500 : 2000, 0, 1_000_000),
    scale: fraction(env, 'BENCH_SCALE', quick ? 0.1 : 1),
    memorySeedSeconds: whole(env, 'BENCH_SEED_SECONDS', quick ? 60 : 600, 1, 86_400),
    databaseSeedSeconds: whole(env, 'BENCH_DB_SEED_SECONDS', quick ? 30 : 300, 1, 86_400),
    viewTimeoutSeconds: whole(env, 'BENCH_VIEW_TIMEOUT_SECONDS', quick ? 30 : 120, 1, 3600),
    loginTimeoutSeconds: whole(env, 'BENCH_LOGIN_TIMEOUT_SECONDS', quick ? 60 : 240, 1, 3600),
    samples: quick ? 3 : 5,
    writeDocs: !argv.includes('--no-write'),
  };
}

/** A whole number from the environment, or the default; anything else stops the run with the variable named. */
export function whole(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

function fraction(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1))
    throw new Error(`${name} must be a number above 0 and at most 1, not ${raw}`);
  return value;
}

import type { BenchConfig } from '../config.js';
import { ADMIN_TARGET } from '../config.js';
import type { AdminResult } from '../phases/admin.js';
import type { HotPathResult } from '../phases/hotPath.js';
import { perRequest } from '../phases/hotPath.js';
import type { StormResult, ThroughputResult } from '../phases/logins.js';
import type { UiResult } from '../phases/ui.js';
import type { ContestantId } from '../protocol.js';
import { spread } from '../stats.js';

// What one `pnpm bench` measured, and the look-ups the report's tables and targets share.

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** 1-minute load averages at the start and the end: how busy the machine was with other work. */
  loadAtStart: number;
  loadAtEnd: number;
}

export type StoreName = 'memory' | 'database';

/** Everything one run measured: what the report is written from. */
export interface BenchRun {
  config: BenchConfig;
  startedAt: Date;
  seconds: number;
  machine: Machine;
  database: { name: string; kind: string } | null;
  trouble: string[];
  hotPath: HotPathResult[];
  storms: { store: StoreName; results: StormResult[] }[];
  throughput: { store: StoreName; results: ThroughputResult[] }[];
  admin: AdminResult[];
  ui: UiResult | null;
}

export const STORE_LABEL: Record<StoreName, string> = { memory: 'memory store', database: 'Mongo store' };

/** A contestant's `GET /me` rounds: the rate's spread and the database commands a request; null if it never ran. */
export function hot(run: BenchRun, id: ContestantId) {
  const result = run.hotPath.find((r) => r.contestant.id === id);
  if (!result || result.samples.length === 0) return null;
  return {
    result,
    rps: spread(result.samples.map((s) => s.load.rps)),
    per: perRequest(result.samples),
  };
}

/** The admin-views phase on one store, if it ran. */
export function adminOf(run: BenchRun, store: StoreName) {
  return run.admin.find((a) => a.store === store) ?? null;
}

/** Whether the seeding reached the target's scale: only then can a view's target be met. */
export function fullScale(admin: AdminResult | null): boolean {
  return !!admin?.seed && admin.seed.sessions >= ADMIN_TARGET.sessions;
}

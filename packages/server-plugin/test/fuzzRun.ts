import type { MemorySessionStore } from '@sessionkit/core';
import { parse as parseQuery } from 'node:querystring';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import type { Connection } from 'mongoose';
import type { FieldShape, FuzzWorld, RouteSpec } from './fuzzInputs.js';
import { caseArb, describeRequest, requestFor, routeName } from './fuzzInputs.js';
import type { RawReply, RawRequest } from './rawRequest.js';
import { rawRequest } from './rawRequest.js';

/** A running host under fuzz, with the means to read and restore its store. */
export interface FuzzTarget {
  world(): FuzzWorld;
  /** The store's observable state, one JSON text per part (sessions, audit events, policy, apps, keys…). */
  state(): Promise<Record<string, string>>;
  /** After a request that changed something: re-seeds the host when the fuzz's actors can no longer act. */
  recover(): Promise<void>;
  /** A problem with an answer beyond its status (a 400 that names no field, say), or null. */
  check?(reply: RawReply, method: string): string | null;
}

export interface RouteReport {
  route: string;
  cases: number;
  byClass: Record<'2xx' | '3xx' | '4xx' | '5xx', number>;
  /** 4xx answers after which the store was not as before. */
  changed: number;
  /** Answers that broke the contract some other way (see `FuzzTarget.check`). */
  contract: number;
  failures: string[];
  ms: number;
}

/** Cases a route: FUZZ_RUNS when set (the full size is 1,000), else the given CI size. */
export function runsPerRoute(ciSize: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : ciSize;
}

/** FUZZ_SEED replays a run; otherwise every run explores new cases and prints its seed. */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : (Date.now() ^ (process.pid << 16)) >>> 0;
}

const MAX_REPORTED = 8;

/**
 * Sends `runs` generated requests to one route, one at a time so every change to the store is the last
 * request's doing. Counts answers by class; a 5xx, a 4xx that changed the store, or a contract problem is a
 * failure, recorded rather than thrown so the report counts them all.
 */
export async function fuzzRoute(
  spec: RouteSpec,
  target: FuzzTarget,
  options: { runs: number; seed: number },
): Promise<RouteReport> {
  const report: RouteReport = {
    route: routeName(spec),
    cases: 0,
    byClass: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    changed: 0,
    contract: 0,
    failures: [],
    ms: 0,
  };
  const started = performance.now();
  const fail = (text: string) => {
    if (report.failures.length < MAX_REPORTED) report.failures.push(text);
  };
  let baseline = await target.state();
  await fc.assert(
    fc.asyncProperty(caseArb(spec), async (c) => {
      const world = target.world();
      const request = requestFor(spec, c, world);
      const reply = await rawRequest(world.base, request);
      report.cases++;
      const cls = `${Math.floor(reply.status / 100)}xx` as keyof RouteReport['byClass'];
      if (cls in report.byClass) report.byClass[cls]++;
      const problem = target.check?.(reply, request.method) ?? acceptedUnread(spec, request, reply);
      if (problem) {
        report.contract++;
        fail(
          `${problem}\n    ${describeRequest(request)}\n    → ${reply.status} ${reply.text.slice(0, 300)}`,
        );
      }
      if (reply.status >= 500) {
        fail(`${reply.status}\n    ${describeRequest(request)}\n    → ${reply.text.slice(0, 300)}`);
      }
      const after = await target.state();
      const changed = Object.keys({ ...baseline, ...after }).filter((part) => baseline[part] !== after[part]);
      if (reply.status >= 400 && reply.status < 500 && changed.length > 0) {
        report.changed++;
        fail(
          `${reply.status} changed ${changed.join(', ')}\n    ${describeRequest(request)}\n    → ${reply.text.slice(0, 300)}`,
        );
      }
      if (changed.length > 0 || reply.status >= 500) {
        await target.recover();
        baseline = await target.state();
      }
    }),
    { numRuns: options.runs, seed: options.seed, endOnFailure: true },
  );
  report.ms = performance.now() - started;
  return report;
}

/** For a strict route: a 2xx for a request carrying a query key or body field the route doesn't read. */
function acceptedUnread(spec: RouteSpec, request: RawRequest, reply: RawReply): string | null {
  if (!spec.strict || reply.status < 200 || reply.status >= 300) return null;
  // OPTIONS is answered by Express from the route table without running the route.
  if (request.method !== spec.method && !(spec.method === 'GET' && request.method === 'HEAD')) return null;
  const query = request.path.includes('?') ? request.path.slice(request.path.indexOf('?') + 1) : '';
  const unread = spec.strict.query
    ? Object.keys(parseQuery(query)).filter((key) => !Object.hasOwn(spec.query ?? {}, key))
    : [];
  if (unread.length > 0) return `${reply.status} for a query with ${unread.join(', ')}`;
  const body = spec.strict.body ? jsonBody(request) : undefined;
  const extra = body === undefined ? [] : fieldsOutside(body, spec.strict.body ?? {}, '');
  return extra.length > 0 ? `${reply.status} for a body with ${extra.join(', ')}` : null;
}

/** The JSON a request carried, decoded as the server would; undefined when there is none to read. */
function jsonBody(request: RawRequest): unknown {
  if (!request.body) return undefined;
  const encoding = String(request.headers?.['content-encoding'] ?? 'identity').toLowerCase();
  const inflate: Record<string, (b: Buffer) => Buffer> = {
    identity: (b) => b,
    gzip: gunzipSync,
    deflate: inflateSync,
    br: brotliDecompressSync,
  };
  try {
    return JSON.parse((inflate[encoding] ?? inflate.identity!)(request.body).toString('utf8'));
  } catch {
    return undefined;
  }
}

function fieldsOutside(value: unknown, shape: FieldShape, prefix: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).flatMap((key) => {
    const inner = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (inner === undefined) return [`${prefix}${key}`];
    if (inner === true) return [];
    return fieldsOutside((value as Record<string, unknown>)[key], inner, `${prefix}${key}.`);
  });
}

export function formatReport(title: string, seed: number, reports: readonly RouteReport[]): string {
  const width = Math.max(...reports.map((r) => r.route.length), 10);
  const line = (cells: (string | number)[]) =>
    `  ${String(cells[0]).padEnd(width)}${cells
      .slice(1)
      .map((c) => String(c).padStart(9))
      .join('')}`;
  const total = (pick: (r: RouteReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  return [
    `fuzz: ${title} (seed ${seed}; replay with FUZZ_SEED=${seed})`,
    line(['route', 'cases', '2xx', '4xx', '5xx', 'changed', 'contract', 'seconds']),
    ...reports.map((r) =>
      line([
        r.route,
        r.cases,
        r.byClass['2xx'],
        r.byClass['4xx'],
        r.byClass['5xx'],
        r.changed,
        r.contract,
        (r.ms / 1000).toFixed(1),
      ]),
    ),
    line([
      'total',
      total((r) => r.cases),
      total((r) => r.byClass['2xx']),
      total((r) => r.byClass['4xx']),
      total((r) => r.byClass['5xx']),
      total((r) => r.changed),
      total((r) => r.contract),
      (total((r) => r.ms) / 1000).toFixed(1),
    ]),
  ].join('\n');
}

/** The memory store's observable state, read through the store port's list methods. */
export async function memoryStoreState(
  store: MemorySessionStore,
  userIds: readonly string[],
): Promise<Record<string, string>> {
  const state: Record<string, string> = {};
  const tenants = (await store.listTenantIds()).sort();
  state.tenants = JSON.stringify(tenants);
  for (const tenantId of tenants) {
    const perUser = async <T>(read: (userId: string) => Promise<T>) =>
      JSON.stringify(await Promise.all(userIds.map(read)));
    state[`${tenantId}/sessions`] = JSON.stringify((await store.listSessions({ tenantId })).items);
    state[`${tenantId}/audit`] = JSON.stringify((await store.listAuditEvents({ tenantId })).items);
    state[`${tenantId}/policy`] = JSON.stringify(await store.getPolicy(tenantId));
    state[`${tenantId}/apiKeys`] = JSON.stringify(await store.listApiKeys(tenantId));
    state[`${tenantId}/apps`] = await perUser((u) => store.listAuthorizedApps(tenantId, u));
    state[`${tenantId}/push`] = await perUser((u) => store.listPushRegistrations(tenantId, u));
    state[`${tenantId}/slots`] = await perUser((u) => store.listSlots(tenantId, u));
  }
  return state;
}

/** Every document of every collection of a database, by `_id`: the Mongo store's state whatever its models. */
export async function collectionsState(connection: Connection): Promise<Record<string, string>> {
  const db = connection.db;
  if (!db) throw new Error('the connection is not open');
  const collections = await db.collections();
  const dumps = await Promise.all(
    collections.map(async (c) => [
      c.collectionName,
      JSON.stringify(await c.find({}).sort({ _id: 1 }).toArray()),
    ]),
  );
  return Object.fromEntries(dumps.sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** Empties every collection but the store's layout (`meta`), which a database keeps for good. */
export async function emptyCollections(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('the connection is not open');
  for (const collection of await db.collections())
    if (!collection.collectionName.endsWith('meta')) await collection.deleteMany({});
}

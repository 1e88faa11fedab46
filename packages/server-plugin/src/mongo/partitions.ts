import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { LiveSessionDoc, SessionDoc, SessionEndDoc, SessionKitModels, SlotDoc } from './models.js';
import type { Preparable } from './storeOptions.js';
import { isDuplicateKey } from './storeRunner.js';

/**
 * How a database lays out its sessions, decided once (see `readLayout`):
 * - version 1: `session_records` is one collection and an end rewrites the record (status, reason, final
 *   activity). MongoDB's database views read that collection by status. Every database written before layouts
 *   had versions is version 1, whatever its partition count.
 * - version 2 (a new database with the view mirror): `session_records` is split like the live sessions, by a
 *   hash of the public id, and is written once, at login. The end is the `session_ends` document alone, which
 *   carries the final activity as well: on FerretDB 1.24 an update reads its whole collection (then writes
 *   the document back by a second full scan), so rewriting a record at every end cost seconds at 200,000
 *   sessions, while an insert is an index check.
 */
export interface Layout {
  version: 1 | 2;
  /** Collections per kind (live, ends, and in version 2 records); 1 is the unsplit collection. */
  count: number;
}

/**
 * The collections read by token hash (and, in layout version 2, the records, by public id), split by a hash
 * of that key. On FerretDB 1.24 even an `_id` lookup reads its table up to the match, and an update or delete
 * reads all of it: split N ways, each of those reads a 1/N of the sessions. MongoDB answers them from an
 * index: one partition there.
 */
export class Partitions {
  readonly version: 1 | 2;
  /** One count for every split kind: live and ends always, records in version 2. */
  readonly count: number;
  readonly live: readonly Model<LiveSessionDoc>[];
  readonly ends: readonly Model<SessionEndDoc>[];
  readonly records: readonly Model<SessionDoc>[];
  /** Layout 2: the slots too, by a hash of tenant and user, so a person's slots share one partition. */
  readonly slots: readonly Model<SlotDoc>[];
  // A slot partition's unique index (tenant, user, slot) is what makes a claim atomic: it is built before the
  // first claim this process makes there (FerretDB makes a partition at its first write, without it).
  readonly #slotIndexes = new Map<number, Promise<unknown>>();

  constructor(connection: Connection, models: SessionKitModels, layout: Layout) {
    this.version = layout.version;
    this.count = layout.count;
    this.live = split(connection, models.liveSessions, layout.count);
    this.ends = split(connection, models.sessionEnds, layout.count);
    this.records = split(connection, models.sessions, layout.version === 2 ? layout.count : 1);
    this.slots = split(connection, models.slots, layout.version === 2 ? layout.count : 1);
  }

  liveOf(tokenHash: string): Model<LiveSessionDoc> {
    return this.live[partitionOf(tokenHash, this.count)] as Model<LiveSessionDoc>;
  }

  endsOf(tokenHash: string): Model<SessionEndDoc> {
    return this.ends[partitionOf(tokenHash, this.count)] as Model<SessionEndDoc>;
  }

  recordsOf(id: string): Model<SessionDoc> {
    return this.records[partitionOf(id, this.records.length)] as Model<SessionDoc>;
  }

  /** The slot partition of one person, with its unique index built. */
  async slotsOf(tenantId: string, userId: string): Promise<Model<SlotDoc>> {
    const i = partitionOf(`${tenantId}\u0000${userId}`, this.slots.length);
    const model = this.slots[i] as Model<SlotDoc>;
    if (i === 0) return model;
    let built = this.#slotIndexes.get(i);
    if (!built) {
      built = model.createIndexes().catch((error: unknown) => {
        this.#slotIndexes.delete(i);
        throw error;
      });
      this.#slotIndexes.set(i, built);
    }
    await built;
    return model;
  }

  /** Items grouped by the partition their token hash falls in (live and ends). */
  group<T>(items: readonly T[], hashOf: (item: T) => string): Map<number, T[]> {
    return groupBy(items, (item) => partitionOf(hashOf(item), this.count));
  }

  /** Items grouped by the record partition their public id falls in. */
  groupRecords<T>(items: readonly T[], idOf: (item: T) => string): Map<number, T[]> {
    return groupBy(items, (item) => partitionOf(idOf(item), this.records.length));
  }

  /** Every split collection beyond the unsplit ones (partition 0 of each kind), for index builds. */
  extra(): Preparable[] {
    return [...this.live.slice(1), ...this.ends.slice(1), ...this.records.slice(1)];
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** `count` 1 is the collection itself (MongoDB); partition 0 is always the unsplit collection's name. */
function split<T>(connection: Connection, base: Model<T>, count: number): Model<T>[] {
  const models = [base];
  for (let i = 1; i < count; i++) {
    const name = `${base.modelName}_${i}`;
    models.push(
      (connection.models[name] as Model<T> | undefined) ??
        connection.model<T>(name, base.schema.clone(), `${base.collection.collectionName}_${i}`),
    );
  }
  return models;
}

export function partitionOf(key: string, count: number): number {
  if (count === 1) return 0;
  // Token hashes are SHA-256 hex; anything else (a public id, a host's own hash) is hashed so that it still
  // spreads evenly.
  const hex = /^[0-9a-f]{8}/.test(key) ? key : createHash('sha256').update(key).digest('hex');
  return Number.parseInt(hex.slice(0, 8), 16) % count;
}

interface LayoutDoc {
  _id: string;
  livePartitions: number;
  /** Present from layout version 2 on: the records are split as many ways and written once. */
  recordPartitions?: number;
}

/**
 * The layout of this database, decided once by the first instance that starts on it and kept in
 * `<prefix>meta`: a database that already holds sessions keeps version 1 with one collection, so an upgrade
 * never loses a session; a new one gets version 2 split `wanted` ways when `split` (the view mirror answers
 * the reads across partitions), else version 1 unsplit.
 */
export async function readLayout(
  connection: Connection,
  models: SessionKitModels,
  prefix: string,
  wanted: { split: boolean; count: number },
): Promise<Layout> {
  const meta = connection.db?.collection<LayoutDoc>(`${prefix}meta`);
  if (!meta) return { version: 1, count: 1 };
  const stored = await meta.findOne({ _id: 'layout' });
  if (stored) return layoutOf(stored);
  const holdsSessions =
    (await models.liveSessions.findOne({}, { _id: 1 }).lean()) !== null ||
    (await models.sessions.findOne({}, { _id: 1 }).lean()) !== null;
  const decided: LayoutDoc =
    holdsSessions || !wanted.split
      ? { _id: 'layout', livePartitions: 1 }
      : { _id: 'layout', livePartitions: wanted.count, recordPartitions: wanted.count };
  try {
    await meta.insertOne(decided);
  } catch (error) {
    // Another instance decided first: its answer stands.
    if (!isDuplicateKey(error)) throw error;
  }
  const kept = await meta.findOne({ _id: 'layout' });
  return kept ? layoutOf(kept) : { version: 1, count: 1 };
}

function layoutOf(doc: LayoutDoc): Layout {
  return doc.recordPartitions === undefined
    ? { version: 1, count: doc.livePartitions }
    : { version: 2, count: doc.livePartitions };
}

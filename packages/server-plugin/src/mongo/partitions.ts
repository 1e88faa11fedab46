import { createHash } from 'node:crypto';
import type { Connection, Model } from 'mongoose';
import type { LiveSessionDoc, SessionEndDoc, SessionKitModels } from './models.js';
import { isDuplicateKey } from './storeRunner.js';

/**
 * The collections read by token hash, split by the hash. On FerretDB 1.24 even an `_id` lookup reads its table
 * up to the match, so the per-request read costs the size of the collection it reads: split 32 ways, a lookup
 * reads a thirty-second of the active sessions. MongoDB answers that read from an index: one partition there.
 */
export class Partitions {
  readonly live: readonly Model<LiveSessionDoc>[];
  readonly ends: readonly Model<SessionEndDoc>[];

  constructor(connection: Connection, models: SessionKitModels, count: number) {
    this.live = split(connection, models.liveSessions, count);
    this.ends = split(connection, models.sessionEnds, count);
  }

  liveOf(tokenHash: string): Model<LiveSessionDoc> {
    return this.live[partitionOf(tokenHash, this.live.length)] as Model<LiveSessionDoc>;
  }

  endsOf(tokenHash: string): Model<SessionEndDoc> {
    return this.ends[partitionOf(tokenHash, this.ends.length)] as Model<SessionEndDoc>;
  }

  /** Items grouped by the partition their token hash falls in. */
  group<T>(items: readonly T[], hashOf: (item: T) => string): Map<number, T[]> {
    const groups = new Map<number, T[]>();
    for (const item of items) {
      const p = partitionOf(hashOf(item), this.live.length);
      groups.set(p, [...(groups.get(p) ?? []), item]);
    }
    return groups;
  }
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

export function partitionOf(tokenHash: string, count: number): number {
  if (count === 1) return 0;
  // Token hashes are SHA-256 hex; anything else (a host's own) is hashed so that it still spreads evenly.
  const hex = /^[0-9a-f]{8}/.test(tokenHash)
    ? tokenHash
    : createHash('sha256').update(tokenHash).digest('hex');
  return Number.parseInt(hex.slice(0, 8), 16) % count;
}

/**
 * How many partitions this database uses, decided once by the first instance that starts on it and kept in
 * `<prefix>meta`: a database that already holds sessions keeps one, so an upgrade never loses a session.
 */
export async function partitionCount(
  connection: Connection,
  models: SessionKitModels,
  prefix: string,
  wanted: number,
): Promise<number> {
  const meta = connection.db?.collection<{ _id: string; livePartitions: number }>(`${prefix}meta`);
  if (!meta) return 1;
  const stored = await meta.findOne({ _id: 'layout' });
  if (stored) return stored.livePartitions;
  const holdsSessions =
    (await models.liveSessions.findOne({}, { _id: 1 }).lean()) !== null ||
    (await models.sessions.findOne({}, { _id: 1 }).lean()) !== null;
  try {
    await meta.insertOne({ _id: 'layout', livePartitions: holdsSessions ? 1 : wanted });
  } catch (error) {
    // Another instance decided first: its answer stands.
    if (!isDuplicateKey(error)) throw error;
  }
  return (await meta.findOne({ _id: 'layout' }))?.livePartitions ?? 1;
}

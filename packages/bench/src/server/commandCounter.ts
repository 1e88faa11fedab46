import type { CommandStartedEvent, MongoClient } from 'mongodb';

/** Database commands a server sent, from the driver's own command monitoring (`monitorCommands: true`). */
export interface CommandCounts {
  byCommand: Record<string, number>;
  /** Reads and writes by command and collection, e.g. `find sessionkit_sessions`. */
  byTarget: Record<string, number>;
  reads: number;
  writes: number;
  /** Reads whose filter is anything but `{ _id: value }`: on FerretDB each one reads the whole collection. */
  readsNotById: number;
  /** Updates, deletes and findAndModify whose filter is anything but `{ _id: value }` (inserts are keyed). */
  writesNotById: number;
  /** The collections that the reads not by `_id` went to, with counts. */
  scans: Record<string, number>;
}

const READS = new Set(['find', 'aggregate', 'count', 'distinct', 'getMore']);
const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);

export function emptyCounts(): CommandCounts {
  return { byCommand: {}, byTarget: {}, reads: 0, writes: 0, readsNotById: 0, writesNotById: 0, scans: {} };
}

/** Counts every command the client starts until `reset`. */
export class CommandCounter {
  #counts = emptyCounts();
  #started = 0;
  #finished = 0;

  attach(client: MongoClient): void {
    client.on('commandStarted', (event) => {
      this.#started += 1;
      this.record(event);
    });
    client.on('commandSucceeded', () => (this.#finished += 1));
    client.on('commandFailed', () => (this.#finished += 1));
  }

  /** Commands started since the process began, and those still waiting for the server's answer. */
  activity(): { started: number; inFlight: number } {
    return { started: this.#started, inFlight: this.#started - this.#finished };
  }

  record(event: Pick<CommandStartedEvent, 'commandName' | 'command'>): void {
    const c = this.#counts;
    const name = event.commandName;
    c.byCommand[name] = (c.byCommand[name] ?? 0) + 1;
    if (READS.has(name) || WRITES.has(name)) {
      const target = `${name} ${String(event.command[name] ?? '?')}`;
      c.byTarget[target] = (c.byTarget[target] ?? 0) + 1;
    }
    if (READS.has(name)) {
      c.reads += 1;
      // A getMore continues a read already counted; only the opening command says what was filtered.
      if (name !== 'getMore' && !readsById(name, event.command)) {
        c.readsNotById += 1;
        const collection = String(event.command[name] ?? '?');
        c.scans[collection] = (c.scans[collection] ?? 0) + 1;
      }
    } else if (WRITES.has(name)) {
      c.writes += 1;
      if (name !== 'insert' && !writesById(name, event.command)) c.writesNotById += 1;
    }
  }

  take(reset: boolean): CommandCounts {
    const counts = this.#counts;
    if (reset) this.#counts = emptyCounts();
    return counts;
  }
}

function readsById(name: string, command: Record<string, unknown>): boolean {
  if (name === 'find') return isIdOnly(command.filter);
  if (name === 'count' || name === 'distinct') return isIdOnly(command.query);
  return false;
}

function writesById(name: string, command: Record<string, unknown>): boolean {
  if (name === 'findAndModify') return isIdOnly(command.query);
  const statements = (name === 'update' ? command.updates : command.deletes) as { q?: unknown }[] | undefined;
  return Array.isArray(statements) && statements.every((s) => isIdOnly(s.q));
}

/** Exactly `{ _id: <value> }`: the one filter FerretDB 1.24 pushes down, and an index lookup on MongoDB. */
export function isIdOnly(filter: unknown): boolean {
  if (!filter || typeof filter !== 'object') return false;
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return false;
  const value = (filter as { _id: unknown })._id;
  if (value === null || typeof value !== 'object') return true;
  // An ObjectId or a Binary is a value; a plain object with operators ($in, $gt…) is not.
  return !Object.keys(value).some((k) => k.startsWith('$'));
}

import type { ContestantId } from './protocol.js';

export interface Contestant {
  id: ContestantId;
  label: string;
  /** What the server does on `GET /me`, for the method section. */
  what: string;
  database: boolean;
}

/**
 * The hot-path contestants, in table order. The kit offers no session cache today; when it does, add it here
 * (its revocation staleness beside the figure) and build it in server/apps.ts.
 */
export const CONTESTANTS: readonly Contestant[] = [
  {
    id: 'bare',
    label: 'bare Express 5',
    what: 'answers a fixed user: no authentication at all, the ceiling of the HTTP stack',
    database: false,
  },
  {
    id: 'floor-small',
    label: 'floor: `findOne({_id})`, small documents',
    what: 'one native-driver `findOne({ _id: sha256(cookie) })` per request on a collection of `{ _id, userId }` documents',
    database: true,
  },
  {
    id: 'floor-session',
    label: 'floor: `findOne({_id})`, session-shaped documents',
    what: 'the same lookup on documents with every field of a core `Session` (device, place, activity…), as the kit stored them when issue 9 was filed',
    database: true,
  },
  {
    id: 'express-session-memory',
    label: "express-session's MemoryStore",
    what: 'express-session 1.19 (`resave: false`, `saveUninitialized: false`) on its in-process MemoryStore',
    database: false,
  },
  {
    id: 'connect-mongo',
    label: 'express-session + connect-mongo 6 (defaults)',
    what: "the same express-session over connect-mongo 6 with its defaults (`touchAfter: 0`: a read and a touch write per request); its read filters on `_id` and `expires`, so FerretDB reads the whole collection for it; `autoRemove: 'interval'` because FerretDB refuses the default TTL index",
    database: true,
  },
  {
    id: 'connect-mongo-touch',
    label: 'express-session + connect-mongo 6 (`touchAfter: 24 h`)',
    what: 'as above with `touchAfter: 86400`, the lazy update its README suggests',
    database: true,
  },
  {
    id: 'kit-mongo',
    label: '**the kit on the Mongo store**',
    what: "`createSessionKit({ mongoose })` with its defaults (the 10-minute sweeper included; on FerretDB that means the view mirror and layout 2: live sessions, ends, records and slots split 128 ways, docs/scaling.md); `GET /me` behind `kit.authenticate`; the host's directory is in memory, as every contestant's user table",
    database: true,
  },
  {
    id: 'kit-memory',
    label: 'the kit on the memory store',
    what: '`createSessionKit({ store: new MemorySessionStore() })`, otherwise the same',
    database: false,
  },
];

export function contestant(id: ContestantId): Contestant {
  const found = CONTESTANTS.find((c) => c.id === id);
  if (!found) throw new Error(`unknown contestant ${id}`);
  return found;
}

import type { Schema } from 'mongoose';

type Definition = Record<string, unknown>;

/** A person's suspension (`_id`: its own `sus_…` id; the newest of a person's is theirs, older ones are removed). */
export interface SuspensionDoc {
  _id: string;
  tenantId: string;
  userId: string;
  reason: string;
  until: Date;
  suspendedAt: Date;
  suspendedBy: string | null;
}

/** That a suspension was lifted (`_id`: its id): the unique insert that lets exactly one resume or lapse win. */
export interface SuspensionLiftDoc {
  _id: string;
  tenantId: string;
  liftedAt: Date;
}

/**
 * A person's newest suspension, keyed by the person (`_id`: `headId(tenantId, userId)`), so that the checks a
 * login and an activity write make read by `_id` rather than by person (a whole-collection read on FerretDB).
 * Never deleted by a lift (a delete there could take a newer suspension saved meanwhile): a lift is read by
 * the suspension's id.
 */
export interface SuspensionHeadDoc extends Omit<SuspensionDoc, '_id'> {
  _id: string;
  suspensionId: string;
}

/** An update of a live document in flight (see `touchLeases.ts`); `_id` is the write's own. */
export interface TouchLeaseDoc {
  _id: string;
  tokenHash: string;
  at: Date;
}

/**
 * The schemas of suspensions and their lifts. Keyed by the suspension's id rather than the person: a lift then
 * deletes by `_id` alone, so it can never remove a newer suspension saved in the meantime (FerretDB's deletes
 * read, then delete), and the lift itself is a unique-key insert, the one write atomic on both servers.
 */
export function suspensionSchemas(schema: (definition: Definition, collection: string) => Schema) {
  const suspensions = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      reason: { type: String, required: true },
      until: { type: Date, required: true },
      suspendedAt: { type: Date, required: true },
      suspendedBy: { type: String, default: null },
    },
    'suspensions',
  );
  suspensions.index({ tenantId: 1, userId: 1, suspendedAt: -1 });
  const suspensionLifts = schema(
    {
      _id: { type: String, required: true },
      tenantId: { type: String, required: true },
      liftedAt: { type: Date, required: true },
    },
    'suspension_lifts',
  );
  suspensionLifts.index({ tenantId: 1, liftedAt: 1 });
  // A handful of documents at any time (the writes in flight): a mark reads them by the session's hash.
  const touchLeases = schema(
    {
      _id: { type: String, required: true },
      tokenHash: { type: String, required: true },
      at: { type: Date, required: true },
    },
    'touch_leases',
  );
  touchLeases.index({ tokenHash: 1 });
  const suspensionHeads = schema(
    {
      _id: { type: String, required: true },
      suspensionId: { type: String, required: true },
      tenantId: { type: String, required: true },
      userId: { type: String, required: true },
      reason: { type: String, required: true },
      until: { type: Date, required: true },
      suspendedAt: { type: Date, required: true },
      suspendedBy: { type: String, default: null },
    },
    'suspension_heads',
  );
  return { suspensions, suspensionLifts, touchLeases, suspensionHeads };
}

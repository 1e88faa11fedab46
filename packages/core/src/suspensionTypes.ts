// What a suspension is and what a store keeps of it: apart from suspension.ts, so the store's port can name
// them without importing the service's logic.

/**
 * A pause on one person's sessions: an administrator's alternative to a force logout while something is
 * looked into. The sessions stay; every request on them is refused with the reason until `until` passes or an
 * administrator resumes them, and then they work again without the person signing in.
 */
export interface Suspension {
  /** `sus_…`: tells one suspension of a person from the next, so a late write for an old one changes nothing. */
  id: string;
  tenantId: string;
  userId: string;
  /** The administrator's words, shown to the person on every refused request. */
  reason: string;
  /** When the sessions work again by themselves. */
  until: Date;
  suspendedAt: Date;
  suspendedBy: string | null;
}

/**
 * What a live session carries while its owner is suspended, so that the per-request read (one lookup of the
 * live document) knows without a second read. It stays after the pause as the point the idle clock restarts
 * from (a resume moves `until` to the moment of the resume).
 */
export interface SuspensionMark {
  id: string;
  until: Date;
  reason: string;
}

/** Where suspensions are kept: the person's record (the truth) and the mark on each of their live sessions. */
export interface SuspensionStore {
  /** Stores the person's suspension, replacing the one they had. */
  saveSuspension(suspension: Suspension): Promise<void>;
  /** The person's suspension (even one whose `until` passed but that nobody lifted yet), or null. */
  findSuspension(tenantId: string, userId: string): Promise<Suspension | null>;
  /** Every suspension of the tenant, in any order. */
  listSuspensions(tenantId: string): Promise<Suspension[]>;
  /**
   * Lifts suspension `id` of the person exactly once, whatever races it (a resume, a lapse noticed by two
   * instances): true to the one call that lifted it; false when it was lifted already or replaced by another.
   */
  liftSuspension(tenantId: string, userId: string, id: string): Promise<boolean>;
  /** Writes the mark on an active session's live document, by its token hash alone; nothing once it ended. */
  markSession(tokenHash: string, mark: SuspensionMark): Promise<void>;
}

/** A request on a suspended session, as `validate` answers it. */
export interface SuspendedValidation {
  status: 'suspended';
  reason: string;
  until: Date;
  sessionId: string;
  userId: string;
  tenantId: string;
}

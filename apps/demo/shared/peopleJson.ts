// The answers of the demo host's people API (`/api/directory/users`, `/api/people/:id/…`), written by its server
// and read by its panel. People are the host's: the kit only ever knows their ids.

/** Who deactivated an account, when and why. */
export interface DeactivationJson {
  /** ISO time. */
  at: string;
  by: { id: string; name: string } | null;
  reason: string;
}

/** A person as the People page and the user page show them. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  active: boolean;
  /** Present for an account deactivated since the demo started (and the seed's Olivia); else null. */
  deactivated: DeactivationJson | null;
}

/** `POST /api/people/:id/password-reset`: the new password, shown to the administrator this once. */
export interface PasswordResetAnswer {
  temporaryPassword: string;
  endedSessions: number;
}

/** `POST /api/people/:id/deactivate`: the person as they are now, and how many of their sessions ended. */
export interface DeactivateAnswer {
  person: Person;
  endedSessions: number;
}

/** `POST /api/people/:id/reactivate`. */
export interface ReactivateAnswer {
  person: Person;
}

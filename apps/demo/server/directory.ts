import type { DirectoryUser, UserDirectory } from '@sessionkit/core';
import { ACT_ON_BEHALF_PERMISSION as ACT_ON_BEHALF, ADMIN_PERMISSION as ADMIN } from '@sessionkit/core';
import { hashPassword, verifyPassword } from './passwords.js';

export const TENANT_ID = 'acme';

/** A person of the demo company as the host app knows them: the kit only ever sees the DirectoryUser part. */
export interface DemoAccount {
  username: string;
  /** Published on purpose: these are the demo's sign-in credentials, printed at start-up. */
  password: string;
  user: DirectoryUser;
}

const account = (
  username: string,
  name: string,
  department: string,
  role: string,
  extra: Partial<DirectoryUser> = {},
): DemoAccount => ({
  username,
  password: `${username}-demo`,
  user: {
    id: `usr_${username}`,
    tenantId: TENANT_ID,
    name,
    email: `${username}@acme.example`,
    department,
    role,
    superUser: false,
    active: true,
    permissions: [],
    ...extra,
  },
});

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  account('admin', 'Morgan Lee', 'Engineering', 'IT administrator', { permissions: [ADMIN, ACT_ON_BEHALF] }),
  account('priya', 'Priya Raman', 'Finance', 'Chief financial officer', {
    superUser: true,
    permissions: [ADMIN, ACT_ON_BEHALF],
  }),
  account('sam', 'Sam Carter', 'Sales', 'Account executive'),
  account('lena', 'Lena Fischer', 'Sales', 'Sales manager'),
  account('kenji', 'Kenji Tanaka', 'Engineering', 'Software engineer'),
  account('maria', 'María González', 'Support', 'Support lead', { permissions: [ACT_ON_BEHALF] }),
  account('tom', 'Tom Becker', 'Finance', 'Accountant'),
  account('jordan', 'Jordan Ellis', 'Support', 'Support agent'),
  account('riley', 'Riley Park', 'Engineering', 'Site reliability engineer'),
  account('casey', 'Casey Morgan', 'Finance', 'Financial analyst'),
  account('olivia', 'Olivia Brown', 'Sales', 'Sales representative (left the company)', { active: false }),
  // No seeded sessions and no other part of the tour: the people an evaluator (and the end-to-end steps) can
  // reset and deactivate without changing what the rest of the demo shows.
  account('noah', 'Noah Williams', 'Support', 'Support agent'),
  account('ava', 'Ava Thompson', 'Engineering', 'QA engineer'),
  // Suspended by the seed (seedSuspension.ts) while Security looks into an export; no step signs in as Elena.
  account('elena', 'Elena Rossi', 'Finance', 'Data analyst'),
  // Each with one part of the tour to themselves, so no other step ends the sessions it shows: Hana's named
  // device and seeded sign-in alert (seedAlerts.ts), Omar's suspension and resume (e2e/suspensionSteps.ts).
  account('hana', 'Hana Kim', 'Engineering', 'Product designer'),
  account('omar', 'Omar Haddad', 'Sales', 'Account manager'),
];

/** Who deactivated an account, when and why: what the person's page says. */
export interface Deactivation {
  at: Date;
  byUserId: string | null;
  reason: string;
}

/**
 * The demo's own user store: the kit keeps sessions, the host keeps people and checks passwords.
 * Hashes are made at start-up, so no password sits in memory in clear beyond the published demo list; the
 * start doesn't wait for them (sixteen scrypt hashes took 14 s on a busy two-core machine): a sign-in does.
 */
export class DemoDirectory implements UserDirectory {
  readonly #byId = new Map<string, DirectoryUser>();
  readonly #hashes = new Map<string, { userId: string; hash: Promise<string> }>();
  readonly #deactivations = new Map<string, Deactivation>();
  // A hash checked for unknown usernames, so a wrong name costs the same time as a wrong password.
  #decoy: Promise<string> = Promise.resolve('');

  static async create(accounts: readonly DemoAccount[] = DEMO_ACCOUNTS): Promise<DemoDirectory> {
    const directory = new DemoDirectory();
    for (const a of accounts) {
      directory.#byId.set(a.user.id, a.user);
      directory.#hashes.set(a.username.toLowerCase(), {
        userId: a.user.id,
        hash: hashPassword(a.password),
      });
    }
    directory.#decoy = hashPassword('not-a-password');
    return directory;
  }

  /** The user for these credentials, or null; always runs one scrypt so timing reveals nothing. */
  async verifyCredentials(username: string, password: string): Promise<DirectoryUser | null> {
    const entry = this.#hashes.get(username.trim().toLowerCase());
    const ok = await verifyPassword(password, await (entry?.hash ?? this.#decoy));
    return ok && entry ? (this.#byId.get(entry.userId) ?? null) : null;
  }

  /** Whether this is the user's password (the password change asks for the current one). */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const entry = [...this.#hashes.values()].find((e) => e.userId === userId);
    const ok = await verifyPassword(password, await (entry?.hash ?? this.#decoy));
    return ok && entry !== undefined;
  }

  /** Changes a password until the demo restarts (it keeps people in memory and re-seeds on every start). */
  async setPassword(userId: string, password: string): Promise<void> {
    for (const entry of this.#hashes.values()) {
      if (entry.userId === userId) {
        entry.hash = hashPassword(password);
        await entry.hash;
      }
    }
  }

  /**
   * Blocks sign-in (the login refuses inactive accounts). The host ends the person's sessions through the kit;
   * the users are replaced, never changed in place, as the seed's list is shared by every directory.
   */
  deactivate(userId: string, deactivation: Deactivation): void {
    const user = this.#byId.get(userId);
    if (!user) return;
    this.#byId.set(userId, { ...user, active: false });
    this.#deactivations.set(userId, deactivation);
  }

  reactivate(userId: string): void {
    const user = this.#byId.get(userId);
    if (!user) return;
    this.#byId.set(userId, { ...user, active: true });
    this.#deactivations.delete(userId);
  }

  /** Null for an active account, and for one deactivated before the demo started (the seed's Olivia). */
  deactivation(userId: string): Deactivation | null {
    return this.#deactivations.get(userId) ?? null;
  }

  get(userId: string): DirectoryUser | null {
    return this.#byId.get(userId) ?? null;
  }

  all(): DirectoryUser[] {
    return [...this.#byId.values()];
  }

  async getUsers(tenantId: string, ids: readonly string[]): Promise<DirectoryUser[]> {
    return ids.flatMap((id) => {
      const user = this.#byId.get(id);
      return user && user.tenantId === tenantId ? [user] : [];
    });
  }

  async searchUserIds(tenantId: string, query: string): Promise<string[]> {
    const q = query.trim().toLowerCase();
    return this.all()
      .filter((u) => u.tenantId === tenantId)
      .filter((u) => [u.name, u.email, u.department, u.role].some((v) => v?.toLowerCase().includes(q)))
      .map((u) => u.id);
  }
}

/** A user as the host's directory describes them. The kit never stores these; it asks. */
export interface DirectoryUser {
  id: string;
  tenantId: string;
  name: string;
  email?: string | null;
  role?: string | null;
  /**
   * Further roles beside `role`, for hosts where a person holds several. Role policies weigh them all
   * (`effectivePolicy`); lists show `role`.
   */
  roles?: readonly string[];
  department?: string | null;
  superUser?: boolean;
  active?: boolean;
  /** The person's language (a BCP 47 tag such as `de` or `he-IL`): sign-in alerts are written in it. Default `en`. */
  locale?: string | null;
  /**
   * Extra rights the default access rule reads: `sessions:admin` (manage everyone's sessions and the policy)
   * and `sessions:act_on_behalf` (see and manage another user's apps and login stats).
   */
  permissions?: readonly string[];
}

/** Supplied by the host: the kit keeps sessions, the host keeps people. */
export interface UserDirectory {
  /** Users by id; unknown ids are simply missing from the result. */
  getUsers(tenantId: string, ids: readonly string[]): Promise<DirectoryUser[]>;
  /** Optional: the ids of users matching a free-text query, for the admin filter. */
  searchUserIds?(tenantId: string, query: string): Promise<string[]>;
  /**
   * Optional: the ids of the tenant's super users. Super users are few, so the admin views count and filter
   * them from this list; without it they look up every signed-in person.
   */
  listSuperUserIds?(tenantId: string): Promise<string[]>;
}

/** A directory over a fixed list, for tests, demos and hosts with few users. */
export class StaticUserDirectory implements UserDirectory {
  readonly #users: Map<string, DirectoryUser>;
  /** What a search matches, lower-cased once rather than on every search. */
  readonly #haystacks = new Map<DirectoryUser, string>();

  constructor(users: readonly DirectoryUser[]) {
    this.#users = new Map(users.map((u) => [`${u.tenantId}\u0000${u.id}`, u]));
    for (const u of users) {
      this.#haystacks.set(
        u,
        [u.name, u.email, u.department, u.id].filter(Boolean).join('\u0000').toLowerCase(),
      );
    }
  }

  async getUsers(tenantId: string, ids: readonly string[]): Promise<DirectoryUser[]> {
    return ids.flatMap((id) => {
      const user = this.#users.get(`${tenantId}\u0000${id}`);
      return user ? [user] : [];
    });
  }

  async listSuperUserIds(tenantId: string): Promise<string[]> {
    return [...this.#users.values()]
      .filter((u) => u.tenantId === tenantId && u.superUser === true)
      .map((u) => u.id);
  }

  async searchUserIds(tenantId: string, query: string): Promise<string[]> {
    const q = query.trim().toLowerCase();
    // Fields are joined by NUL: a query holding one would match across two fields.
    if (q.includes('\u0000')) return [];
    const out: string[] = [];
    for (const [u, haystack] of this.#haystacks) {
      if (u.tenantId === tenantId && haystack.includes(q)) out.push(u.id);
    }
    return out;
  }
}

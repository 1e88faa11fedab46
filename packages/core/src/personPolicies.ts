import type { DirectoryCache } from './directoryCache.js';
import type { SessionPolicy } from './policy.js';
import type { EffectivePolicy } from './rolePolicies.js';
import { accountPart, effectivePolicy, hasRolePolicies, rolesOf } from './rolePolicies.js';

type GetPolicy = (tenantId: string, options: { fresh?: boolean }) => Promise<SessionPolicy>;

/** Each person's rules: the account policy with their roles' overrides weighed (see rolePolicies.ts). */
export class PersonPolicies {
  readonly #getPolicy: GetPolicy;
  readonly #users: DirectoryCache;

  constructor(getPolicy: GetPolicy, users: DirectoryCache) {
    this.#getPolicy = getPolicy;
    this.#users = users;
  }

  /** One person's, with the source of each value; the directory is read only when a role has an override. */
  async effectiveFor(
    tenantId: string,
    userId: string,
    options: { fresh?: boolean } = {},
  ): Promise<EffectivePolicy> {
    const account = await this.#getPolicy(tenantId, options);
    const user = hasRolePolicies(account) ? await this.#users.get(tenantId, userId) : undefined;
    return effectivePolicy(account, rolesOf(user));
  }

  /** One person's rules alone. */
  async for(tenantId: string, userId: string, options: { fresh?: boolean } = {}): Promise<SessionPolicy> {
    return (await this.forUsers(tenantId, [userId], options)).get(userId) as SessionPolicy;
  }

  /** Several people's, by user id. */
  async forUsers(
    tenantId: string,
    userIds: readonly string[],
    options: { fresh?: boolean } = {},
  ): Promise<Map<string, SessionPolicy>> {
    const account = await this.#getPolicy(tenantId, options);
    const out = new Map<string, SessionPolicy>();
    if (!hasRolePolicies(account)) {
      const plain = accountPart(account);
      for (const id of userIds) out.set(id, plain);
      return out;
    }
    const users = await this.#users.getMany(tenantId, userIds);
    for (const id of userIds) out.set(id, effectivePolicy(account, rolesOf(users.get(id))).policy);
    return out;
  }
}

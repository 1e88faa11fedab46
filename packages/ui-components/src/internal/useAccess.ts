import { useCan } from '@refinedev/core';
import type { SESSIONKIT_ACCESS } from '../constants.js';

type Check = (typeof SESSIONKIT_ACCESS)[keyof typeof SESSIONKIT_ACCESS];

/** What the host's access control said, or that it hasn't answered yet. */
export type Access = 'pending' | 'allowed' | 'denied';

/**
 * Whether the user may take an action, through the host's Refine access control. Takes one entry of
 * SESSIONKIT_ACCESS whole, so a resource can't be paired with another entry's action. Without an access control
 * provider everything is allowed (Refine's rule). Callers keep an action hidden until `allowed`, so a button never
 * flashes up and disappears, and show a view's loading state while `pending`, so "no access" never flashes up for
 * someone who has it. A provider that fails counts as a refusal. `params.userId` names the user acted on, if any.
 */
export function useAccess({ resource, action }: Check, params?: Record<string, unknown>): Access {
  const { data, isError } = useCan({ resource, action, params });
  if (data) return data.can ? 'allowed' : 'denied';
  return isError ? 'denied' : 'pending';
}

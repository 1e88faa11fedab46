import { useCan } from '@refinedev/core';
import type { SESSIONKIT_ACCESS } from '../constants.js';

type Access = (typeof SESSIONKIT_ACCESS)[keyof typeof SESSIONKIT_ACCESS];

/**
 * Whether the user may take an action, through the host's Refine access control. Takes one entry of
 * SESSIONKIT_ACCESS whole, so a resource can't be paired with another entry's action. Without an access control
 * provider everything is allowed (Refine's rule); while the answer is pending the action stays hidden, so a
 * button never flashes up and disappears.
 */
export function useAllowed({ resource, action }: Access, params?: Record<string, unknown>): boolean {
  const { data } = useCan({ resource, action, params });
  return data?.can === true;
}

import { useCan } from '@refinedev/core';

/**
 * Whether the user may take an action, through the host's Refine access control. Without an access control
 * provider everything is allowed (Refine's rule); while the answer is pending the action stays hidden, so a
 * button never flashes up and disappears.
 */
export function useAllowed(resource: string, action: string, params?: Record<string, unknown>): boolean {
  const { data } = useCan({ resource, action, params });
  return data?.can === true;
}

import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { retryUnlessSignedOut } from '../sessionEnded.js';

/**
 * The `retry` of every query the kit's hooks make: the host's own setting (react-query's three retries by
 * default), except that a 401 is never repeated. An ended session answers `session_ended` once and then only
 * `unauthenticated`, so retries would both hide the reason and keep the person on a dead page for seconds.
 */
export function useRetry(): (failureCount: number, error: unknown) => boolean {
  const retry = useQueryClient().getDefaultOptions().queries?.retry as
    Parameters<typeof retryUnlessSignedOut>[0] | undefined;
  return useMemo(() => retryUnlessSignedOut(retry), [retry]);
}

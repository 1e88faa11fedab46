import { useOnError } from '@refinedev/core';
import { sessionKitRetry } from '@sessionkit/ui-components';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Person } from '../../shared/peopleJson';
import { csrfToken } from './identity';

export type { Person } from '../../shared/peopleJson';

/** A refusal with what the kit's sign-out handling reads: the status and the answer's body. */
export class PeopleError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const message = response.status === 404 ? 'No such user' : `Couldn't load people (${response.status})`;
    throw new PeopleError(message, response.status, body);
  }
  return (await response.json()) as T;
}

/** An ended session found by the people API signs the tab out with the reason, as the kit's own calls do. */
function useSignOutOnError(error: Error | null): void {
  const { mutate: onError } = useOnError();
  useEffect(() => {
    if (error instanceof PeopleError && error.statusCode === 401) onError(error);
  }, [error, onError]);
}

export function usePeople() {
  const query = useQuery<Person[], Error>({
    queryKey: ['people'],
    queryFn: () => getJson<Person[]>('/api/directory/users'),
    staleTime: 60_000,
    retry: sessionKitRetry,
  });
  useSignOutOnError(query.error);
  return query;
}

export function usePerson(id: string) {
  const query = useQuery<Person, Error>({
    queryKey: ['people', id],
    queryFn: () => getJson<Person>(`/api/directory/users/${encodeURIComponent(id)}`),
    retry: sessionKitRetry,
  });
  useSignOutOnError(query.error);
  return query;
}

/** Names for the kit's lists, which carry user ids: the id itself until the people list has loaded. */
export function usePersonName(): (userId: string) => string {
  const { data } = usePeople();
  return (userId) => data?.find((p) => p.id === userId)?.name ?? userId;
}

/**
 * An administrator's change to a person (`/api/people/:id/<action>`), as the panel sends changes: JSON with the
 * CSRF header. A refusal throws with the server's message, which names what to fix.
 */
export async function changePerson<T>(id: string, action: string, body: object): Promise<T> {
  const response = await fetch(`/api/people/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as { message?: unknown } | null;
  if (!response.ok) {
    const message =
      typeof answer?.message === 'string' ? answer.message : `That did not work (${response.status}).`;
    throw new PeopleError(message, response.status, answer);
  }
  return answer as T;
}

import { useOnError } from '@refinedev/core';
import { sessionKitRetry } from '@sessionkit/ui-components';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

/** A person as the host's people API answers (the host owns people; the kit only knows their ids). */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
  department: string | null;
  superUser: boolean;
  active: boolean;
}

/** A refusal with what the kit's sign-out handling reads: the status and the answer's body. */
class PeopleError extends Error {
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

import { useQuery } from '@tanstack/react-query';

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

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok)
    throw new Error(response.status === 404 ? 'No such user' : `Couldn't load people (${response.status})`);
  return (await response.json()) as T;
}

export function usePeople() {
  return useQuery({
    queryKey: ['people'],
    queryFn: () => getJson<Person[]>('/api/directory/users'),
    staleTime: 60_000,
  });
}

export function usePerson(id: string) {
  return useQuery({
    queryKey: ['people', id],
    queryFn: () => getJson<Person>(`/api/directory/users/${encodeURIComponent(id)}`),
  });
}

/** Names for the kit's lists, which carry user ids: the id itself until the people list has loaded. */
export function usePersonName(): (userId: string) => string {
  const { data } = usePeople();
  return (userId) => data?.find((p) => p.id === userId)?.name ?? userId;
}

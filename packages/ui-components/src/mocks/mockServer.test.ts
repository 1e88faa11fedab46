import { runHttpContract } from '@sessionkit/core/testing';
import { MOCK_API, MOCK_CSRF, createMockServer } from './mockServer.js';

// Storybook's stories run on this mock: it must answer as the router does, or the stories prove nothing.
runHttpContract('the mock server behind the stories', {
  async setup() {
    const server = createMockServer();
    const as = (caller: 'person' | 'admin' | 'anonymous') => {
      const fetch = server.fetchAs(caller);
      return (path: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
        fetch(`${MOCK_API}${path}`, { ...init, headers: { 'x-csrf-token': MOCK_CSRF, ...init.headers } });
    };
    return { person: as('person'), admin: as('admin'), anonymous: as('anonymous') };
  },
});

import { runHttpContract } from '@sessionkit/core/testing';
import { mySessions } from './fixtures.js';
import { MOCK_API, MOCK_CSRF, createMockServer } from './mockServer.js';

const LINK_TOKEN = 'mock-link-token-0123456789';

// Storybook's stories run on this mock: it must answer as the router does, or the stories prove nothing.
runHttpContract('the mock server behind the stories', {
  alertLinkToken: () => LINK_TOKEN,
  async setup() {
    // Three unanswered alerts, none on the session the contract signs out first (the second in the list).
    const sessions = mySessions();
    const server = createMockServer({
      mySessions: sessions,
      alerts: [3, 4, 2].map((i, n) => ({
        sessionId: sessions[i]!.id,
        signals: ['new_country'],
        token: n === 0 ? LINK_TOKEN : `other-link-${n}`,
      })),
    });
    const as = (caller: 'person' | 'admin' | 'anonymous') => {
      const fetch = server.fetchAs(caller);
      return (path: string, init: { method: string; headers: Record<string, string>; body?: string }) =>
        fetch(`${MOCK_API}${path}`, { ...init, headers: { 'x-csrf-token': MOCK_CSRF, ...init.headers } });
    };
    return { person: as('person'), admin: as('admin'), anonymous: as('anonymous') };
  },
});

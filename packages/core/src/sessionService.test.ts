import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';
import { MemorySessionStore } from './memoryStore.js';
import { SessionService } from './sessionService.js';

describe('SessionService.revokeAllForTenant', () => {
  it('spares the caller’s session and the sessions of the users it is told to spare', async () => {
    const service = new SessionService({ store: new MemorySessionStore(), clock: new ManualClock() });
    const login = async (userId: string) => {
      const result = await service.issue({ tenantId: 't_acme', userId, ip: '10.0.0.1' });
      if (result.status !== 'issued') throw new Error('not issued');
      return result.session;
    };
    const caller = await login('u_admin');
    await login('u_admin');
    const root = await login('u_root');
    const ada = await login('u_ada');

    const ended = await service.revokeAllForTenant('t_acme', {
      actor: { userId: 'u_admin' },
      reason: 'incident',
      exceptSessionId: caller.id,
      exceptUserIds: ['u_root'],
    });

    expect(ended).toBe(2);
    const status = async (id: string) => (await service.store.findSessionById('t_acme', id))?.status;
    expect(await status(caller.id)).toBe('active');
    expect(await status(root.id)).toBe('active');
    expect(await status(ada.id)).toBe('ended');
  });
});

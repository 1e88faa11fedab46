import { MemorySessionStore, SessionService } from '@sessionkit/core';
import { describe, expect, it } from 'vitest';
import { DEMO_POLICY } from './demoPolicy.js';
import { DemoDirectory, TENANT_ID } from './directory.js';

describe("the demo's role policy", () => {
  it('shows a role with its own rules without setup: support agents idle out after 8 hours', async () => {
    const directory = await DemoDirectory.create();
    const service = new SessionService({
      store: new MemorySessionStore(),
      directory,
      policyDefaults: DEMO_POLICY,
    });
    expect((await service.getPolicy(TENANT_ID)).roles).toEqual({
      'Support agent': { idleTimeout: { value: 8, unit: 'hours' } },
    });
    const jordan = await service.effectivePolicyFor(TENANT_ID, 'usr_jordan');
    expect(jordan.policy.idleTimeout).toEqual({ enabled: true, value: 8, unit: 'hours' });
    expect(jordan.sources['idleTimeout.value']).toEqual({ from: 'role', role: 'Support agent' });
    // Everyone else keeps the account's rules, administrators included.
    const morgan = await service.effectivePolicyFor(TENANT_ID, 'usr_admin');
    expect(morgan.roles).toEqual([]);
    expect(morgan.policy.idleTimeout).toEqual(DEMO_POLICY.idleTimeout);
  });
});

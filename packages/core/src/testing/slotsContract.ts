import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../store.js';
import { hashSecret } from '../tokens.js';
import type { StoreContractOptions } from './contractSupport.js';
import { at, holder } from './contractSupport.js';

/** The concurrent limit's slots: claimed by one holder at a time, however many claims race. */
export function slotsContract(options: StoreContractOptions): void {
  const raceSize = options.raceSize ?? 25;

  describe('concurrency slots', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });
    const key = { tenantId: 't_acme', userId: 'u_ada', slot: 0 };

    it('gives a slot to one holder at a time', async () => {
      expect(await store.claimSlot(key, holder('ses_1'), at(0))).toBe(true);
      expect(await store.claimSlot(key, holder('ses_2'), at(0))).toBe(false);
      expect(await store.claimSlot({ ...key, slot: 1 }, holder('ses_2'), at(0))).toBe(true);
      expect(await store.listSlots('t_acme', 'u_ada')).toEqual([
        { slot: 0, sessionId: 'ses_1', tokenHash: hashSecret('ses_1'), claimedAt: at(0) },
        { slot: 1, sessionId: 'ses_2', tokenHash: hashSecret('ses_2'), claimedAt: at(0) },
      ]);
    });

    it('frees a slot only for its holder', async () => {
      await store.claimSlot(key, holder('ses_1'), at(0));
      await store.releaseSlot(key, 'ses_2');
      expect(await store.claimSlot(key, holder('ses_3'), at(0))).toBe(false);
      await store.releaseSlot(key, 'ses_1');
      expect(await store.claimSlot(key, holder('ses_3'), at(0))).toBe(true);
    });

    it('keeps slots apart per user', async () => {
      await store.claimSlot(key, holder('ses_1'), at(0));
      expect(await store.claimSlot({ ...key, userId: 'u_bob' }, holder('ses_2'), at(0))).toBe(true);
      expect(await store.listSlots('t_acme', 'u_bob')).toHaveLength(1);
    });

    it(`lets exactly one of ${raceSize} parallel claims take a slot`, async () => {
      const wins = await Promise.all(
        Array.from({ length: raceSize }, (_, i) => store.claimSlot(key, holder(`ses_${i}`), at(0))),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });
}

import { beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../clock.js';
import type { DeviceRecord, SignInAlert } from '../deviceStore.js';
import type { SessionStore } from '../store.js';
import { hashSecret } from '../tokens.js';
import type { StoreContractOptions } from './contractSupport.js';
import { at } from './contractSupport.js';

const aDevice = (fields: Partial<DeviceRecord> = {}): DeviceRecord => ({
  tenantId: 't_acme',
  userId: 'u_ada',
  deviceKey: 'k_laptop',
  name: 'Work laptop',
  trusted: true,
  updatedAt: at(0),
  ...fields,
});

let alerts = 0;
const anAlert = (fields: Partial<SignInAlert> = {}): SignInAlert => {
  alerts++;
  return {
    id: `alr_${alerts}`,
    tenantId: 't_acme',
    userId: 'u_ada',
    sessionId: `ses_${alerts}`,
    linkHash: hashSecret(`link-${alerts}`),
    signals: ['new_country'],
    createdAt: at(alerts * MINUTE),
    expiresAt: at(alerts * MINUTE + 7 * DAY),
    status: 'open',
    resolvedAt: null,
    ...fields,
  };
};

/** Device names, sign-in alerts and password-change asks: the `DeviceStore` part. */
export function devicesContract(options: StoreContractOptions): void {
  describe('devices and sign-in alerts', () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await options.makeStore();
    });

    it('keeps one record per person and device, replaced by the next save, apart per tenant and person', async () => {
      await store.saveDevice(aDevice());
      await store.saveDevice(aDevice({ name: 'Home laptop', trusted: false, updatedAt: at(HOUR) }));
      await store.saveDevice(aDevice({ userId: 'u_bob', name: 'Bob’s' }));
      await store.saveDevice(aDevice({ tenantId: 't_other', name: 'Elsewhere' }));
      expect(await store.listDevices('t_acme', ['u_ada'])).toEqual([
        aDevice({ name: 'Home laptop', trusted: false, updatedAt: at(HOUR) }),
      ]);
      const both = await store.listDevices('t_acme', ['u_ada', 'u_bob']);
      expect(both.map((d) => d.name).sort()).toEqual(['Bob’s', 'Home laptop']);
      expect(await store.listDevices('t_acme', [])).toEqual([]);
      const one = aDevice();
      expect(await store.findDevice('t_acme', 'u_ada', one.deviceKey)).toEqual(
        aDevice({ name: 'Home laptop', trusted: false, updatedAt: at(HOUR) }),
      );
      expect(await store.findDevice('t_other', 'u_ada', one.deviceKey)).toMatchObject({ name: 'Elsewhere' });
      expect(await store.findDevice('t_acme', 'u_ada', 'another device')).toBeNull();
    });

    it('finds an alert by its link hash and lists a person’s alerts newest first', async () => {
      const older = anAlert();
      const newer = anAlert({ signals: ['new_device', 'impossible_travel'] });
      await store.insertSignInAlert(older);
      await store.insertSignInAlert(newer);
      await store.insertSignInAlert(anAlert({ userId: 'u_bob' }));
      expect(await store.findSignInAlert(older.linkHash)).toEqual(older);
      expect(await store.findSignInAlert(hashSecret('never issued'))).toBeNull();
      expect(await store.listSignInAlerts('t_acme', 'u_ada')).toEqual([newer, older]);
      await expect(store.insertSignInAlert({ ...anAlert(), linkHash: older.linkHash })).rejects.toMatchObject(
        {
          code: 'invalid_input',
        },
      );
    });

    it('resolves an open alert exactly once, even when answers race', async () => {
      const alert = anAlert();
      await store.insertSignInAlert(alert);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.resolveSignInAlert(alert.linkHash, i % 2 ? 'denied' : 'confirmed', at(HOUR)),
        ),
      );
      const winners = answers.filter((a) => a !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ id: alert.id, resolvedAt: at(HOUR) });
      const stored = await store.findSignInAlert(alert.linkHash);
      expect(stored?.status).toBe(winners[0]?.status);
      expect(await store.resolveSignInAlert(hashSecret('unknown'), 'denied', at(HOUR))).toBeNull();
    });

    it('records, reads and clears a password-change ask per person', async () => {
      expect(await store.getPasswordChangeAsk('t_acme', 'u_ada')).toBeNull();
      await store.setPasswordChangeAsk('t_acme', 'u_ada', at(HOUR));
      await store.setPasswordChangeAsk('t_acme', 'u_ada', at(2 * HOUR));
      expect(await store.getPasswordChangeAsk('t_acme', 'u_ada')).toEqual(at(2 * HOUR));
      expect(await store.getPasswordChangeAsk('t_acme', 'u_bob')).toBeNull();
      expect(await store.getPasswordChangeAsk('t_other', 'u_ada')).toBeNull();
      await store.setPasswordChangeAsk('t_acme', 'u_ada', null);
      expect(await store.getPasswordChangeAsk('t_acme', 'u_ada')).toBeNull();
    });
  });
}

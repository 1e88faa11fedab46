import type { GeoResolver, SessionStore } from '@sessionkit/core';
import { DAY, HOUR, ManualClock, SessionService, riskSignalAlertOf } from '@sessionkit/core';
import type { DemoDirectory } from './directory.js';
import { TENANT_ID } from './directory.js';
import { SEED_PLACES } from './geo.js';
import type { DemoOutbox } from './outbox.js';
import { USER_AGENTS } from './seedSessions.js';

/** Whose devices and alerts the seed shows: a person the other tour steps leave alone. */
export const ALERTED_USER = 'usr_hana';

/**
 * Sign-in alerts and named devices, without setup: Hana's work laptop (San Francisco, three weeks ago) is named
 * and trusted, and a sign-in two hours ago from Berlin on a Windows PC, a country and a device the account has
 * never seen, raised an alert that waits in the outbox and in Hana's session list. Played through core's own
 * service, so the alert, its hashed link and the audit events are what the kit itself writes.
 */
export async function seedAlerts(options: {
  store: SessionStore;
  directory: DemoDirectory;
  geo: GeoResolver;
  policyDefaults: unknown;
  now: Date;
  outbox: DemoOutbox;
  alertLinkUrl: string;
}): Promise<void> {
  const clock = new ManualClock(options.now.getTime() - 21 * DAY);
  const service = new SessionService({
    store: options.store,
    clock,
    geo: options.geo,
    directory: options.directory,
    policyDefaults: options.policyDefaults,
    signInAlerts: {
      linkFor: (secret) => `${options.alertLinkUrl}#token=${secret}`,
      onAlert: (event) => options.outbox.deliver(riskSignalAlertOf(event)),
    },
  });
  const signIn = async (place: keyof typeof SEED_PLACES, agent: keyof typeof USER_AGENTS) => {
    const result = await service.issue({
      tenantId: TENANT_ID,
      userId: ALERTED_USER,
      ip: SEED_PLACES[place].ip,
      userAgent: USER_AGENTS[agent],
      rememberMe: true,
    });
    if (result.status !== 'issued') throw new Error('seed: a sign-in of the alerts tour was refused');
    return result;
  };
  const laptop = await signIn('sanFrancisco', 'chromeMac');
  await service.devices.update(
    TENANT_ID,
    ALERTED_USER,
    laptop.session.id,
    { name: 'Work laptop', trusted: true },
    { userId: ALERTED_USER, sessionId: laptop.session.id },
  );
  // Used since, so the idle timeout keeps it.
  clock.set(options.now.getTime() - HOUR);
  await service.validate(laptop.secret, { ip: SEED_PLACES.sanFrancisco.ip, path: '/reports' });
  clock.set(options.now.getTime() - 2 * HOUR);
  await signIn('berlin', 'chromeWindows');
  await service.alerts.idle();
}

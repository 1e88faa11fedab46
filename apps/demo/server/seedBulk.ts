import type { SessionService } from '@sessionkit/core';
import { DAY, HOUR } from '@sessionkit/core';
import type { DemoDirectory } from './directory.js';
import { TENANT_ID } from './directory.js';
import { SEED_PLACES } from './geo.js';
import { USER_AGENTS } from './seedSessions.js';

/** The reason the seeded bulk force logout gives, as the audit log shows it. */
export const SEEDED_BULK_REASON = 'Shared laptops from the offsite wiped and reissued';

/**
 * A bulk force logout in the account's past, so the audit log shows one action with its people from the start:
 * two weeks ago Lena and María signed in on the offsite's shared laptops, and Morgan forced them both out with
 * one reason. Their sessions there are on the devices and in the cities of their own history, so the account's
 * warning signs stay as they are; later sessions of theirs come after it and are untouched. Runs before the rest
 * of the history, while these are the only sessions the two have. Answers how many sessions it opened.
 */
export async function playBulkForceLogout(
  service: SessionService,
  directory: DemoDirectory,
  at: (ago: number) => void,
): Promise<number> {
  const people = [
    { userId: 'usr_lena', agent: USER_AGENTS.chromeMac, ip: SEED_PLACES.berlin.ip },
    { userId: 'usr_maria', agent: USER_AGENTS.chromeWindows, ip: SEED_PLACES.madrid.ip },
  ];
  at(15 * DAY + 3 * HOUR);
  for (const p of people) {
    const result = await service.issue({
      tenantId: TENANT_ID,
      userId: p.userId,
      ip: p.ip,
      userAgent: p.agent,
    });
    if (result.status !== 'issued')
      throw new Error('seed: a bulk-action login was refused by the demo policy');
  }
  at(15 * DAY);
  const admin = directory.get('usr_admin');
  await service.bulk.execute(TENANT_ID, { userIds: people.map((p) => p.userId) }, SEEDED_BULK_REASON, {
    actor: { userId: 'usr_admin', user: admin, sessionId: null, ip: SEED_PLACES.sanFrancisco.ip },
  });
  return people.length;
}

import type { AuthorizedApp, PushPlatform, PushRegistration } from './credentials.js';
import { invalid } from './credentialImport.js';

/** What the host says when it issues an app token: which app or device, and what it may do. */
export interface AppGrant {
  /** The application's name (or the website's). 1–100 characters. */
  name: string;
  /** Default `application`. A mobile app signing in gives its device name too. */
  kind?: AuthorizedApp['kind'];
  /** The device's name for a mobile sign-in ("Ada's iPhone"); shown in the list. Default null. */
  deviceName?: string | null;
  /** The access rights granted, as the host names them. Default none. */
  rights?: readonly string[];
}

/** What a mobile app sends to be allowed to push to its device. */
export interface PushInput {
  /** The app's name. 1–100 characters. */
  appName: string;
  /** 1–100 characters. */
  deviceName: string;
  platform: PushPlatform;
  /** The APNs, FCM or Web Push token the host's sender pushes to. 1–4096 characters. */
  pushToken: string;
}

const APP_KINDS: readonly AuthorizedApp['kind'][] = ['application', 'mobile', 'website'];
const PLATFORMS: readonly PushPlatform[] = ['ios', 'android', 'web'];

export function checkAppGrant(
  grant: AppGrant,
  offeredRights?: readonly string[],
): Pick<AuthorizedApp, 'name' | 'kind' | 'deviceName' | 'scopes'> {
  if (typeof grant !== 'object' || grant === null) throw invalid('app', 'give the app a name');
  const kind = grant.kind ?? 'application';
  if (!APP_KINDS.includes(kind)) throw invalid('kind', `kind: must be one of ${APP_KINDS.join(', ')}`);
  const rights = grant.rights ?? [];
  if (!Array.isArray(rights)) throw invalid('rights', 'rights: must be a list');
  if (offeredRights) {
    if (rights.length === 0) throw invalid('rights', 'rights: choose at least one');
    const unknown = rights.find((right) => !offeredRights.includes(right));
    if (unknown !== undefined)
      throw invalid(
        'rights',
        `rights: ${JSON.stringify(unknown)} is not one the server offers (${offeredRights.join(', ')})`,
      );
  }
  return {
    name: label(grant.name, 'name'),
    kind,
    deviceName: grant.deviceName == null ? null : label(grant.deviceName, 'deviceName'),
    scopes: [...new Set(rights.map((r: unknown, i) => label(r, `rights[${i}]`)))],
  };
}

export function checkPushInput(
  input: PushInput,
): Pick<PushRegistration, 'appName' | 'deviceName' | 'platform' | 'pushToken'> & { pushToken: string } {
  if (typeof input !== 'object' || input === null) throw invalid('body', 'give the push token');
  if (!PLATFORMS.includes(input.platform))
    throw invalid('platform', `platform: must be one of ${PLATFORMS.join(', ')}`);
  const pushToken = typeof input.pushToken === 'string' ? input.pushToken.trim() : '';
  if (pushToken === '' || pushToken.length > 4096 || /\s/.test(pushToken))
    throw invalid('pushToken', 'pushToken: must be the device token, 1–4096 characters without spaces');
  return {
    appName: label(input.appName, 'appName'),
    deviceName: label(input.deviceName, 'deviceName'),
    platform: input.platform,
    pushToken,
  };
}

/** A name a list shows: one line, 1–100 characters. */
function label(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.replace(/[\p{Cc}\s]+/gu, ' ').trim() : '';
  if (text === '') throw invalid(field, `${field}: must not be empty`);
  if (text.length > 100) throw invalid(field, `${field}: must be at most 100 characters`);
  return text;
}

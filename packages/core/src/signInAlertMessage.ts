import type { RiskKind } from './risk.js';
import type { Location } from './session.js';

/**
 * The host's translations, asked with the UI's keys (`sessionkit.alerts.*`) and the English text; answering the
 * English (or nothing) keeps it. Placeholders are written `{{name}}`, as in the UI.
 */
export type Translate = (
  key: string,
  english: string,
  values: Record<string, string>,
  locale: string,
) => string | null | undefined;

/** A message ready to send: the host adds only the address. */
export interface SignInAlertMessage {
  subject: string;
  text: string;
  /** The language it is written in (the person's, from the directory). */
  locale: string;
}

/** The kinds of signal that raise an alert: the high ones that say someone else may have signed in. */
export const ALERT_KINDS: readonly RiskKind[] = ['new_country', 'new_device', 'impossible_travel'];

/** The English texts, under the keys a host translates (the UI uses the same `sessionkit.*` keys). */
export const SIGN_IN_ALERT_TEXTS = {
  'alerts.subject': 'New sign-in to your account',
  'alerts.intro': 'Hello {{name}}, someone signed in to your account.',
  'alerts.signal.new_country': 'It came from a country not seen on your account before: {{country}}.',
  'alerts.signal.new_device': 'It came from a device not seen on your account before: {{device}}.',
  'alerts.signal.impossible_travel':
    'It came too soon after a sign-in far away for one person to have made both.',
  'alerts.device': 'Device: {{device}}',
  'alerts.place': 'Where: {{place}}',
  'alerts.when': 'When: {{when}}',
  'alerts.itWasMe': 'If this was you, there is nothing to do.',
  'alerts.notMe': 'If this wasn\u2019t you, sign that session out and change your password: {{link}}',
  'alerts.unknownPlace': 'an unknown place',
} as const;

export type SignInAlertTextKey = keyof typeof SIGN_IN_ALERT_TEXTS;

/** What the message tells: who, which signals, from where and what, when, and the link. */
export interface SignInAlertFacts {
  name: string;
  signals: readonly RiskKind[];
  device: string;
  location: Location | null;
  at: Date;
  link: string;
  locale?: string | null;
}

/** Writes the alert in the person's language, through the host's translations where it has them. */
export function signInAlertMessage(facts: SignInAlertFacts, translate?: Translate): SignInAlertMessage {
  const locale = usableLocale(facts.locale);
  const t = (key: SignInAlertTextKey, values: Record<string, string> = {}): string => {
    const english = SIGN_IN_ALERT_TEXTS[key];
    const translated = translate?.(`sessionkit.${key}`, english, values, locale);
    return fill(typeof translated === 'string' && translated ? translated : english, values);
  };
  const place = placeOf(facts.location) ?? t('alerts.unknownPlace');
  const when = `${new Intl.DateTimeFormat(locale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(facts.at)} UTC`;
  const country = facts.location?.country ?? facts.location?.countryCode ?? place;
  const lines = [
    t('alerts.intro', { name: facts.name }),
    '',
    ...facts.signals.map((kind) =>
      t(`alerts.signal.${kind}` as SignInAlertTextKey, { country, device: facts.device }),
    ),
    t('alerts.device', { device: facts.device }),
    t('alerts.place', { place }),
    t('alerts.when', { when }),
    '',
    t('alerts.itWasMe'),
    t('alerts.notMe', { link: facts.link }),
  ];
  return { subject: t('alerts.subject'), text: lines.join('\n'), locale };
}

function placeOf(location: Location | null): string | null {
  if (!location || location.local) return location?.country ?? null;
  const parts = [location.city, location.country ?? location.countryCode].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** The person's locale when Intl knows it, else English: a bad directory value must not stop the alert. */
function usableLocale(locale: string | null | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

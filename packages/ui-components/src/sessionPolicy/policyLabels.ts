import type { FieldError, Lifetime, TimeUnit } from '@sessionkit/core/browser';
import type { PluralText, Text } from '../internal/useText.js';

/** The fields that show an error of their own under them. */
export type FieldKey =
  | 'concurrentSessions.max'
  | 'concurrentSessions.onExceed'
  | 'idleTimeout.value'
  | 'idleTimeout.unit'
  | 'rememberMe.rememberedLifetime'
  | 'rememberMe.standardLifetime';

/**
 * Whether an error core names by `errorField` shows under `field`: a duration's errors name it whole, or its
 * `.value` or `.unit`, and all show under its one number field.
 */
export function errorBelongsTo(errorField: string, field: string): boolean {
  if (errorField === field) return true;
  if (field === 'idleTimeout.value') return errorField === 'idleTimeout' || errorField === 'idleTimeout.unit';
  return field.endsWith('Lifetime') && errorField.startsWith(`${field}.`);
}

/** The labels people see, by the field paths core names in its messages. */
export function fieldLabels(t: Text): Record<string, string> {
  return {
    'concurrentSessions.max': t('policy.maxSessions', 'Maximum sessions per user'),
    'concurrentSessions.onExceed': t('policy.onExceed', 'When a user goes over the limit'),
    'concurrentSessions.enabled': t('policy.limitSessions', 'Limit concurrent sessions'),
    'idleTimeout.value': t('policy.idleCustomValue', 'Idle timeout'),
    'idleTimeout.unit': t('policy.idleUnit', 'Unit'),
    'idleTimeout.enabled': t('policy.idleEnabled', 'Sign out inactive sessions'),
    idleTimeout: t('policy.idleCustomValue', 'Idle timeout'),
    ...lifetimeLabels(
      'rememberMe.rememberedLifetime',
      t('policy.rememberedDays', 'Remembered sessions last'),
      t,
    ),
    ...lifetimeLabels(
      'rememberMe.standardLifetime',
      t('policy.standardDays', 'Other sessions expire after'),
      t,
    ),
    'rememberMe.allowed': t('policy.rememberAllowed', 'Allow “Remember me”'),
  };
}

/** A lifetime, its value and its unit: core may name any of the three. */
function lifetimeLabels(path: string, label: string, t: Text): Record<string, string> {
  return { [path]: label, [`${path}.value`]: label, [`${path}.unit`]: lifetimeUnitLabel(label, t) };
}

/** The accessible name of a lifetime's unit, beside its value: "Remembered sessions last (unit)". */
export function lifetimeUnitLabel(label: string, t: Text): string {
  return t('policy.lifetimeUnit', '{{label}} (unit)', { label });
}

/** Core's messages name fields by path ("rememberMe.standardLifetime"); people read the label they see instead. */
export function humanize(error: FieldError, labels: Record<string, string>, t: Text): string {
  const paths = Object.keys(labels).sort((a, b) => b.length - a.length);
  let text = error.message;
  for (const path of paths) text = text.split(path).join(`“${labels[path]}”`);
  return t(`policy.error.${error.field}`, text);
}

export function timeUnitLabel(unit: TimeUnit, t: Text): string {
  return {
    minutes: t('policy.unit.minutes', 'minutes'),
    hours: t('policy.unit.hours', 'hours'),
    days: t('policy.unit.days', 'days'),
  }[unit];
}

/** A duration as people say it, singular or plural: "1 day", "8 hours", "30 minutes". */
export function durationText({ value, unit }: Lifetime, p: PluralText): string {
  // `policy.preset.days` is the key the idle presets already use for days; minutes and hours follow its pattern.
  const key = unit === 'days' ? 'policy.preset.days' : `policy.duration.${unit}`;
  return p(key, { one: `{{count}} ${unit.slice(0, -1)}`, other: `{{count}} ${unit}` }, value);
}

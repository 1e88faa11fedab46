import type { FieldError, TimeUnit } from '@sessionkit/core/browser';
import type { Text } from '../internal/useText.js';

/** The fields that show an error of their own under them. */
export type FieldKey =
  | 'concurrentSessions.max'
  | 'concurrentSessions.onExceed'
  | 'idleTimeout.value'
  | 'idleTimeout.unit'
  | 'rememberMe.rememberedDays'
  | 'rememberMe.standardDays';

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
    'rememberMe.rememberedDays': t('policy.rememberedDays', 'Remembered sessions last'),
    'rememberMe.standardDays': t('policy.standardDays', 'Other sessions expire after'),
    'rememberMe.allowed': t('policy.rememberAllowed', 'Allow “Remember me”'),
  };
}

/** Core's messages name fields by path ("rememberMe.standardDays"); people read the label they see instead. */
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

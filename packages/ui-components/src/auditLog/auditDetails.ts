import type { AuditEventRecord } from '@sessionkit/core/browser';
import type { Text } from '../internal/useText.js';
import { endReasonLabel } from '../sessionDetails/SessionDetailsView.js';

/** A detail's name in words; a key the kit doesn't know (a newer server's) is shown as it is. */
function detailLabel(key: string, t: Text): string {
  const labels: Record<string, string> = {
    rememberMe: t('audit.detail.rememberMe', 'Remember me'),
    kind: t('audit.detail.kind', 'Kind'),
    ended: t('audit.detail.ended', 'Sessions ended'),
    max: t('audit.detail.max', 'Session limit'),
    sessions: t('audit.detail.sessions', 'Sessions'),
    app: t('audit.detail.app', 'App'),
    device: t('audit.detail.device', 'Device'),
    field: t('audit.detail.field', 'Setting'),
    authorizedApps: t('audit.detail.authorizedApps', 'Authorized apps'),
    pushRegistrations: t('audit.detail.pushRegistrations', 'Notification devices'),
    apiKeys: t('audit.detail.apiKeys', 'API keys'),
    bulkId: t('audit.detail.bulkId', 'Bulk action'),
    people: t('audit.detail.people', 'People'),
    superUsers: t('audit.detail.superUsers', 'Super users'),
    leftOut: t('audit.detail.leftOut', 'Left out'),
    selection: t('audit.detail.selection', 'Chosen by'),
    'concurrentSessions.enabled': t('audit.detail.concurrentEnabled', 'Limit concurrent sessions'),
    'concurrentSessions.max': t('audit.detail.concurrentMax', 'Concurrent session limit'),
    'concurrentSessions.onLimit': t('audit.detail.onLimit', 'At the limit'),
    'idleTimeout.enabled': t('audit.detail.idleEnabled', 'Idle timeout'),
    'idleTimeout.value': t('audit.detail.idleValue', 'Idle timeout length'),
    'idleTimeout.unit': t('audit.detail.idleUnit', 'Idle timeout unit'),
    'rememberMe.allowed': t('audit.detail.rememberEnabled', 'Remember me allowed'),
    'rememberMe.rememberedLifetime': t('audit.detail.rememberedLifetime', 'Remembered sessions last'),
    'rememberMe.standardLifetime': t('audit.detail.standardLifetime', 'Other sessions expire after'),
  };
  return labels[key] ?? key;
}

function detailValue(key: string, value: unknown, t: Text): string {
  if (value === true || value === 'true') return t('audit.value.yes', 'yes');
  if (value === false || value === 'false') return t('audit.value.no', 'no');
  if (key === 'selection') {
    const ways: Record<string, string> = {
      people: t('audit.selection.people', 'picking people'),
      filter: t('audit.selection.filter', 'a filter'),
    };
    return ways[String(value)] ?? String(value);
  }
  if (key === 'kind') {
    const kinds: Record<string, string> = {
      browser: t('audit.kind.browser', 'browser'),
      mobile: t('audit.kind.mobile', 'mobile app'),
      api: t('audit.kind.api', 'API'),
    };
    return kinds[String(value)] ?? String(value);
  }
  return String(value);
}

/** An event's details as a line for people: "Remember me: no · Kind: browser". */
export function auditDetails(e: AuditEventRecord, t: Text): string {
  const parts: string[] = [];
  if (e.endReason) parts.push(endReasonLabel(e.endReason, t));
  if (e.reason) parts.push(`“${e.reason}”`);
  for (const [key, value] of Object.entries(e.details))
    parts.push(
      t('audit.detail.pair', '{{label}}: {{value}}', {
        label: detailLabel(key, t),
        value: detailValue(key, value, t),
      }),
    );
  return parts.join(' · ');
}

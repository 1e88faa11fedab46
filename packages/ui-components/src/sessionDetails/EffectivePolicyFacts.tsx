import type { EffectivePolicy, PolicyField, PolicySource } from '@sessionkit/core/browser';
import { useId } from 'react';
import { durationText } from '../sessionPolicy/policyLabels.js';
import { usePlural, useText } from '../internal/useText.js';

/**
 * The rules a session lives under, each with where it comes from: the account policy, or the override of one
 * of its owner's roles (the strictest, when several have one).
 */
export function EffectivePolicyFacts({ effective }: { effective: EffectivePolicy }) {
  const t = useText();
  const p = usePlural();
  const titleId = useId();
  const { policy, sources } = effective;
  // A rule shown in one line may rest on several fields: it comes from a role when any of them does.
  const sourceOf = (fields: readonly PolicyField[]): PolicySource =>
    fields.map((f) => sources[f]).find((s) => s.from === 'role') ?? { from: 'account', role: null };
  const c = policy.concurrentSessions;
  const i = policy.idleTimeout;
  const r = policy.rememberMe;
  const rows: [string, string, PolicySource][] = [
    [
      t('details.policy.limit', 'Concurrent sessions'),
      c.enabled
        ? t('details.policy.limitValue', 'At most {{max}}', { max: c.max })
        : t('details.policy.noLimit', 'No limit'),
      sourceOf(
        c.enabled ? ['concurrentSessions.enabled', 'concurrentSessions.max'] : ['concurrentSessions.enabled'],
      ),
    ],
    [
      t('details.policy.idle', 'Idle timeout'),
      i.enabled ? durationText(i, p) : t('details.policy.never', 'Never'),
      sourceOf(
        i.enabled
          ? ['idleTimeout.enabled', 'idleTimeout.value', 'idleTimeout.unit']
          : ['idleTimeout.enabled'],
      ),
    ],
    [
      t('details.policy.remember', 'Remember me'),
      r.allowed
        ? t('details.policy.rememberValue', 'Allowed, lasts {{days}}', {
            days: durationText(r.rememberedLifetime, p),
          })
        : t('details.policy.notAllowed', 'Not allowed'),
      sourceOf(r.allowed ? ['rememberMe.allowed', 'rememberMe.rememberedLifetime'] : ['rememberMe.allowed']),
    ],
    [
      t('details.policy.lifetime', 'Other sessions expire after'),
      durationText(r.standardLifetime, p),
      sourceOf(['rememberMe.standardLifetime']),
    ],
  ];
  return (
    <section className="sk-effective" aria-labelledby={titleId}>
      <h3 id={titleId} className="sk-effective__title">
        {t('details.policy.title', 'Effective policy')}
      </h3>
      <dl className="sk-facts">
        {rows.map(([label, value, source]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {value}
              <span className="sk-effective__source">
                {source.from === 'role'
                  ? t('details.policy.fromRole', 'From role {{role}}', { role: source.role ?? '' })
                  : t('details.policy.fromAccount', 'From the account policy')}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

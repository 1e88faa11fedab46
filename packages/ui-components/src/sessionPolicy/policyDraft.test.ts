import { DEFAULT_POLICY, type SessionPolicy } from '@sessionkit/core/browser';
import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from './policyDraft.js';

const eightHours: SessionPolicy = {
  ...structuredClone(DEFAULT_POLICY),
  rememberMe: {
    allowed: true,
    rememberedLifetime: { value: 30, unit: 'days' },
    standardLifetime: { value: 8, unit: 'hours' },
  },
};

describe('the policy form draft', () => {
  it('edits each lifetime as a number and a unit', () => {
    const draft = toDraft(eightHours);
    expect(draft).toMatchObject({
      rememberedValue: '30',
      rememberedUnit: 'days',
      standardValue: '8',
      standardUnit: 'hours',
    });
  });

  it('gives back the policy it was made from', () => {
    expect(fromDraft(toDraft(eightHours), eightHours)).toEqual(eightHours);
  });

  it('sends an emptied lifetime as not a number, for core to explain rather than a zero', () => {
    const draft = { ...toDraft(eightHours), standardValue: ' ', standardUnit: 'minutes' as const };
    const { standardLifetime } = fromDraft(draft, eightHours).rememberMe;
    expect(standardLifetime.value).toBeNaN();
    expect(standardLifetime.unit).toBe('minutes');
  });
});

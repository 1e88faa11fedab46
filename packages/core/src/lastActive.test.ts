import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from './clock.js';
import { isActiveNow, lastActiveLabel } from './lastActive.js';

const now = new Date('2026-03-02T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('lastActiveLabel', () => {
  it('reads like the sources in English', () => {
    expect(lastActiveLabel(ago(30_000), now)).toBe('Active now');
    expect(lastActiveLabel(ago(5 * MINUTE), now)).toBe('5 minutes ago');
    expect(lastActiveLabel(ago(2 * HOUR), now)).toBe('2 hours ago');
    expect(lastActiveLabel(ago(DAY + HOUR), now)).toBe('Yesterday');
    expect(lastActiveLabel(ago(3 * DAY), now)).toBe('3 days ago');
  });

  it('gives a date past a month', () => {
    expect(lastActiveLabel(ago(60 * DAY), now)).toBe('Jan 1, 2026');
  });

  it('speaks the locale it is given', () => {
    expect(lastActiveLabel(ago(2 * HOUR), now, 'de')).toBe('vor 2 Stunden');
    expect(lastActiveLabel(ago(DAY + HOUR), now, 'fr')).toBe('Hier');
    expect(lastActiveLabel(ago(10_000), now, 'de')).toBe('Jetzt');
    expect(lastActiveLabel(ago(10_000), now, 'de', 'Gerade aktiv')).toBe('Gerade aktiv');
  });

  it('keeps each locale apart when labelling many in turn', () => {
    const labels = ['en', 'de', 'fr', 'de', 'en'].map((locale) => [
      lastActiveLabel(ago(2 * HOUR), now, locale),
      lastActiveLabel(ago(60 * DAY), now, locale),
    ]);
    expect(labels).toEqual([
      ['2 hours ago', 'Jan 1, 2026'],
      ['vor 2 Stunden', '01.01.2026'],
      ['il y a 2 heures', '1 janv. 2026'],
      ['vor 2 Stunden', '01.01.2026'],
      ['2 hours ago', 'Jan 1, 2026'],
    ]);
  });

  it('accepts ISO strings and treats future times as now', () => {
    expect(lastActiveLabel(ago(5 * MINUTE).toISOString(), now)).toBe('5 minutes ago');
    expect(lastActiveLabel(new Date(now.getTime() + MINUTE), now)).toBe('Active now');
  });
});

describe('isActiveNow', () => {
  it('is true within two minutes', () => {
    expect(isActiveNow(ago(MINUTE), now)).toBe(true);
    expect(isActiveNow(ago(3 * MINUTE).toISOString(), now)).toBe(false);
  });
});

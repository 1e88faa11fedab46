import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
import { parseSessionEnded } from './browser.js';
import * as root from './index.js';

describe('the browser entry', () => {
  it('exports the same helpers as the root entry, not copies', () => {
    for (const [name, value] of Object.entries(browser)) {
      expect(root[name as keyof typeof root], name).toBe(value);
    }
  });

  it('imports no Node built-ins and no CommonJS dependencies, directly or through its modules', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8');
      for (const [, spec] of source.matchAll(/^import (?!type)[^;]*? from '([^']+)'/gm)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\//);
        visit(spec!.replace(/\.js$/, '.ts'));
      }
    };
    visit('./browser.ts');
    expect(seen.has('./device.ts')).toBe(false);
    expect(seen.has('./tokens.ts')).toBe(false);
  });
});

describe('parseSessionEnded', () => {
  it('reads the reason and the administrator’s words of a session_ended answer', () => {
    expect(
      parseSessionEnded(401, {
        error: 'session_ended',
        message: 'this session has ended',
        reason: 'force_logout',
        note: 'Lost laptop',
      }),
    ).toEqual({ reason: 'force_logout', note: 'Lost laptop' });
    expect(parseSessionEnded(401, { error: 'session_ended', reason: 'idle_timeout' })).toEqual({
      reason: 'idle_timeout',
      note: null,
    });
  });

  it('still says the session ended when the answer names no reason, or one this client does not know', () => {
    expect(parseSessionEnded(401, { error: 'session_ended' })).toEqual({ reason: 'ended', note: null });
    expect(parseSessionEnded(401, { error: 'session_ended', reason: 'moon_phase', note: '' })).toEqual({
      reason: 'moon_phase',
      note: null,
    });
  });

  it('is null for every other answer: no session, another status, a body that is not the kit’s', () => {
    expect(parseSessionEnded(401, { error: 'unauthenticated' })).toBeNull();
    expect(parseSessionEnded(403, { error: 'session_ended', reason: 'force_logout' })).toBeNull();
    expect(parseSessionEnded(undefined, { error: 'session_ended' })).toBeNull();
    expect(parseSessionEnded(401, null)).toBeNull();
    expect(parseSessionEnded(401, 'session_ended')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as browser from './browser.js';
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

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../src/exampleRun.js';
import { REPOSITORY } from '../src/publishedPackages.js';

// examples.test.ts runs examples/native from the tarballs; this keeps the README showing exactly that file.
describe('the README quick start', () => {
  it('is examples/native/app.mjs, verbatim, in under 35 lines', () => {
    const code = readFileSync(join(EXAMPLES_DIR, 'native', 'app.mjs'), 'utf8').trimEnd();
    expect(code.split('\n').length).toBeLessThan(35);
    expect(readFileSync(join(REPOSITORY, 'README.md'), 'utf8')).toContain('```js\n' + code + '\n```');
  });
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, inject, it } from 'vitest';
import type { PublishedName } from '../src/publishedPackages.js';
import { PUBLISHED, REPOSITORY, filesIn } from '../src/publishedPackages.js';

const run = promisify(execFile);
const attw = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url));

/**
 * What Are the Types Wrong checks on each package. The UI components are ESM only on purpose (they run in a
 * bundler, beside React), so their CommonJS resolutions are not asked for; their stylesheet is not a module.
 */
const ATTW_OPTIONS: Record<PublishedName, string[]> = {
  '@sessionkit/core': [],
  '@sessionkit/server-plugin': [],
  '@sessionkit/ui-components': ['--profile', 'esm-only', '--exclude-entrypoints', 'styles.css'],
};

describe.each(Object.keys(PUBLISHED) as PublishedName[])('the packed %s', (name) => {
  const tarball = () => inject('tarballs')[name];

  it('carries the MIT licence, its built code and nothing from the workspace', async () => {
    const files = await filesIn(tarball());
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(REPOSITORY, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(files).toContain('package.json');
    expect(files.some((file) => file.startsWith('dist/'))).toBe(true);
    expect(
      files.filter((file) => /(^|\/)(src|test|node_modules)\//.test(file) || file.endsWith('.tgz')),
    ).toEqual([]);
    const manifest = JSON.parse((await run('tar', ['-xzOf', tarball(), 'package/package.json'])).stdout) as {
      dependencies?: Record<string, string>;
      license?: string;
    };
    expect(manifest.license).toBe('MIT');
    // pnpm writes `workspace:*` out as the version; a tarball that kept it could not be installed.
    expect(
      Object.values(manifest.dependencies ?? {}).filter((spec) => spec.startsWith('workspace:')),
    ).toEqual([]);
  });

  it('passes publint, suggestions included', async () => {
    const { messages, pkg } = await publint({
      pack: { tarball: new Uint8Array(readFileSync(tarball())).buffer },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => formatMessage(message, pkg) ?? message.code)).toEqual([]);
  });

  it('passes Are the Types Wrong', async () => {
    const result = await run(attw, [
      tarball(),
      '--format',
      'ascii',
      '--no-color',
      ...ATTW_OPTIONS[name],
    ]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
    );
    expect(result.code, result.stdout).toBe(0);
  });
});

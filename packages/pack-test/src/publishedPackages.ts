import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** The packages a registry user installs, by name, with their folder in the workspace. */
export const PUBLISHED = {
  '@sessionkit/core': 'packages/core',
  '@sessionkit/server-plugin': 'packages/server-plugin',
  '@sessionkit/ui-components': 'packages/ui-components',
} as const;

export type PublishedName = keyof typeof PUBLISHED;
export type Tarballs = Record<PublishedName, string>;

/**
 * `pnpm pack` of each published package into `destination`, as `pnpm publish` would upload it: workspace
 * versions written out, `prepack` run (it copies the LICENSE in), only what `files` lists.
 */
export async function packPublished(destination: string): Promise<Tarballs> {
  const tarballs = {} as Tarballs;
  for (const [name, folder] of Object.entries(PUBLISHED) as [PublishedName, string][]) {
    const before = new Set(readdirSync(destination));
    await run('pnpm', ['pack', '--pack-destination', destination], { cwd: join(REPOSITORY, folder) });
    const made = readdirSync(destination).find((file) => file.endsWith('.tgz') && !before.has(file));
    if (!made) throw new Error(`pnpm pack made no tarball for ${name}`);
    tarballs[name] = join(destination, made);
  }
  return tarballs;
}

/** The paths inside a tarball, without npm's `package/` prefix. */
export async function filesIn(tarball: string): Promise<string[]> {
  const { stdout } = await run('tar', ['-tzf', tarball]);
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((path) => path.replace(/^package\//, ''));
}

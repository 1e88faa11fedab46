import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The suite runs the built demo, as `pnpm demo` does; the root test command builds it first. */
export default function setup(): void {
  const main = fileURLToPath(new URL('../dist/server/main.js', import.meta.url));
  const web = fileURLToPath(new URL('../dist/web/index.html', import.meta.url));
  if (!existsSync(main) || !existsSync(web)) {
    throw new Error(
      'The demo is not built: run `pnpm --filter @sessionkit/demo build` (or `pnpm build`) first.',
    );
  }
}

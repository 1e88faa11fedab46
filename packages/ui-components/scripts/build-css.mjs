// Inlines src/styles.css and its @imports into dist/styles.css, the one stylesheet hosts import
// (`@sessionkit/ui-components/styles.css`): no CSS tooling needed for plain concatenation.
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function inline(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/^@import '([^']+)';\s*$/gm, (_, spec) =>
    inline(join(dirname(file), spec), seen),
  );
}

const css = inline(join(root, 'src/styles.css'));
mkdirSync(join(root, 'dist'), { recursive: true });
writeFileSync(join(root, 'dist/styles.css'), css);
console.log(`styles.css ${(Buffer.byteLength(css) / 1024).toFixed(1)} kB`);

// Each published package carries the licence in its tarball: npm shows a package's own LICENSE, and the
// repository's one file stays the only copy in git (the copies are ignored).
import { copyFileSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';

copyFileSync(fileURLToPath(new URL('../LICENSE', import.meta.url)), 'LICENSE');

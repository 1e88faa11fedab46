// Fails when a source file grows past MAX_LINES: a file that long holds more than one concern, and should be
// split by concern (as createSessionKit.ts into kitOptions.ts and authenticate.ts) rather than read as a wall.
// Run by `pnpm run lint`. Tests, test tables, stories and fixtures are data and prose, not source: exempt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX_LINES = 400;

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Test files and test-only folders, stories, and generated or vendored code. */
const EXEMPT_PATTERNS = [
  /\.test\.[jt]sx?$/,
  /\.stories\.[jt]sx?$/,
  /(?:^|\/)(?:test|e2e)\//,
  /(?:^|\/)fuzzInputs\.[jt]s$/,
  /\.d\.[cm]?ts$/,
];

/** Fixture data, named one by one: a long list of records is not a file with too many concerns. */
const FIXTURES = new Set(['packages/ui-components/src/mocks/fixtures.ts']);

/**
 * Files over the limit that are being split now. Each entry is temporary: remove it with the split.
 */
const BEING_SPLIT = new Set([]);

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => SOURCE.test(file))
  .filter((file) => !EXEMPT_PATTERNS.some((pattern) => pattern.test(file)))
  .filter((file) => !FIXTURES.has(file) && !BEING_SPLIT.has(file));

/** Lines as `wc -l` and editors count them; null for a file git lists but the working tree has deleted. */
function lineCount(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

const tooLong = [];
for (const file of files) {
  const lines = lineCount(file);
  if (lines !== null && lines > MAX_LINES) tooLong.push(`  ${file}: ${lines} lines`);
}

if (tooLong.length > 0) {
  console.error(
    `check-file-sizes: ${tooLong.length} source file(s) over ${MAX_LINES} lines; split each by concern:\n${tooLong.join('\n')}`,
  );
  process.exit(1);
}

// An entry outlives its reason once the file is split: the limit then holds for it as for any other.
const stale = [...BEING_SPLIT].filter((file) => (lineCount(file) ?? 0) <= MAX_LINES);
if (stale.length > 0) {
  console.error(
    `check-file-sizes: no longer over ${MAX_LINES} lines or gone; remove from BEING_SPLIT:\n  ${stale.join('\n  ')}`,
  );
  process.exit(1);
}

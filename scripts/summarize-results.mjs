// Sums every suite's results into the one line CI reads: "N passed, N failed".
// Vitest suites leave JSON reports in <package>/test-results/; typecheck, lint and build count as one check each.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
const rows = [];

if (existsSync('.results/checks')) {
  for (const line of readFileSync('.results/checks', 'utf8').trim().split('\n')) {
    const [result, name] = line.split(' ');
    if (name === 'tests') continue; // counted from the reports below
    if (result === 'pass') passed++;
    else failed++;
    rows.push(`${name}: ${result}`);
  }
}

for (const group of ['packages', 'apps', '.']) {
  if (!existsSync(group)) continue;
  const dirs = group === '.' ? ['.'] : readdirSync(group).map((d) => join(group, d));
  for (const dir of dirs) {
    const reports = join(dir, 'test-results');
    if (!existsSync(reports)) continue;
    for (const file of readdirSync(reports).filter((f) => f.endsWith('.json'))) {
      const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
      const p = report.numPassedTests ?? 0;
      // A file that failed to load counts as a failure even when none of its tests ran. (numFailedTestSuites
      // also counts the describe blocks around failed tests, so it would count those failures twice.)
      const f = (report.numFailedTests ?? 0) + countFailedFilesWithoutFailedTests(report);
      passed += p;
      failed += f;
      rows.push(`${join(reports, file)}: ${p} passed, ${f} failed`);
    }
  }
}

function countFailedFilesWithoutFailedTests(report) {
  return (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}

if (
  existsSync('.results/checks') &&
  readFileSync('.results/checks', 'utf8').includes('fail tests') &&
  failed === 0
) {
  // The test step failed without any report saying why (a crash before reporting).
  failed++;
  rows.push('tests: failed without a report');
}

for (const row of rows) console.log(`  ${row}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// `npm test`: the type check, the unit tests, the build, the end-to-end tests and the Firefox
// build's lint (web-ext lint), in that order. Ends with one plain line "N passed, N failed" summing
// both test runners, and exits non-zero on any failure (the type check, a failed build and the
// Firefox lint count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.output/test-results';
const VITEST_JSON = `${RESULTS}/vitest.json`;
const PLAYWRIGHT_JSON = `${RESULTS}/playwright.json`;

/** @param {string} title @param {string[]} command */
function run(title, command) {
  console.log(`\n▶ ${title}: ${command.join(' ')}`);
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

/** @param {string} file */
function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

if (!run('type check', ['npx', 'tsc', '--noEmit'])) {
  totals.failed += 1;
  problems.push('the type check failed');
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const unitOk = run('unit tests', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
const vitest = readJson(VITEST_JSON);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (!unitOk && (!vitest || vitest.numFailedTests === 0)) {
  totals.failed += 1;
  problems.push('vitest did not finish (see above)');
}

if (run('build', ['npx', 'wxt', 'build'])) {
  const e2eOk = run('end-to-end tests', ['npx', 'playwright', 'test']);
  const playwright = readJson(PLAYWRIGHT_JSON);
  if (playwright) {
    totals.passed += playwright.stats.expected;
    totals.failed += playwright.stats.unexpected + playwright.stats.flaky;
    totals.skipped += playwright.stats.skipped;
  }
  if (!e2eOk && (!playwright || playwright.stats.unexpected === 0)) {
    totals.failed += 1;
    problems.push('playwright did not finish (see above)');
  }
} else {
  totals.failed += 1;
  problems.push('the build failed, so the end-to-end tests did not run');
}

if (run('Firefox build and lint', ['node', 'scripts/lint-firefox.mjs'])) {
  totals.passed += 1;
} else {
  totals.failed += 1;
  problems.push('the Firefox build or its lint failed');
}

for (const problem of problems) console.log(`✗ ${problem}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

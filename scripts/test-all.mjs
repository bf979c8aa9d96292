// `npm test`: the type check, the unit tests, both builds (the Firefox one also through Mozilla's
// linter, web-ext lint), then the end-to-end tests in Chromium and in Firefox, one browser after
// the other (on two cores, both at once would fight for them). Ends with one plain line
// "N passed, N failed" summing every runner and both browsers, and exits non-zero on any failure
// (the type check, a failed build and the Firefox lint count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const RESULTS = '.output/test-results';
const VITEST_JSON = `${RESULTS}/vitest.json`;
/** @param {string} project */
const playwrightJson = (project) => `${RESULTS}/playwright-${project}.json`;

/** @param {string} title @param {string[]} command @param {Record<string, string>} [env] added to the environment */
function run(title, command, env = {}) {
  console.log(`\n▶ ${title}: ${command.join(' ')}`);
  const result = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** @param {string} file */
function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
/** Names of the failed tests, repeated at the end so that the last lines of a long log say which. */
const failedTests = [];

/**
 * @typedef {{ title: string, file?: string, line?: number, specs?: { title: string, file: string, line: number, tests?: { status: string }[] }[], suites?: PlaywrightSuite[] }} PlaywrightSuite
 */
/**
 * Walks a Playwright JSON report's suites and collects the tests that failed or were flaky.
 * @param {{ suites?: PlaywrightSuite[] }} report @param {string} project
 */
function failedInPlaywrightReport(report, project) {
  /** @param {PlaywrightSuite} suite @param {string[]} titles */
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === 'unexpected' || test.status === 'flaky')
          failedTests.push(`${project}: ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}${test.status === 'flaky' ? ' (flaky: failed, then passed on retry)' : ''}`);
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
}

if (!run('type check', ['npx', 'tsc', '--noEmit'])) {
  totals.failed += 1;
  problems.push('the type check failed');
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const unitOk = run('unit tests', ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`], { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' });
const vitest = readJson(VITEST_JSON);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  for (const file of vitest.testResults ?? [])
    for (const test of file.assertionResults ?? [])
      if (test.status === 'failed') failedTests.push(`unit: ${file.name.replace(process.cwd() + '/', '')} › ${test.fullName}`);
}
if (!unitOk && (!vitest || vitest.numFailedTests === 0)) {
  totals.failed += 1;
  problems.push('vitest did not finish (see above)');
}

const chromiumBuilt = run('Chromium build', ['npx', 'wxt', 'build']);
if (!chromiumBuilt) {
  totals.failed += 1;
  problems.push('the Chromium build failed, so its end-to-end tests did not run');
}
// (scripts/lint-firefox.mjs builds the Firefox version first.)
const firefoxBuilt = run('Firefox build and lint', ['node', 'scripts/lint-firefox.mjs']);
if (firefoxBuilt) totals.passed += 1;
else {
  totals.failed += 1;
  problems.push('the Firefox build or its lint failed, so its end-to-end tests did not run');
}

/** @param {'chromium' | 'firefox'} project */
function endToEnd(project) {
  const json = playwrightJson(project);
  const ok = run(`end-to-end tests in ${project}`, ['npx', 'playwright', 'test', `--project=${project}`], { PLAYWRIGHT_JSON: json });
  const playwright = readJson(json);
  if (playwright) {
    totals.passed += playwright.stats.expected;
    totals.failed += playwright.stats.unexpected + playwright.stats.flaky;
    totals.skipped += playwright.stats.skipped;
    failedInPlaywrightReport(playwright, project);
  }
  if (!ok && (!playwright || playwright.stats.unexpected === 0)) {
    totals.failed += 1;
    problems.push(`playwright (${project}) did not finish (see above)`);
  }
}
if (chromiumBuilt) endToEnd('chromium');
if (firefoxBuilt) endToEnd('firefox');

for (const test of failedTests) console.log(`✗ ${test}`);
for (const problem of problems) console.log(`✗ ${problem}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

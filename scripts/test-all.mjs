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
  }
  if (!ok && (!playwright || playwright.stats.unexpected === 0)) {
    totals.failed += 1;
    problems.push(`playwright (${project}) did not finish (see above)`);
  }
}
if (chromiumBuilt) endToEnd('chromium');
if (firefoxBuilt) endToEnd('firefox');

for (const problem of problems) console.log(`✗ ${problem}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

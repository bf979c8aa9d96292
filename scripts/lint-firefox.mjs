// `npm run lint:firefox`: builds the Firefox version and runs Mozilla's linter (web-ext lint, the
// checks addons.mozilla.org runs on upload) on it. Prints every finding; exits non-zero on any error.
// Warnings are printed, not fatal: the two known ones are Preact's own `innerHTML` code path for
// `dangerouslySetInnerHTML`, which the extension never uses (see README, "Packaging").
import { spawnSync } from 'node:child_process';

const SOURCE = '.output/firefox-mv2';

const build = spawnSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('✗ the Firefox build failed');
  process.exit(1);
}
const lint = spawnSync('npx', ['web-ext', 'lint', '--source-dir', SOURCE, '--output', 'json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  console.error(lint.stdout, lint.stderr, '\n✗ web-ext lint did not produce a report');
  process.exit(1);
}
/** @type {Array<'errors' | 'warnings' | 'notices'>} */
const kinds = ['errors', 'warnings', 'notices'];
for (const kind of kinds) {
  for (const finding of report[kind]) console.log(`${kind.slice(0, -1)}: ${finding.code} ${finding.file ?? ''} ${finding.message}`);
}
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint ${SOURCE}: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors > 0 ? 1 : 0);

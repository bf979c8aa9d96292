// `node bench/compare-builds.mjs [--page FILE] [--loads N] [--wait MS] NAME=DIR [NAME=DIR ...]`:
// traces the same bench page with two or more unpacked builds of the extension (or reference
// extensions), their loads interleaved (A, B, A, B…) so that the machine's drift falls on all
// alike, and prints each build's extension script in all and its longest slice (the start bench's
// own measure, `tracedRun`), median and quartiles, the same script in the main thread's CPU time,
// and the rendering between and after its slices. This is how a change to the start is judged
// before it is kept: one bench run's five loads spread over several milliseconds; 30 interleaved
// loads per build tell apart about 0.5 ms of wall time, 16 about 0.2 ms of CPU time.
//
// Where a build marks its stages with `performance.mark('fc:…')`, the time from the first mark to
// each is printed too (median over loads), so that a patched build can say where its time goes.
// Example (docs/performance.md): build a patched copy, then
//   node bench/compare-builds.mjs --loads 16 ours=.output/chrome-mv3 patched=/tmp/patched/chrome-mv3
import { PAGES_DIR, ROOT, parseCompareArgs, quantile } from './compare-args.mjs';

process.chdir(ROOT);
const { launchWithExtension } = await import('../tests/support/chromium.mjs');
const { startStaticServer } = await import('../tests/support/static-server.mjs');
const { tracedRun, median } = await import('./browser-bench.mjs');

const { pageFile, loads, options, builds: named } = parseCompareArgs(process.argv.slice(2), {
  usage: 'node bench/compare-builds.mjs [--page FILE] [--loads N] [--wait MS] NAME=DIR [NAME=DIR ...]',
  loads: 16,
  options: { wait: '1500' },
});
const waitMs = Number.parseInt(options.wait, 10);
const builds = named.map(({ name, dir }) => ({ name, dir: /** @type {string} */ (dir) }));
const server = await startStaticServer(PAGES_DIR, 0);
const url = `${server.origin}/${pageFile}`;

/** @type {{ name: string, dir: string, browser: { context: import('@playwright/test').BrowserContext, close(): Promise<void> }, runs: any[] }[]} */
const launched = [];
try {
  for (const build of builds) launched.push({ ...build, browser: await launchWithExtension({ extensionDir: build.dir }), runs: [] });
  // One load each to warm the disk cache and V8's code cache, not counted.
  for (const build of launched) await tracedRun(build.browser.context, url, waitMs);
  for (let load = 0; load < loads; load++) {
    for (const build of load % 2 === 0 ? launched : [...launched].reverse()) {
      const trace = await tracedRun(build.browser.context, url, waitMs, { marks: true });
      build.runs.push(trace);
    }
    process.stderr.write(`\r${load + 1}/${loads} loads`);
  }
  process.stderr.write('\n');
} finally {
  for (const build of launched) await build.browser.close().catch(() => {});
  await server.close();
}

/** @param {number[]} values */
const fmt = (values) => `${median(values).toFixed(2)} ms (quartiles ${quantile(values, 0.25).toFixed(2)}…${quantile(values, 0.75).toFixed(2)})`;
console.log(`${pageFile}, ${loads} interleaved loads per build`);
for (const build of launched) {
  console.log(`${build.name.padEnd(16)} script in all ${fmt(build.runs.map((r) => r.script.totalMs))}; longest slice ${fmt(build.runs.map((r) => r.script.maxMs))}; slices ${median(build.runs.map((r) => r.script.count))}`);
  console.log(`${''.padEnd(18)}the same in the thread's own (CPU) time ${fmt(build.runs.map((r) => r.script.threadMs))}`);
  // (A style sheet added after the page is styled shows here: the restyle it causes.)
  console.log(`${''.padEnd(18)}rendering between its slices ${fmt(build.runs.map((r) => r.renderingDuring.totalMs))}; after its last ${fmt(build.runs.map((r) => r.renderingAfter.totalMs))}`);
  const names = [...new Set(build.runs.flatMap((r) => Object.keys(r.marks ?? {})))];
  for (const name of names) {
    const times = build.runs.map((r) => r.marks?.[name]).filter((t) => typeof t === 'number');
    console.log(`${''.padEnd(18)}${name.padEnd(28)} ${median(times).toFixed(2)} ms after the first mark (${times.length} loads)`);
  }
}

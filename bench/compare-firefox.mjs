// `node bench/compare-firefox.mjs [--page FILE] [--loads N] NAME=DIR|none [NAME=DIR|none ...]`:
// Firefox's side of compare-builds.mjs. Firefox has no DevTools protocol, so no traces: each build
// (an unpacked Firefox build, `.output/firefox-mv2`, or `none` for Firefox without an extension)
// gets a Firefox of its own, the same bench page is loaded in each in turn (A, B, A, B…, each load
// in a new tab), and a loop in the page (a MessageChannel that posts to itself, installed before
// the page's scripts; unlike a 0 ms timer it is not clamped to 4 ms) records the longest wait
// between its turns from the start of the page to 2.5 s after its load: the page's longest stall,
// where a long task of the extension's shows as it would to the page's own code. Prints its median
// and quartiles per build (the loop keeps the page's main thread busy: this measures stalls, not CPU time).
// This is how Firefox's cost of a change is judged (docs/performance.md:
// the settings through the background).
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { PAGES_DIR, ROOT, parseCompareArgs, quantile } from './compare-args.mjs';

process.chdir(ROOT);
const { startStaticServer } = await import('../tests/support/static-server.mjs');
const { FIREFOX_PATH } = await import('../tests/support/firefox.mjs');

const { pageFile, loads, builds } = parseCompareArgs(process.argv.slice(2), {
  usage: 'node bench/compare-firefox.mjs [--page FILE] [--loads N] NAME=DIR|none [NAME=DIR|none ...]',
  loads: 10,
  allowNone: true,
});
if (!existsSync(FIREFOX_PATH)) {
  console.error(`No Firefox at ${FIREFOX_PATH}: install it (Debian: apt-get install firefox-esr) or set FIREFOX_PATH.`);
  process.exit(2);
}

const SETTLE_MS = 2500;
const sleep = (/** @type {number} */ ms) => new Promise((done) => setTimeout(done, ms));

/** In the page, before its scripts: the longest wait between turns of a self-posting MessageChannel. */
function watchStalls() {
  const watch = { longestMs: 0, stop: false };
  Object.defineProperty(window, '__stallWatch', { value: watch });
  const channel = new MessageChannel();
  let last = performance.now();
  channel.port1.onmessage = () => {
    const now = performance.now();
    watch.longestMs = Math.max(watch.longestMs, now - last);
    last = now;
    if (!watch.stop) channel.port2.postMessage(0);
  };
  channel.port2.postMessage(0);
}

const server = await startStaticServer(PAGES_DIR, 0);
const url = `${server.origin}/${pageFile}`;
/** @type {{ name: string, browser: import('puppeteer-core').Browser, stalls: number[] }[]} */
const launched = [];
try {
  for (const build of builds) {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, defaultViewport: { width: 1280, height: 800 } });
    if (build.dir) await browser.installExtension(build.dir);
    launched.push({ name: build.name, browser, stalls: [] });
  }
  const loadOnce = async (/** @type {import('puppeteer-core').Browser} */ browser) => {
    const page = await browser.newPage();
    try {
      await page.evaluateOnNewDocument(watchStalls);
      await page.goto(url, { waitUntil: 'load' });
      await sleep(SETTLE_MS);
      return await page.evaluate(() => {
        const watch = /** @type {any} */ (window).__stallWatch;
        watch.stop = true;
        return /** @type {number} */ (watch.longestMs);
      });
    } finally {
      await page.close();
    }
  };
  // One load each to warm the disk cache and start the extension's background, not counted.
  for (const build of launched) await loadOnce(build.browser);
  for (let load = 0; load < loads; load++) {
    for (const build of load % 2 === 0 ? launched : [...launched].reverse()) build.stalls.push(await loadOnce(build.browser));
    process.stderr.write(`\r${load + 1}/${loads} loads`);
  }
  process.stderr.write('\n');
} finally {
  for (const build of launched) await build.browser.close().catch(() => {});
  await server.close();
}

console.log(`${pageFile}, Firefox, ${loads} interleaved loads per build: the page's longest stall`);
for (const build of launched) {
  const s = build.stalls;
  console.log(`${build.name.padEnd(16)} ${quantile(s, 0.5).toFixed(1)} ms (quartiles ${quantile(s, 0.25).toFixed(1)}…${quantile(s, 0.75).toFixed(1)}; runs ${Math.min(...s).toFixed(0)}…${Math.max(...s).toFixed(0)})`);
}

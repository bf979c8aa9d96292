// The same pages in Chromium and in Firefox, each with and without the extension, measured the
// same way in both: Firefox has no DevTools protocol, so nothing here uses Chromium's metrics or
// traces. What is measured instead:
//  - CPU time: the whole browser's (every process it started: the page's, the extension's, the
//    GPU's…), read from Linux's /proc/<pid>/schedstat (nanoseconds on the CPU) just before the
//    page is opened and once it has settled. "Added" is with the extension minus without.
//  - The page's longest stall: a timer in the page (installed before its own scripts) that asks to
//    run every 0 ms records the longest wait between two of its turns. A task of the extension's
//    that runs long shows here as it would to the page's own code.
//  - How many mentions were highlighted (so that a cheap run is not a run that did nothing).
//  - The first hover after load, with the extension: how long after the open delay the card is on
//    screen, seen from the page (the start bench's card watch), then a second hover on the page.
import { chromium } from '@playwright/test';
import puppeteer from 'puppeteer-core';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hoverUntilCard, installCardWatch, mentionCentre } from './start-bench.mjs';

const VIEWPORT = { width: 1280, height: 800 };
/** After the load event, the page is watched this long: long enough for the extension to finish what it does at load. */
const SETTLE_MS = 2500;
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process's parent, and its time on the CPU in ms (from schedstat's nanoseconds). */
function processTable() {
  /** @type {Map<number, { parent: number, cpuMs: number, command: string }>} */
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command is in parentheses and may hold spaces; the fields after it are plain.
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      const cpuNs = Number(readFileSync(`/proc/${name}/schedstat`, 'utf8').split(' ')[0]);
      table.set(Number(name), { parent: Number(fields[1]), cpuMs: cpuNs / 1e6, command: stat.slice(stat.indexOf('(') + 1, close) });
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

/** CPU time (ms) of `root` and all its descendants now. */
function treeCpuMs(/** @type {number} */ root) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { parent }] of table) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = /** @type {number} */ (stack.pop());
    total += table.get(pid)?.cpuMs ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Installed in every page before its own scripts: the longest wait between turns of a 0 ms timer, until stopped. */
function installStallWatch() {
  const watch = { longestMs: 0, turns: 0, stop: false };
  Object.defineProperty(window, '__benchStall', { value: watch });
  let last = performance.now();
  const turn = () => {
    const now = performance.now();
    watch.longestMs = Math.max(watch.longestMs, now - last);
    watch.turns++;
    last = now;
    if (!watch.stop) setTimeout(turn, 0);
  };
  setTimeout(turn, 0);
}

function countHighlights() {
  let count = 0;
  for (const [name, highlight] of /** @type {Map<string, Set<unknown>>} */ (/** @type {unknown} */ (CSS.highlights))) {
    if (name.startsWith('fact-context-')) count += highlight.size;
  }
  return count;
}

/**
 * One browser, as the bench drives it: new tabs with the stall watch, and the CPU time of its
 * whole process tree.
 * @typedef {{ name: string, version: string, rootPid: number, newTab(options?: { cardWatch?: boolean }): Promise<BenchTab>, close(): Promise<void> }} BenchBrowser
 * @typedef {{ goto(url: string): Promise<void>, evaluate<T>(fn: (arg: any) => T, arg?: any): Promise<T>, movePointer(x: number, y: number): Promise<void>, close(): Promise<void> }} BenchTab
 */

/** The Chromium main process (no `--type=`: not a renderer, GPU or utility process) using this profile folder. */
function chromiumMainFor(/** @type {string} */ profile) {
  for (const [pid, { command }] of processTable()) {
    if (!command.startsWith('chromium') && !command.startsWith('chrome')) continue;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!args.some((arg) => arg.startsWith('--type=')) && args.some((arg) => arg.includes(profile))) return pid;
    } catch {
      // gone
    }
  }
  throw new Error(`no Chromium main process found for the profile ${profile}`);
}

/**
 * @param {{ chromiumPath: string, chromiumArgs: (dir?: string) => string[], extensionDir?: string }} options
 * @returns {Promise<BenchBrowser>}
 */
async function launchChromium({ chromiumPath, chromiumArgs, extensionDir }) {
  const profile = mkdtempSync(join(tmpdir(), 'fact-context-xbench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: chromiumArgs(extensionDir), viewport: VIEWPORT });
  const rootPid = chromiumMainFor(profile);
  await context.addInitScript(installStallWatch);
  const probe = await context.newPage();
  const version = await probe.evaluate(() => navigator.userAgent.match(/Chrome\/([\d.]+)/)?.[1] ?? '');
  await probe.close();
  return {
    name: 'Chromium',
    version,
    rootPid,
    async newTab({ cardWatch = false } = {}) {
      const page = await context.newPage();
      if (cardWatch) await page.addInitScript(installCardWatch);
      return {
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        movePointer: (x, y) => page.mouse.move(x, y),
        close: () => page.close(),
      };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * @param {{ firefoxPath: string, extensionDir?: string }} options
 * @returns {Promise<BenchBrowser>}
 */
async function launchFirefox({ firefoxPath, extensionDir }) {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath, headless: true, defaultViewport: VIEWPORT });
  if (extensionDir) await browser.installExtension(extensionDir);
  const pid = browser.process()?.pid;
  if (!pid) throw new Error('Firefox started without a process id');
  const version = (await browser.version()).replace(/^firefox\//i, '');
  return {
    name: 'Firefox',
    version,
    rootPid: pid,
    async newTab({ cardWatch = false } = {}) {
      const page = await browser.newPage();
      await page.setViewport(VIEWPORT);
      await page.evaluateOnNewDocument(installStallWatch);
      if (cardWatch) await page.evaluateOnNewDocument(installCardWatch);
      return {
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        evaluate: (fn, arg) => /** @type {Promise<any>} */ (page.evaluate(fn, arg)),
        movePointer: (x, y) => page.mouse.move(x, y),
        close: () => page.close(),
      };
    },
    close: () => browser.close(),
  };
}

/** Opens `url` in a new tab and measures the browser's CPU time and the page's longest stall until it settles. */
async function loadRun(/** @type {BenchBrowser} */ browser, /** @type {string} */ url) {
  const tab = await browser.newTab();
  try {
    const cpu0 = treeCpuMs(browser.rootPid);
    await tab.goto(url);
    await sleep(SETTLE_MS);
    const cpu1 = treeCpuMs(browser.rootPid);
    const stall = await tab.evaluate(() => {
      const watch = /** @type {any} */ (window).__benchStall;
      watch.stop = true;
      return { longestMs: watch.longestMs, turns: watch.turns };
    });
    return { cpuMs: cpu1 - cpu0, longestStallMs: stall.longestMs, highlighted: await tab.evaluate(countHighlights) };
  } finally {
    await tab.close();
    await sleep(300); // the closed tab's process winds down before the next run is measured
  }
}

/** The feed page: the CPU time of appending one chunk of `chunk` paragraphs at `initial` and again at `large` paragraphs. */
async function feedRun(/** @type {BenchBrowser} */ browser, /** @type {string} */ url, /** @type {{ initial: number, chunk: number, large: number }} */ feed) {
  const tab = await browser.newTab();
  try {
    await tab.goto(url);
    await sleep(SETTLE_MS);
    const measure = async () => {
      const cpu0 = treeCpuMs(browser.rootPid);
      await tab.evaluate((n) => /** @type {any} */ (window).appendChunk(n), feed.chunk);
      await sleep(1000);
      return { cpuMs: treeCpuMs(browser.rootPid) - cpu0, highlighted: await tab.evaluate(countHighlights) };
    };
    const small = await measure();
    await tab.evaluate((n) => /** @type {any} */ (window).appendChunk(n), feed.large - feed.initial - feed.chunk);
    await sleep(SETTLE_MS);
    const big = await measure();
    return { small, big };
  } finally {
    await tab.close();
    await sleep(300);
  }
}

/** The first hover after a fresh load of `url` (the card's module not loaded yet), then a second one on another mention. */
async function hoverRun(/** @type {BenchBrowser} */ browser, /** @type {string} */ url, /** @type {number} */ expected) {
  const tab = await browser.newTab({ cardWatch: true });
  try {
    await tab.movePointer(1, 1);
    await tab.goto(url);
    for (let tries = 0; tries < 150 && (await tab.evaluate(countHighlights)) < expected; tries++) await sleep(20);
    await sleep(500);
    const first = await tab.evaluate(mentionCentre, 0);
    if (!first) throw new Error(`first hover (${browser.name}): no highlighted mention on ${url}`);
    await sleep(300); // the pointer's position is reported again after the scroll
    const cold = await hoverUntilCard(tab, first);
    await tab.movePointer(1, 1);
    await sleep(1000); // the card closes after its grace period
    const second = await tab.evaluate(mentionCentre, 1);
    if (!second) throw new Error(`first hover (${browser.name}): fewer than 2 highlighted mentions on ${url}`);
    await sleep(300);
    const warm = await hoverUntilCard(tab, second);
    return { cold, warm };
  } finally {
    await tab.close();
    await sleep(300);
  }
}

/**
 * Runs every case in both browsers, with and without the extension, runs alternating.
 * @param {{ origin: string, cases: { id: string, file: string, expected: number }[], feed: { file: string, initial: number, chunk: number, large: number }, hover: { file: string, expected: number },
 *   runs: number, chromiumPath: string, chromiumArgs: (dir?: string) => string[], chromiumExtensionDir: string,
 *   firefoxPath: string, firefoxExtensionDir: string, log: (line: string) => void }} options
 */
export async function runCrossBrowserBench(options) {
  const { origin, cases, feed, hover, runs, log } = options;
  /** @type {Record<string, any>} */
  const engines = {};
  const launchers = [
    ['chromium', (/** @type {string | undefined} */ extensionDir) => launchChromium({ chromiumPath: options.chromiumPath, chromiumArgs: options.chromiumArgs, extensionDir })],
    ['firefox', (/** @type {string | undefined} */ extensionDir) => launchFirefox({ firefoxPath: options.firefoxPath, extensionDir })],
  ];
  for (const [engine, launch] of /** @type {[string, (dir?: string) => Promise<BenchBrowser>][]} */ (launchers)) {
    const withExtension = await launch(engine === 'chromium' ? options.chromiumExtensionDir : options.firefoxExtensionDir);
    const without = await launch(undefined);
    try {
      // Warm both up (first navigation, process start-up) before measuring anything.
      for (const browser of [withExtension, without]) await loadRun(browser, `${origin}/${cases[0].file}`);
      /** @type {Record<string, any>} */
      const pages = {};
      for (const c of cases) {
        const withRuns = [];
        const withoutRuns = [];
        for (let r = 0; r < runs; r++) {
          const w = await loadRun(withExtension, `${origin}/${c.file}`);
          const wo = await loadRun(without, `${origin}/${c.file}`);
          withRuns.push(w);
          withoutRuns.push(wo);
          log(`  ${withExtension.name} ${c.id} run ${r + 1}/${runs}: CPU +${(w.cpuMs - wo.cpuMs).toFixed(1)} ms (${w.cpuMs.toFixed(0)} vs ${wo.cpuMs.toFixed(0)}), longest stall ${w.longestStallMs.toFixed(0)} vs ${wo.longestStallMs.toFixed(0)} ms, highlighted ${w.highlighted}`);
        }
        pages[c.id] = { file: c.file, expected: c.expected, with: withRuns, without: withoutRuns };
      }
      const feedRuns = { with: /** @type {any[]} */ ([]), without: /** @type {any[]} */ ([]) };
      for (let r = 0; r < runs; r++) {
        const w = await feedRun(withExtension, `${origin}/${feed.file}`, feed);
        const wo = await feedRun(without, `${origin}/${feed.file}`, feed);
        feedRuns.with.push(w);
        feedRuns.without.push(wo);
        log(`  ${withExtension.name} feed run ${r + 1}/${runs}: chunk at ${feed.initial}: CPU +${(w.small.cpuMs - wo.small.cpuMs).toFixed(1)} ms, at ${feed.large}: +${(w.big.cpuMs - wo.big.cpuMs).toFixed(1)} ms`);
      }
      const hoverRuns = [];
      for (let r = 0; r < runs; r++) {
        const run = await hoverRun(withExtension, `${origin}/${hover.file}`, hover.expected);
        hoverRuns.push(run);
        log(`  ${withExtension.name} first hover, run ${r + 1}/${runs}: card on screen ${run.cold.toFixed(1)} ms after the open delay (second hover ${run.warm.toFixed(1)} ms)`);
      }
      engines[engine] = { name: withExtension.name, version: withExtension.version, pages, feed: feedRuns, hover: hoverRuns };
    } finally {
      await withExtension.close().catch(() => {});
      await without.close().catch(() => {});
    }
  }
  return engines;
}

// What every page pays for the extension, what its first card costs, and the memory it holds, in
// real Chromium through the DevTools protocol (Firefox has none: the cross-browser bench covers it
// by CPU time):
// - the start on an ordinary 8 KB article, traced run by run: the extension's script time in all
//   and its longest slice, and the same on a site the reader turned it off for;
// - the first hover after load: how long after the open delay the card is on screen, with the
//   card's module not loaded before the pointer arrived, against a second hover on the same page,
//   and a third once the extension's service worker has been stopped;
// - the JS heap it adds to the page's renderer (after garbage collection, with vs. without the
//   extension), and the Range objects it holds, on each page and after the whole page is read;
//   and whether either grows once a page has stopped changing (after a mutation storm, after 100
//   feed chunks).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askForWholePage, countHighlights, openTab, settle, sleep, tracedRun } from './browser-bench.mjs';

/** The open delay (extension/page-reader.ts): the card opens this long after the pointer rests. */
const OPEN_DELAY_MS = 400;
/** How long a page that stopped changing is watched for growth. */
const IDLE_WATCH_MS = 5000;

/**
 * The heap of the page's renderer (its isolate: the page's world and the extension's isolated
 * world together) after a full garbage collection, in bytes.
 * @param {import('@playwright/test').CDPSession} cdp
 */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * What the page holds now: the renderer's heap after GC, the Range objects in the extension's
 * world (NaN without the extension) and the ranges highlighted.
 * @param {import('@playwright/test').Page} page @param {import('@playwright/test').CDPSession} cdp
 * @param {{ ranges(): Promise<number> }} worlds @param {boolean} extension
 */
async function memorySnapshot(page, cdp, worlds, extension) {
  return { heap: await heapAfterGc(cdp), ranges: extension ? await worlds.ranges() : NaN, highlighted: await page.evaluate(countHighlights) };
}

/**
 * Follows the execution contexts of a tab's main frame, to find the extension's isolated world.
 * Must be set up before navigating.
 * @param {import('@playwright/test').CDPSession} cdp
 */
async function watchIsolatedWorlds(cdp) {
  /** @type {{ id: number, name: string, frameId: string, type: string }[]} */
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push({ id: context.id, name: context.name, frameId: context.auxData?.frameId ?? '', type: context.auxData?.type ?? '' }));
  cdp.on('Runtime.executionContextsCleared', () => contexts.splice(0));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  return {
    /** The number of Range objects alive in the extension's isolated world of the main frame (after a GC), or NaN if it has none. */
    async ranges() {
      const world = contexts.find((c) => c.type === 'isolated' && c.name === 'Fact Context' && c.frameId === frameTree.frame.id);
      if (!world) return NaN;
      await cdp.send('HeapProfiler.collectGarbage');
      const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'Range.prototype', contextId: world.id });
      const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: /** @type {string} */ (prototype.objectId) });
      const { result } = await cdp.send('Runtime.callFunctionOn', { objectId: objects.objectId, functionDeclaration: 'function () { return this.length; }', returnByValue: true });
      await cdp.send('Runtime.releaseObjectGroup', { objectGroup: '' }).catch(() => {});
      return /** @type {number} */ (result.value);
    },
  };
}

/**
 * Sets the extension's stored settings (as the options page would) from its service worker;
 * `undefined` removes them (the defaults apply).
 * @param {import('@playwright/test').BrowserContext} context @param {unknown} settings
 */
async function storeSettings(context, settings) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (value) => {
    // @ts-ignore: the extension API inside the service worker
    if (value === undefined) await chrome.storage.sync.remove('settings');
    // @ts-ignore
    else await chrome.storage.sync.set({ settings: value });
  }, settings);
}

/**
 * Stores what the options page stores for pages when a pack is added (extension/pack-store.ts:
 * `packMatcher`, then `packPage`); `undefined` removes them (no pack).
 * @param {import('@playwright/test').BrowserContext} context @param {{ packPage: unknown, packMatcher: unknown } | undefined} stored
 */
async function storePack(context, stored) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (value) => {
    // @ts-ignore: the extension API inside the service worker
    if (value === undefined) await chrome.storage.local.remove(['packPage', 'packMatcher']);
    // @ts-ignore
    else await chrome.storage.local.set(value);
  }, stored);
}

/**
 * In the page: scrolls the `index`-th highlighted mention (in document order) into the middle of
 * the viewport and returns its centre, in viewport coordinates.
 * @param {number} index
 */
export function mentionCentre(index) {
  /** @type {Range[]} */
  const ranges = [];
  for (const [name, highlight] of /** @type {Map<string, Set<Range>>} */ (/** @type {unknown} */ (CSS.highlights))) {
    if (!name.startsWith('fact-context-') || name.startsWith('fact-context-current')) continue;
    ranges.push(...highlight);
  }
  ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
  const range = ranges[index];
  if (!range) return undefined;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
  const box = range.getClientRects()[0];
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

/**
 * In the page, before its own scripts: records when the pointer last moved, and when the card was
 * first on screen after that (the first animation frame in which the extension's popover is open
 * with its dialog inside).
 */
export function installCardWatch() {
  const state = { movedAt: 0, shownAt: 0 };
  Object.defineProperty(window, '__benchCard', { value: state });
  addEventListener('pointermove', () => {
    state.movedAt = performance.now();
    state.shownAt = 0;
  }, { capture: true, passive: true });
  const frame = () => {
    if (state.movedAt && !state.shownAt) {
      for (const element of document.body?.children ?? []) {
        if (element.localName.startsWith('fact-context-popover-') && element.matches(':popover-open') && element.shadowRoot?.querySelector('[role="dialog"]')) {
          state.shownAt = performance.now();
          break;
        }
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * @typedef {{ movePointer(x: number, y: number): Promise<void>, evaluate<T>(fn: () => T): Promise<T> }} PointerTab
 * What a hover needs of a tab: the cross-browser bench's tabs are such, a Playwright page is made one by `pointerTab`.
 */
/** @param {import('@playwright/test').Page} page @returns {PointerTab} */
const pointerTab = (page) => ({ movePointer: (x, y) => page.mouse.move(x, y), evaluate: (fn) => page.evaluate(fn) });

/**
 * Rests the pointer on a mention and returns how long after the open delay the card was on
 * screen (ms), or NaN if it did not open within 5 s.
 * @param {PointerTab} tab @param {{ x: number, y: number }} point
 */
export async function hoverUntilCard(tab, point) {
  await tab.movePointer(point.x, point.y);
  const started = performance.now();
  for (;;) {
    const state = await tab.evaluate(() => /** @type {{ movedAt: number, shownAt: number }} */ (/** @type {any} */ (window).__benchCard));
    if (state.shownAt) return state.shownAt - state.movedAt - OPEN_DELAY_MS;
    if (performance.now() - started > 5000) return NaN;
    await sleep(20);
  }
}

/**
 * The first hover on a freshly loaded page (cold: the card's module not loaded yet), then a second
 * one on another mention of the same page (warm), the pointer having left in between.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url @param {number} expected
 */
async function firstHoverRun(context, url, expected) {
  const { page, cdp } = await openTab(context);
  /** @type {number[]} */
  const cardRequests = [];
  const onRequest = (/** @type {import('@playwright/test').Request} */ request) => {
    if (request.url().endsWith('/card.js')) cardRequests.push(performance.now());
  };
  context.on('request', onRequest);
  try {
    await page.addInitScript(installCardWatch);
    await page.mouse.move(1, 1);
    await page.goto(url, { waitUntil: 'load' });
    await settle(page, cdp, { expected, minMs: 500 });
    const first = await page.evaluate(mentionCentre, 0);
    if (!first) throw new Error(`first hover: no highlighted mention on ${url}`);
    const loadedBeforePointer = cardRequests.length > 0;
    const cold = await hoverUntilCard(pointerTab(page), first);
    await page.mouse.move(1, 1);
    await sleep(1000); // the card closes after its grace period
    const second = await page.evaluate(mentionCentre, 1);
    if (!second) throw new Error(`first hover: fewer than 2 highlighted mentions on ${url}`);
    await sleep(300); // the pointer's position is reported again after the scroll
    const warm = await hoverUntilCard(pointerTab(page), second);
    // The extension's service worker stopped (Chromium stops an idle one after about 30 s): the
    // answers are asked for when the pointer rests, and the worker starts again to choose them.
    await page.mouse.move(1, 1);
    await sleep(1000);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const workers = targetInfos.filter((target) => target.type === 'service_worker' && target.url.startsWith('chrome-extension://'));
    for (const worker of workers) await cdp.send('Target.closeTarget', { targetId: worker.targetId });
    await sleep(500);
    const third = await page.evaluate(mentionCentre, 2);
    await sleep(300);
    const workerStopped = third && workers.length > 0 ? await hoverUntilCard(pointerTab(page), third) : NaN;
    return { cold, warm, workerStopped, loadedBeforePointer, cardRequests: cardRequests.length };
  } finally {
    context.off('request', onRequest);
    await page.close();
  }
}

/**
 * Waits until the extension's background has read the organisation's policy once: the copy it
 * keeps of it is stored (extension/managed-policy.ts). A Chromium just started answers the policy
 * seconds late (2.9 s alone on this machine, 33 s in this bench's browser), and until then the
 * cards of a profile's first session wait for it. Returns how long it waited (ms), or NaN if the
 * copy was not there after 90 s (the caller goes on: its hovers then show the wait).
 * @param {import('@playwright/test').BrowserContext} context
 */
async function untilPolicyRead(context) {
  const started = performance.now();
  while (performance.now() - started < 90_000) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 5000 }).catch(() => undefined));
    // @ts-ignore: the extension API inside the service worker
    const copy = await worker?.evaluate(async () => (await chrome.storage.local.get('managedPolicyCopy')).managedPolicyCopy).catch(() => undefined);
    if (copy !== undefined) return performance.now() - started;
    await sleep(250);
  }
  return NaN;
}

/**
 * The first hover on a tab the browser restores as it starts: the browser is closed and started
 * again on the same profile, the article opened at once, and its first mention hovered as soon as
 * it is highlighted. Chromium answers the organisation's policy (storage.managed) only seconds
 * after it starts, and the card's answers used to wait for it (extension/managed-policy.ts). A
 * first start on the profile, left running until the extension has read the policy once, comes
 * before the measured ones.
 * @param {(profile: string) => Promise<import('@playwright/test').BrowserContext>} launch a browser with the extension on this profile
 * @param {string} url @param {number} runs @param {(line: string) => void} log
 * @returns {Promise<{ cold: number, sinceLaunchMs: number }[]>}
 */
export async function restartHoverRuns(launch, url, runs, log) {
  const profile = mkdtempSync(join(tmpdir(), 'fact-context-restart-'));
  /** @type {{ cold: number, sinceLaunchMs: number }[]} */
  const results = [];
  try {
    for (let r = 0; r <= runs; r++) {
      const launched = performance.now();
      const context = await launch(profile);
      try {
        await context.addInitScript(installCardWatch);
        const page = await context.newPage();
        await page.mouse.move(1, 1);
        await page.goto(url, { waitUntil: 'load' });
        /** @type {{ x: number, y: number } | undefined} */
        let point;
        for (let tries = 0; tries < 250 && !point; tries++) {
          point = await page.evaluate(mentionCentre, 0);
          if (!point) await sleep(20);
        }
        if (!point) throw new Error(`hover after a restart: no highlighted mention on ${url}`);
        const sinceLaunchMs = performance.now() - launched;
        const cold = await hoverUntilCard(pointerTab(page), point);
        if (r === 0) await untilPolicyRead(context); // the first start on the profile: the extension reads the policy once
        else {
          results.push({ cold, sinceLaunchMs });
          log(`  first hover after a browser restart, run ${r}/${runs}: hovered ${sinceLaunchMs.toFixed(0)} ms after the launch, card on screen ${cold.toFixed(1)} ms after the open delay`);
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

/**
 * Loads a page and settles; returns the renderer's heap after GC and the extension's Range count
 * (NaN without the extension), and, with `wholePage`, the same once the whole page has been read.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url
 * @param {{ expected: number, wholePage?: boolean, extension: boolean }} options
 */
async function memoryRun(context, url, { expected, wholePage, extension }) {
  const { page, cdp } = await openTab(context);
  try {
    const worlds = await watchIsolatedWorlds(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await settle(page, cdp, { expected, minMs: 800 });
    const atLoad = await memorySnapshot(page, cdp, worlds, extension);
    let whole;
    if (wholePage) {
      if (extension) await askForWholePage(context, page);
      await settle(page, cdp, { expected, minMs: 300 });
      whole = await memorySnapshot(page, cdp, worlds, extension);
    }
    return { atLoad, whole };
  } finally {
    await page.close();
  }
}

/**
 * A page that changes a lot, then stops: the heap and the Range count just after it stopped
 * (once the extension caught up) and `IDLE_WATCH_MS` later.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url
 * @param {{ expected: number, change: (page: import('@playwright/test').Page) => Promise<unknown>, catchUpMs: number, extension: boolean }} options
 */
async function growthRun(context, url, { expected, change, catchUpMs, extension }) {
  const { page, cdp } = await openTab(context);
  try {
    const worlds = await watchIsolatedWorlds(cdp);
    await page.goto(url, { waitUntil: 'load' });
    await settle(page, cdp, { expected, minMs: 800 });
    const before = await memorySnapshot(page, cdp, worlds, extension);
    await change(page);
    await sleep(catchUpMs);
    const stopped = await memorySnapshot(page, cdp, worlds, extension);
    await sleep(IDLE_WATCH_MS);
    const later = await memorySnapshot(page, cdp, worlds, extension);
    return { before, stopped, later };
  } finally {
    await page.close();
  }
}

/**
 * `withSettingsScript` and `withReaderScript` are references (bench/reference-extensions.mjs),
 * traced on the article in the same runs as ours: a content script that only reads the settings
 * and adopts a style sheet, and the least a reader does at load.
 *
 * @param {{
 *   origin: string,
 *   withExtension: import('@playwright/test').BrowserContext,
 *   withSettingsScript: import('@playwright/test').BrowserContext,
 *   withReaderScript: import('@playwright/test').BrowserContext,
 *   plain: import('@playwright/test').BrowserContext,
 *   article: { file: string, expected: number },
 *   memoryCases: { id: string, file: string, expected: number, wholePage?: boolean }[],
 *   storm: { file: string, expected: number, durationMs: number, catchUpMs: number },
 *   feed: { file: string, initial: number, mentionsAt: (paragraphs: number) => number, chunks: number, chunk: number },
 *   pack?: { terms: number, stored: { packPage: unknown, packMatcher: unknown } },
 *   runs: number,
 *   log: (line: string) => void,
 * }} options
 */
export async function runStartBench({ origin, withExtension, withSettingsScript, withReaderScript, plain, article, memoryCases, storm, feed, pack, runs, log }) {
  const articleUrl = `${origin}/${article.file}`;

  // 1. The start on the article, traced run by run; then on a site turned off.
  /** @type {{ totalMs: number, threadMs: number, maxMs: number, slices: number[] }[]} */
  const start = [];
  /** @type {number[]} */
  const settingsReference = [];
  /** @type {number[]} */
  const readerReference = [];
  /** @type {number[]} */
  const readerReferenceThread = [];
  for (let r = 0; r < runs; r++) {
    const trace = await tracedRun(withExtension, articleUrl, 1500);
    start.push({ totalMs: trace.script.totalMs, threadMs: trace.script.threadMs, maxMs: trace.script.maxMs, slices: trace.script.slices });
    const reference = await tracedRun(withSettingsScript, articleUrl, 1500);
    settingsReference.push(reference.script.totalMs);
    const least = await tracedRun(withReaderScript, articleUrl, 1500);
    readerReference.push(least.script.totalMs);
    readerReferenceThread.push(least.script.threadMs);
    log(`  start on the article, run ${r + 1}/${runs}: ${trace.script.count} slices, ${trace.script.totalMs.toFixed(1)} ms in all, longest ${trace.script.maxMs.toFixed(1)} ms (${trace.script.slices.join(', ')}); a script that only reads the settings and adopts a sheet: ${reference.script.totalMs.toFixed(1)} ms; the least reader: ${least.script.totalMs.toFixed(1)} ms`);
  }
  const host = new URL(origin).hostname;
  await storeSettings(withExtension, { version: 1, enabled: true, topics: {}, siteMode: 'all-except', sites: [{ host, includeSubdomains: false }], density: 'all' });
  /** @type {{ totalMs: number, maxMs: number, slices: number[] }[]} */
  const off = [];
  let offPage = { highlights: NaN, sheets: NaN };
  try {
    for (let r = 0; r < runs; r++) {
      const trace = await tracedRun(withExtension, articleUrl, 1500);
      off.push({ totalMs: trace.script.totalMs, maxMs: trace.script.maxMs, slices: trace.script.slices });
      log(`  start on the article, site turned off, run ${r + 1}/${runs}: ${trace.script.count} slices, ${trace.script.totalMs.toFixed(1)} ms in all`);
    }
    // And that it is really off: no highlight, no style sheet of ours on the page.
    const { page } = await openTab(withExtension);
    await page.goto(articleUrl, { waitUntil: 'load' });
    await sleep(1500);
    offPage = await page.evaluate(() => ({ highlights: CSS.highlights.size, sheets: document.adoptedStyleSheets.length }));
    await page.close();
    log(`  site turned off: ${offPage.highlights} highlights registered, ${offPage.sheets} adopted style sheets`);
  } finally {
    await storeSettings(withExtension, undefined);
  }

  // 1b. The same start with a large topic pack installed (none of its terms is on the article: the
  // page reader still builds its matcher with them, and the content script reads what pages need
  // of the pack at every start).
  /** @type {{ totalMs: number, maxMs: number, slices: number[] }[]} */
  const withPack = [];
  let withPackHighlighted = NaN;
  if (pack) {
    await storePack(withExtension, pack.stored);
    try {
      for (let r = 0; r < runs; r++) {
        const trace = await tracedRun(withExtension, articleUrl, 1500);
        withPack.push({ totalMs: trace.script.totalMs, maxMs: trace.script.maxMs, slices: trace.script.slices });
        log(`  start on the article with a ${pack.terms}-term pack, run ${r + 1}/${runs}: ${trace.script.count} slices, ${trace.script.totalMs.toFixed(1)} ms in all, longest ${trace.script.maxMs.toFixed(1)} ms`);
      }
      const { page } = await openTab(withExtension);
      await page.goto(articleUrl, { waitUntil: 'load' });
      await sleep(1500);
      withPackHighlighted = await page.evaluate(countHighlights);
      await page.close();
    } finally {
      await storePack(withExtension, undefined);
    }
  }

  // 2. The first hover after load, and a second one.
  /** @type {Awaited<ReturnType<typeof firstHoverRun>>[]} */
  const hover = [];
  for (let r = 0; r < runs; r++) {
    const run = await firstHoverRun(withExtension, articleUrl, article.expected);
    hover.push(run);
    log(`  first hover, run ${r + 1}/${runs}: card on screen ${run.cold.toFixed(1)} ms after the open delay (second hover ${run.warm.toFixed(1)} ms, after the service worker was stopped ${run.workerStopped.toFixed(1)} ms); card.js loaded before the pointer arrived: ${run.loadedBeforePointer ? 'yes' : 'no'}`);
  }

  // 3. Memory on each page, with and without the extension.
  /** @type {Record<string, { with: any[], without: any[] }>} */
  const memory = {};
  for (const c of memoryCases) {
    memory[c.id] = { with: [], without: [] };
    for (let r = 0; r < runs; r++) {
      const w = await memoryRun(withExtension, `${origin}/${c.file}`, { ...c, extension: true });
      const wo = await memoryRun(plain, `${origin}/${c.file}`, { ...c, extension: false });
      memory[c.id].with.push(w);
      memory[c.id].without.push(wo);
      const whole = w.whole && wo.whole ? `; whole page read: +${((w.whole.heap - wo.whole.heap) / 1024).toFixed(0)} KB, ${w.whole.ranges} ranges` : '';
      log(`  memory, ${c.id}, run ${r + 1}/${runs}: heap +${((w.atLoad.heap - wo.atLoad.heap) / 1024).toFixed(0)} KB (${(w.atLoad.heap / 1024 / 1024).toFixed(2)} vs ${(wo.atLoad.heap / 1024 / 1024).toFixed(2)} MB), ${w.atLoad.ranges} ranges, ${w.atLoad.highlighted} highlighted${whole}`);
    }
  }

  // 4. Growth once a page stops changing: after the storm, after 100 feed chunks.
  const stormChange = (/** @type {import('@playwright/test').Page} */ page) => page.evaluate((ms) => /** @type {any} */ (window).storm(ms), storm.durationMs);
  const feedChange = async (/** @type {import('@playwright/test').Page} */ page) => {
    for (let i = 0; i < feed.chunks; i++) {
      await page.evaluate((n) => /** @type {any} */ (window).appendChunk(n), feed.chunk);
      await sleep(50);
    }
  };
  /** @type {Record<string, { with: any[], without: any[] }>} */
  const growth = { storm: { with: [], without: [] }, feed: { with: [], without: [] } };
  const growthCases = /** @type {const} */ ([
    ['storm', `${origin}/${storm.file}`, storm.expected, stormChange],
    ['feed', `${origin}/${feed.file}`, feed.mentionsAt(feed.initial), feedChange],
  ]);
  for (const [id, url, expected, change] of growthCases) {
    for (let r = 0; r < runs; r++) {
      const w = await growthRun(withExtension, url, { expected, change, catchUpMs: storm.catchUpMs, extension: true });
      const wo = await growthRun(plain, url, { expected, change, catchUpMs: storm.catchUpMs, extension: false });
      growth[id].with.push(w);
      growth[id].without.push(wo);
      log(`  growth, ${id}, run ${r + 1}/${runs}: heap added +${((w.stopped.heap - wo.stopped.heap) / 1024).toFixed(0)} KB when it stopped, ${IDLE_WATCH_MS / 1000} s later its own growth ${((w.later.heap - w.stopped.heap) / 1024).toFixed(0)} KB (without: ${((wo.later.heap - wo.stopped.heap) / 1024).toFixed(0)} KB); ranges ${w.before.ranges} -> ${w.stopped.ranges} -> ${w.later.ranges}, highlighted ${w.stopped.highlighted}`);
    }
  }

  return { start, settingsReference, readerReference, readerReferenceThread, off, offPage, withPack, withPackHighlighted, hover, memory, growth, idleWatchMs: IDLE_WATCH_MS };
}

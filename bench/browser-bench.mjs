// Page measurements in real Chromium: the same page loaded without and with the built extension,
// read through the DevTools protocol (Performance.getMetrics), a long-task observer and, once per
// case, a trace that attributes main-thread tasks to the extension's script.
//
// Nothing here depends on the content script's internals: only on the names of its entries in the
// page's CSS.highlights registry ("fact-context-<topic>").
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POLL_MS = 100;
/** A window of this length with less main-thread time than QUIET_MS counts as quiet. */
const QUIET_WINDOW_MS = 500;
const QUIET_MS = 6;
export const VIEWPORT = { width: 1280, height: 800 };

export const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (/** @type {number[]} */ values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Installed in every page before its own scripts: collects long tasks (≥ 50 ms) from the start. */
function installLongTaskObserver() {
  /** @type {{ start: number, duration: number }[]} */
  const tasks = [];
  Object.defineProperty(window, '__benchLongTasks', { value: tasks });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support: the lists stay empty
  }
}

/** Total number of ranges in the page's fact-context-* highlights. */
export function countHighlights() {
  let count = 0;
  for (const [name, highlight] of /** @type {Map<string, Set<unknown>>} */ (/** @type {unknown} */ (CSS.highlights))) {
    if (name.startsWith('fact-context-')) count += highlight.size;
  }
  return count;
}

/**
 * What a reader sees near the viewport: the mentions within a screen above or below it (the page's
 * own count, by `phrases`, a regex source of the phrases the generator placed), how many of our
 * highlighted ranges lie there, and how many there are in all. The extension reads a long page
 * near the viewport first (page/reading-plan.ts), so "in reach" is the part it must have read.
 * @param {string} phrases
 */
function reachCounts(phrases) {
  const band = { top: -innerHeight, bottom: 2 * innerHeight };
  const inBand = (/** @type {DOMRect} */ r) => (r.width > 0 || r.height > 0) && r.bottom > band.top && r.top < band.bottom;
  let highlighted = 0;
  let highlightedInReach = 0;
  for (const [name, highlight] of /** @type {Map<string, Set<Range>>} */ (/** @type {unknown} */ (CSS.highlights))) {
    if (!name.startsWith('fact-context-') || name.startsWith('fact-context-current')) continue;
    for (const range of highlight) {
      highlighted++;
      if (inBand(range.getBoundingClientRect())) highlightedInReach++;
    }
  }
  const pattern = new RegExp(phrases, 'g');
  let inReach = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = /** @type {Text | null} */ (walker.nextNode()); node; node = /** @type {Text | null} */ (walker.nextNode())) {
    if (node.parentElement?.closest('script, style')) continue;
    for (const match of node.data.matchAll(pattern)) {
      const range = new Range();
      range.setStart(node, match.index ?? 0);
      range.setEnd(node, (match.index ?? 0) + match[0].length);
      if (inBand(range.getBoundingClientRect())) inReach++;
    }
  }
  return { highlighted, highlightedInReach, inReach };
}

/**
 * Asks the extension's content script in the tab showing `page` for the page's summary, as the
 * popup does when it opens: that makes it read whatever of the page it had left for later.
 * @param {import('@playwright/test').BrowserContext} context @param {import('@playwright/test').Page} page
 */
export async function askForWholePage(context, page) {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  // The extension may not read tabs' addresses (no "tabs" permission): the page's tab is the active one.
  await page.bringToFront();
  await worker.evaluate(async () => {
    // @ts-ignore: the extension API inside the service worker
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    // @ts-ignore
    return chrome.tabs.sendMessage(tab.id, { type: 'getPageSummary' }, { frameId: 0 });
  });
}

/** @param {import('@playwright/test').CDPSession} cdp */
async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  /** @type {Record<string, number>} */
  const byName = {};
  for (const { name, value } of metrics) byName[name] = value;
  const ms = (/** @type {string} */ name) => (byName[name] ?? 0) * 1000;
  return {
    task: ms('TaskDuration'),
    script: ms('ScriptDuration'),
    style: ms('RecalcStyleDuration'),
    layout: ms('LayoutDuration'),
  };
}
/** @typedef {Awaited<ReturnType<typeof readMetrics>>} Metrics */
const diff = (/** @type {Metrics} */ a, /** @type {Metrics} */ b) => ({ task: a.task - b.task, script: a.script - b.script, style: a.style - b.style, layout: a.layout - b.layout });

/** @param {import('@playwright/test').Page} page @param {number} [since] page time */
async function longTasks(page, since = 0, until = Infinity) {
  const all = /** @type {{ start: number, duration: number }[]} */ (await page.evaluate(() => /** @type {any} */ (window).__benchLongTasks ?? []));
  const inWindow = all.filter((t) => t.start >= since && t.start < until);
  return { count: inWindow.length, maxMs: inWindow.reduce((max, t) => Math.max(max, t.duration), 0) };
}

/**
 * Waits until highlighting has settled: the highlight count has reached `expected` and not changed
 * for `stableMs`, at least `minMs` have passed, and the main thread has been quiet for the last
 * QUIET_WINDOW_MS (so a time-sliced scan of a page without mentions is waited for too). If the
 * count never reaches `expected`, it gives up once the count has been still for `fallbackMs`.
 * With `mirrorMs` it polls in exactly the same way for that long instead: the baseline browser
 * then pays the same polling cost as the run it is compared with.
 * @param {import('@playwright/test').Page} page @param {import('@playwright/test').CDPSession} cdp
 * @param {{ expected?: number, minMs?: number, stableMs?: number, fallbackMs?: number, timeoutMs?: number, mirrorMs?: number }} options
 */
export async function settle(page, cdp, { expected = 0, minMs = 1000, stableMs = 500, fallbackMs = 1200, timeoutMs = 20000, mirrorMs } = {}) {
  const start = performance.now();
  /** @type {{ t: number, task: number }[]} */
  const samples = [];
  let count = -1;
  let changedAt = 0;
  let timedOut = false;
  for (;;) {
    const now = await page.evaluate(countHighlights);
    const { task } = await readMetrics(cdp);
    const t = performance.now() - start;
    samples.push({ t, task });
    if (now !== count) {
      count = now;
      changedAt = t;
    }
    if (mirrorMs !== undefined) {
      if (t >= mirrorMs) break;
    } else {
      let reference;
      for (const s of samples) if (s.t <= t - QUIET_WINDOW_MS) reference = s;
      const quiet = reference !== undefined && task - reference.task < QUIET_MS;
      const still = t - changedAt;
      if (t >= minMs && quiet && ((count >= expected && still >= stableMs) || still >= fallbackMs)) break;
      if (t >= timeoutMs) {
        timedOut = true;
        break;
      }
    }
    await sleep(Math.max(0, POLL_MS - ((performance.now() - start) - t)));
  }
  return { elapsedMs: performance.now() - start, count, timedOut };
}

/**
 * A fresh tab with the long-task observer and Performance metrics on (enabled before navigation).
 * @param {import('@playwright/test').BrowserContext} context
 */
export async function openTab(context, timeDomain = 'threadTicks') {
  const page = await context.newPage();
  await page.addInitScript(installLongTaskObserver);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: /** @type {'timeTicks' | 'threadTicks'} */ (timeDomain) });
  return { page, cdp };
}

/**
 * Loads a page and waits for highlighting to settle; returns the metrics at that point, and what
 * is highlighted near the viewport. With `wholePage`, it then asks for the whole page to be read
 * (as the popup does) and returns the main-thread time that took too (`mirror` times the same
 * waits for the baseline browser, which is asked nothing).
 * @param {import('@playwright/test').BrowserContext} context @param {string} url
 * @param {{ expected: number, phrases: string, mirrorMs?: number, timeDomain: string, wholePage?: boolean, mirrorWholeMs?: number }} options
 */
async function loadRun(context, url, { expected, phrases, mirrorMs, timeDomain, wholePage, mirrorWholeMs }) {
  const { page, cdp } = await openTab(context, timeDomain);
  try {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    const loadMs = performance.now() - t0;
    const settled = await settle(page, cdp, { expected, mirrorMs });
    const metrics = await readMetrics(cdp);
    const long = await longTasks(page);
    const reach = await page.evaluate(reachCounts, phrases);
    const bodyElements = await page.evaluate(() => document.body.getElementsByTagName('*').length);
    /** @type {{ cost: Metrics, settleMs: number, highlighted: number, longTasks: { count: number, maxMs: number } } | undefined} */
    let whole;
    if (wholePage) {
      const before = await readMetrics(cdp);
      const at = await page.evaluate(() => performance.now());
      const w0 = performance.now();
      if (mirrorWholeMs === undefined) await askForWholePage(context, page);
      const s = await settle(page, cdp, { expected, minMs: 300, mirrorMs: mirrorWholeMs === undefined ? undefined : Math.max(0, mirrorWholeMs - (performance.now() - w0)) });
      const after = await readMetrics(cdp);
      const until = await page.evaluate(() => performance.now());
      whole = { cost: diff(after, before), settleMs: performance.now() - w0, highlighted: s.count, longTasks: await longTasks(page, at, until) };
    }
    return { bodyElements, loadMs, settleMs: settled.elapsedMs, timedOut: settled.timedOut, ...reach, metrics, longTasks: long, whole };
  } finally {
    await page.close();
  }
}

/**
 * The feed page: loads it (100 paragraphs), appends a chunk of `chunk`, grows it to `large`
 * paragraphs, appends another chunk; returns the metrics around each chunk.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url
 * @param {{ initial: number, chunk: number, large: number, mentionsAt: (paragraphs: number) => number, mirror?: number[], timeDomain: string }} options
 */
async function feedRun(context, url, { initial, chunk, large, mentionsAt, mirror, timeDomain }) {
  const { page, cdp } = await openTab(context, timeDomain);
  /** @type {number[]} */
  const settleTimes = [];
  const phase = async (/** @type {number} */ expected) => {
    const s = await settle(page, cdp, { expected, minMs: 400, fallbackMs: 1000, mirrorMs: mirror?.[settleTimes.length] });
    settleTimes.push(s.elapsedMs);
    return s;
  };
  const append = (/** @type {number} */ n) => page.evaluate((n) => ({ at: performance.now(), total: /** @type {any} */ (window).appendChunk(n) }), n);
  // A long feed is read near the viewport first: an appended chunk must add its own mentions to
  // what is highlighted, whatever was highlighted before it.
  const highlightedNow = () => page.evaluate(countHighlights);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await phase(mentionsAt(initial));
    /** @param {number} before */
    const measureChunk = async (before) => {
      const highlightedBefore = await highlightedNow();
      const added = mentionsAt(before + chunk) - mentionsAt(before);
      const m0 = await readMetrics(cdp);
      const { at, total } = await append(chunk);
      const s = await phase(highlightedBefore + added);
      const m1 = await readMetrics(cdp);
      const until = await page.evaluate(() => performance.now());
      return { paragraphsBefore: before, paragraphsAfter: total, cost: diff(m1, m0), longTasks: await longTasks(page, at, until), highlightedBefore, highlighted: s.count, expected: highlightedBefore + added, mentionsInChunk: added };
    };
    const small = await measureChunk(initial);
    const beforeGrowth = await highlightedNow();
    await append(large - initial - chunk);
    // So many paragraphs at once are one rescan of the page, read near the viewport first: the
    // count it settles on may be lower, and the chunk after it is measured from there.
    await phase(beforeGrowth + mentionsAt(large) - mentionsAt(initial + chunk));
    const big = await measureChunk(large);
    return { small, big, settleTimes };
  } finally {
    await page.close();
  }
}

/**
 * The mutation-storm page: loads it and waits for highlighting to settle, then runs
 * `storm(durationMs)` (the page replaces 400 divs every 16 ms) and reads the main-thread time
 * just before and just after it. `catchUpMs` after the storm it compares the highlighted ranges
 * with the mentions the page counts in its final DOM.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url
 * @param {{ expected: number, durationMs: number, catchUpMs: number, mirrorMs?: number, timeDomain: string, phrases: string }} options
 */
async function stormRun(context, url, { expected, durationMs, catchUpMs, mirrorMs, timeDomain, phrases }) {
  const { page, cdp } = await openTab(context, timeDomain);
  try {
    await page.goto(url, { waitUntil: 'load' });
    const settled = await settle(page, cdp, { expected, mirrorMs });
    const at = await page.evaluate(() => performance.now());
    const m0 = await readMetrics(cdp);
    const t0 = performance.now();
    const ticks = await page.evaluate((ms) => /** @type {Promise<number>} */ (/** @type {any} */ (window).storm(ms)), durationMs);
    const wallMs = performance.now() - t0;
    const m1 = await readMetrics(cdp);
    const until = await page.evaluate(() => performance.now());
    await sleep(catchUpMs);
    const m2 = await readMetrics(cdp);
    const expectedAfter = await page.evaluate(() => /** @type {number} */ (/** @type {any} */ (window).expectedMentions()));
    const reach = await page.evaluate(reachCounts, phrases);
    return {
      settleMs: settled.elapsedMs,
      highlightedBefore: settled.count,
      ticks,
      wallMs,
      cost: diff(m1, m0),
      catchUp: diff(m2, m1),
      longTasks: await longTasks(page, at, until),
      expected: expectedAfter,
      ...reach,
    };
  } finally {
    await page.close();
  }
}

/**
 * mark.js on a page in the baseline browser: injects the library, marks the terms, and reads the
 * main-thread time from before the injection until the marked page has been laid out and painted.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url @param {string} markPath @param {string[]} terms
 */
async function markRun(context, url, markPath, terms, timeDomain = 'threadTicks') {
  const { page, cdp } = await openTab(context, timeDomain);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await settle(page, cdp, { expected: 0 });
    const before = await readMetrics(cdp);
    const startedAt = await page.evaluate(() => performance.now());
    await page.addScriptTag({ path: markPath });
    const result = await page.evaluate(
      (terms) =>
        new Promise((resolve) => {
          const t0 = performance.now();
          // @ts-ignore: the global that mark.min.js defines
          new Mark(document.body).mark(terms, {
            separateWordSearch: false,
            accuracy: { value: 'exactly', limiters: [',', '.', "'", '’', ';', ':', '!', '?', '(', ')'] },
            done: (/** @type {number} */ marks) => {
              const markMs = performance.now() - t0;
              // The marks change the DOM: wait for the frame that lays out and paints them.
              requestAnimationFrame(() => requestAnimationFrame(() => resolve({ markMs, marks })));
            },
          });
        }),
      terms,
    );
    await settle(page, cdp, { expected: 0, minMs: 500 });
    const after = await readMetrics(cdp);
    const until = await page.evaluate(() => performance.now());
    return { ...(/** @type {{ markMs: number, marks: number }} */ (result)), cost: diff(after, before), longTasks: await longTasks(page, startedAt, until) };
  } finally {
    await page.close();
  }
}

/**
 * One traced load with the extension, to see how its main-thread work is sliced. The page is not
 * polled while tracing (the fixture pages run no script of their own), so every stretch of script
 * on the page's main thread from the moment the content script is evaluated is the extension's:
 * its first evaluation, its callbacks and its continuations (microtasks after `await`, which CDP's
 * ScriptDuration does not count). Rendering work is listed separately: the style recalculation,
 * layout and paint that follow the extension's changes run in the page's frames.
 * @param {import('@playwright/test').BrowserContext} context @param {string} url @param {number} waitMs
 * @param {{ marks?: boolean }} [options] marks: also return the `fc:` stage marks of a patched build (`stageMarks`)
 */
export async function tracedRun(context, url, waitMs, { marks = false } = {}) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...message.value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  try {
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', ...(marks ? ['blink.user_timing'] : [])] },
    });
    await page.goto(url, { waitUntil: 'load' });
    await sleep(waitMs);
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    await page.close();
  }
  const analysed = analyseTrace(events, url);
  return marks ? { ...analysed, marks: stageMarks(events) } : analysed;
}

/**
 * The `performance.mark('fc:…')` marks a patched build leaves (bench/compare-builds.mjs), each as
 * milliseconds after the first of them; a mark made more than once counts its first time.
 * @param {any[]} events @returns {Record<string, number>}
 */
function stageMarks(events) {
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && typeof e.name === 'string' && e.name.startsWith('fc:')).sort((a, b) => a.ts - b.ts);
  /** @type {Record<string, number>} */
  const at = {};
  for (const mark of marks) at[mark.name] ??= (mark.ts - marks[0].ts) / 1000;
  return at;
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'RunMicrotasks', 'RunYieldContinuation', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'v8.compile', 'V8.Execute', 'v8.run', 'v8.callFunction']);
const RENDER_EVENTS = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

/**
 * Splits the page's main thread into top-level slices (outermost trace events). From the content
 * script's first evaluation on, time in script events is the extension's (the fixture pages run
 * no script of their own), and so is the rendering after its last script slice: the restyle,
 * layout and paint that its changes (highlights, style sheet) cause. Rendering between its first
 * and last slices may be the page's own (a big page is still being laid out), so it is reported
 * apart.
 * @param {any[]} events @param {string} url
 */
export function analyseTrace(events, url) {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  const empty = { count: 0, totalMs: 0, maxMs: 0, over10: 0, over50: 0 };
  const none = { found: false, readerFrames: 0, script: { ...empty, slices: /** @type {number[]} */ ([]), threadMs: 0 }, renderingAfter: empty, renderingDuring: empty };
  if (!parse) return none;
  const onThread = events.filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && typeof e.dur === 'number');
  onThread.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const first = onThread.find((e) => typeof e.args?.data?.url === 'string' && e.args.data.url.startsWith('chrome-extension://'));
  if (!first) return none;
  // Within each top-level slice: the time in outermost script events (with whatever they forced
  // synchronously, such as a layout), and in rendering events outside script.
  // Also the thread's own time in script (`tdur`, CPU time): wall time counts the moments the
  // thread waited, on a synchronous call or for a core (this machine has two), which vary from load
  // to load more than the script does.
  const threadMs = (/** @type {any} */ e) => (typeof e.tdur === 'number' ? e.tdur : e.dur) / 1000;
  /** @type {{ ts: number, end: number, scriptMs: number, scriptThreadMs: number, renderMs: number, innerEnd: number }[]} */
  const units = [];
  for (const e of onThread) {
    const kind = SCRIPT_EVENTS.has(e.name) ? 'script' : RENDER_EVENTS.has(e.name) ? 'render' : '';
    const last = units[units.length - 1];
    if (last && e.ts < last.end) {
      if (!kind || e.ts < last.innerEnd) continue;
      if (kind === 'script') {
        last.scriptMs += e.dur / 1000;
        last.scriptThreadMs += threadMs(e);
      } else last.renderMs += e.dur / 1000;
      last.innerEnd = e.ts + e.dur;
      continue;
    }
    units.push({ ts: e.ts, end: e.ts + e.dur, scriptMs: kind === 'script' ? e.dur / 1000 : 0, scriptThreadMs: kind === 'script' ? threadMs(e) : 0, renderMs: kind === 'render' ? e.dur / 1000 : 0, innerEnd: kind ? e.ts + e.dur : e.ts });
  }
  const after = units.filter((u) => u.end > first.ts);
  const scriptUnits = after.filter((u) => u.scriptMs > 0.05);
  const lastScriptEnd = scriptUnits.length ? scriptUnits[scriptUnits.length - 1].end : first.ts;
  const summarise = (/** @type {number[]} */ list) => ({
    count: list.length,
    totalMs: list.reduce((a, b) => a + b, 0),
    maxMs: list.reduce((a, b) => Math.max(a, b), 0),
    over10: list.filter((d) => d > 10).length,
    over50: list.filter((d) => d >= 50).length,
  });
  const script = scriptUnits.map((u) => u.scriptMs);
  return {
    found: true,
    readerFrames: framesThatLoaded(events, '/reader.js'),
    script: { ...summarise(script), slices: script.map((d) => Math.round(d * 100) / 100), threadMs: scriptUnits.reduce((sum, u) => sum + u.scriptThreadMs, 0) },
    renderingAfter: summarise(after.filter((u) => u.renderMs > 0.05 && u.ts >= lastScriptEnd).map((u) => u.renderMs)),
    renderingDuring: summarise(after.filter((u) => u.renderMs > 0.05 && u.ts < lastScriptEnd).map((u) => u.renderMs)),
  };
}

/**
 * In how many frames the extension's module at `path` was requested (the page reader: in how many
 * documents the content script's probe found something that may be a mention).
 * @param {any[]} events @param {string} path
 */
function framesThatLoaded(events, path) {
  const frames = new Set();
  for (const e of events) {
    const data = e.name === 'ResourceSendRequest' ? e.args?.data : undefined;
    if (data && typeof data.url === 'string' && data.url.startsWith('chrome-extension://') && data.url.endsWith(path)) frames.add(data.frame);
  }
  return frames.size;
}

/**
 * The browser without the extension. 'profile': a throwaway profile launched exactly as
 * launchWithExtension() does, minus the extension, so the extension is the only difference.
 * 'launch': chromium.launch() and a new (incognito) context; on this set-up that baseline lays a
 * 2 MB page out more often and costs ~50-100 ms more than a profile, which hides that much of
 * the extension's cost.
 * @param {{ chromiumPath: string, chromiumArgs: (extensionDir?: string) => string[], baseline: 'profile' | 'launch' }} options
 * @returns {Promise<{ context: import('@playwright/test').BrowserContext, close(): Promise<void> }>}
 */
export async function launchBaseline(options) {
  if (options.baseline === 'launch') {
    const browser = await chromium.launch({ executablePath: options.chromiumPath, args: options.chromiumArgs() });
    return { context: await browser.newContext({ viewport: VIEWPORT }), close: () => browser.close() };
  }
  const profile = mkdtempSync(join(tmpdir(), 'fact-context-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: options.chromiumPath, headless: true, args: options.chromiumArgs(), viewport: VIEWPORT });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * @param {{
 *   origin: string,
 *   chromiumPath: string,
 *   chromiumArgs: (extensionDir?: string) => string[],
 *   launchWithExtension: () => Promise<{ context: import('@playwright/test').BrowserContext, close(): Promise<void> }>,
 *   cases: { id: string, file: string, expected: number, wholePage?: boolean }[],
 *   phrases: string,
 *   feed: { file: string, initial: number, chunk: number, large: number, mentionsAt: (paragraphs: number) => number },
 *   storm: { file: string, expected: number, durationMs: number, catchUpMs: number },
 *   mark: { file: string, path: string, terms: string[] },
 *   runs: number, markRuns: number, feedRuns: number, timeDomain: string,
 *   baseline: 'profile' | 'launch',
 *   log: (line: string) => void,
 * }} options
 */
export async function runBrowserBench(options) {
  const { origin, cases, feed, storm, mark, runs, log, timeDomain, phrases } = options;
  if (!existsSync(options.chromiumPath)) throw new Error(`No Chromium at ${options.chromiumPath}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  const baselineBrowser = await launchBaseline(options);
  /** @type {Awaited<ReturnType<typeof options.launchWithExtension>> | undefined} */
  let withExtension;
  try {
    const plain = baselineBrowser.context;
    withExtension = await options.launchWithExtension();
    const extension = withExtension.context;
    // Warm both browsers up (first navigation, process start-up) before measuring anything.
    for (const context of [plain, extension]) {
      const page = await context.newPage();
      await page.goto(`${origin}/feed.html`, { waitUntil: 'load' });
      await sleep(300);
      await page.close();
    }

    /** @type {Record<string, any>} */
    const pages = {};
    let sectionStart = performance.now();
    const took = () => {
      const seconds = (performance.now() - sectionStart) / 1000;
      sectionStart = performance.now();
      return `${seconds.toFixed(0)} s`;
    };
    for (const c of cases) {
      const url = `${origin}/${c.file}`;
      /** @type {any[]} */
      const withRuns = [];
      /** @type {any[]} */
      const withoutRuns = [];
      for (let r = 0; r < runs; r++) {
        const w = await loadRun(extension, url, { expected: c.expected, phrases, timeDomain, wholePage: c.wholePage });
        const wo = await loadRun(plain, url, { expected: c.expected, phrases, mirrorMs: w.settleMs, timeDomain, wholePage: c.wholePage, mirrorWholeMs: w.whole?.settleMs });
        withRuns.push(w);
        withoutRuns.push(wo);
        const whole = w.whole && wo.whole ? `; whole page when asked: +${(w.whole.cost.task - wo.whole.cost.task).toFixed(1)} ms, highlighted ${w.whole.highlighted}/${c.expected}` : '';
        log(`  ${c.id} run ${r + 1}/${runs}: task +${(w.metrics.task - wo.metrics.task).toFixed(1)} ms (${w.metrics.task.toFixed(0)} vs ${wo.metrics.task.toFixed(0)}), highlighted ${w.highlighted} (${w.highlightedInReach} of ${w.inReach} in reach), settled in ${w.settleMs.toFixed(0)} ms${w.timedOut ? ' (timed out)' : ''}${whole}`);
      }
      const trace = await tracedRun(extension, url, median(withRuns.map((r) => r.settleMs)) + 300);
      log(`  ${c.id}, traced: the extension's script ran in ${trace.script.count} slices, ${trace.script.totalMs.toFixed(0)} ms in all, the longest ${trace.script.maxMs.toFixed(1)} ms; rendering after its last slice ${trace.renderingAfter.totalMs.toFixed(0)} ms (longest ${trace.renderingAfter.maxMs.toFixed(1)} ms), between its slices ${trace.renderingDuring.totalMs.toFixed(0)} ms (${took()})`);
      pages[c.id] = { url: c.file, expected: c.expected, with: withRuns, without: withoutRuns, trace };
    }

    /** @type {{ with: any[], without: any[] }} */
    const feedRuns = { with: [], without: [] };
    const feedUrl = `${origin}/${feed.file}`;
    for (let r = 0; r < options.feedRuns; r++) {
      const w = await feedRun(extension, feedUrl, { ...feed, timeDomain });
      const wo = await feedRun(plain, feedUrl, { ...feed, mirror: w.settleTimes, timeDomain });
      feedRuns.with.push(w);
      feedRuns.without.push(wo);
      log(`  feed run ${r + 1}/${options.feedRuns}: chunk at ${feed.initial}: +${(w.small.cost.task - wo.small.cost.task).toFixed(1)} ms, at ${feed.large}: +${(w.big.cost.task - wo.big.cost.task).toFixed(1)} ms; highlighted ${w.small.highlighted}/${w.small.expected} and ${w.big.highlighted}/${w.big.expected}`);
    }
    log(`  feed: ${took()}`);

    /** @type {{ with: any[], without: any[] }} */
    const stormRuns = { with: [], without: [] };
    const stormUrl = `${origin}/${storm.file}`;
    for (let r = 0; r < runs; r++) {
      const w = await stormRun(extension, stormUrl, { ...storm, timeDomain, phrases });
      const wo = await stormRun(plain, stormUrl, { ...storm, mirrorMs: w.settleMs, timeDomain, phrases });
      stormRuns.with.push(w);
      stormRuns.without.push(wo);
      log(`  storm run ${r + 1}/${runs}: task during the storm +${(w.cost.task - wo.cost.task).toFixed(1)} ms (${w.cost.task.toFixed(0)} vs ${wo.cost.task.toFixed(0)}), ticks ${w.ticks} vs ${wo.ticks}; ${storm.catchUpMs} ms later highlighted ${w.highlighted} (${w.highlightedInReach} of ${w.inReach} in reach, ${w.expected} on the page)`);
    }
    log(`  storm: ${took()}`);

    /** @type {any[]} */
    const markRuns = [];
    for (let r = 0; r < options.markRuns; r++) {
      const m = await markRun(plain, `${origin}/${mark.file}`, mark.path, mark.terms, timeDomain);
      markRuns.push(m);
      log(`  mark.js run ${r + 1}/${options.markRuns}: ${m.cost.task.toFixed(0)} ms main thread (mark() itself ${m.markMs.toFixed(0)} ms, ${m.marks} marks)`);
    }
    log(`  mark.js: ${took()}`);
    const versionPage = await plain.newPage();
    const { product } = await (await plain.newCDPSession(versionPage)).send('Browser.getVersion');
    await versionPage.close();
    return { chromiumVersion: product, baseline: options.baseline, pages, feed: feedRuns, storm: stormRuns, mark: markRuns };
  } finally {
    await withExtension?.close().catch(() => {});
    await baselineBrowser.close().catch(() => {});
  }
}

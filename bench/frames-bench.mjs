// What a news page full of frames costs (ad slots, pixels, widgets, embedded articles), in real
// Chromium through the DevTools protocol: the extension's script in all frames together on the
// 30-frame page, its longest slice, in how many frames the page reader was loaded, and that every
// frame with a mention still has it highlighted; then, per kind of frame, what one frame costs (a
// page with 10 frames of the kind against the same page with none). The pages run no script of
// their own (bench/pages.mjs framePages), so every script in their traces is the extension's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countHighlights, median, sleep, tracedRun } from './browser-bench.mjs';
import { FRAME_KINDS, LATE_FRAME_MS } from './pages.mjs';

/** How long after the page's load event a trace goes on (the late frame's text is in by then; load waits for it). */
const AFTER_LOAD_MS = 1500;

/**
 * The server's answer for the late frame: its first part at once, the rest (with a mention) after
 * LATE_FRAME_MS, as a slow server or a streamed page would send it.
 * @param {string} pagesDir
 */
export function lateFrameRoute(pagesDir) {
  return (/** @type {import('node:http').ServerResponse} */ response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.write(readFileSync(join(pagesDir, 'frame-late-1.html')));
    const timer = setTimeout(() => response.end(readFileSync(join(pagesDir, 'frame-late-2.html'))), LATE_FRAME_MS);
    response.on('close', () => clearTimeout(timer));
  };
}

/**
 * The references (bench/reference-extensions.mjs) are traced on the same pages in the same runs:
 * `withEmptyScript`, an empty content script in every frame (the browser's own cost per frame), and
 * `withObserverScript`, one that only watches each frame's document (the least a script that wakes
 * up when text arrives can do).
 *
 * @param {{
 *   origin: string,
 *   withExtension: import('@playwright/test').BrowserContext,
 *   withEmptyScript: import('@playwright/test').BrowserContext,
 *   withObserverScript: import('@playwright/test').BrowserContext,
 *   frames: { file: string, kindFile(kind: string): string, mentionsPerFrame: Record<string, number> },
 *   runs: number,
 *   log: (line: string) => void,
 * }} options
 */
export async function runFramesBench({ origin, withExtension, withEmptyScript, withObserverScript, frames, runs, log }) {
  const url = (/** @type {string} */ file) => `${origin}/${file}`;

  // 1. The 30-frame page, traced run by run, and with each reference script.
  /** @type {{ totalMs: number, threadMs: number, maxMs: number, slices: number[], readerFrames: number }[]} */
  const page = [];
  /** @type {number[]} */
  const reference = [];
  /** @type {number[]} */
  const observerReference = [];
  /** @type {number[]} */
  const observerReferenceThread = [];
  for (let r = 0; r < runs; r++) {
    const trace = await tracedRun(withExtension, url(frames.file), AFTER_LOAD_MS);
    page.push({ totalMs: trace.script.totalMs, threadMs: trace.script.threadMs, maxMs: trace.script.maxMs, slices: trace.script.slices, readerFrames: trace.readerFrames });
    const empty = await tracedRun(withEmptyScript, url(frames.file), AFTER_LOAD_MS);
    reference.push(empty.script.totalMs);
    const observer = await tracedRun(withObserverScript, url(frames.file), AFTER_LOAD_MS);
    observerReference.push(observer.script.totalMs);
    observerReferenceThread.push(observer.script.threadMs);
    log(`  30-frame page, run ${r + 1}/${runs}: ${trace.script.count} slices, ${trace.script.totalMs.toFixed(1)} ms in all, longest ${trace.script.maxMs.toFixed(1)} ms; page reader loaded in ${trace.readerFrames} frames; an empty content script: ${empty.script.totalMs.toFixed(1)} ms; one that only watches the document: ${observer.script.totalMs.toFixed(1)} ms`);
  }

  // 2. Every frame with a mention has it highlighted; no other frame has a highlight.
  const tab = await withExtension.newPage();
  /** @type {{ kind: string, highlighted: number, expected: number }[]} */
  const highlights = [];
  try {
    await tab.goto(url(frames.file), { waitUntil: 'load' });
    await sleep(AFTER_LOAD_MS);
    for (const frame of tab.frames()) {
      if (frame === tab.mainFrame()) continue;
      const src = frame.url();
      const kind = src.endsWith('/frame-article-mention.html') ? 'mention' : src.endsWith('/frame-late.html') ? 'late' : src.endsWith('/frame-article.html') ? 'article' : 'other';
      highlights.push({ kind, highlighted: await frame.evaluate(countHighlights), expected: frames.mentionsPerFrame[kind] ?? 0 });
    }
    highlights.push({ kind: 'top', highlighted: await tab.evaluate(countHighlights), expected: 0 });
  } finally {
    await tab.close();
  }
  const wrong = highlights.filter((h) => h.highlighted !== h.expected);
  log(`  30-frame page: ${highlights.length - 1} frames; highlighted as expected in ${highlights.length - wrong.length} of ${highlights.length} documents${wrong.length ? ` (not: ${wrong.map((h) => `${h.kind} ${h.highlighted}/${h.expected}`).join(', ')})` : ''}`);

  // 3. Per kind: 10 frames of the kind against none, the same runs interleaved.
  /** @type {Record<string, { totalMs: number[], threadMs: number[], readerFrames: number[] }>} */
  const kinds = { none: { totalMs: [], threadMs: [], readerFrames: [] } };
  for (const kind of Object.keys(FRAME_KINDS)) kinds[kind] = { totalMs: [], threadMs: [], readerFrames: [] };
  // The references' cost per empty frame, the same way.
  const emptyScript = { none: /** @type {number[]} */ ([]), blank: /** @type {number[]} */ ([]) };
  const observerScript = { none: /** @type {number[]} */ ([]), blank: /** @type {number[]} */ ([]) };
  for (let r = 0; r < runs; r++) {
    for (const kind of Object.keys(kinds)) {
      const trace = await tracedRun(withExtension, url(frames.kindFile(kind)), kind === 'late' ? AFTER_LOAD_MS : 1000);
      kinds[kind].totalMs.push(trace.script.totalMs);
      kinds[kind].threadMs.push(trace.script.threadMs);
      kinds[kind].readerFrames.push(trace.readerFrames);
    }
    for (const kind of /** @type {const} */ (['none', 'blank'])) {
      emptyScript[kind].push((await tracedRun(withEmptyScript, url(frames.kindFile(kind)), 1000)).script.totalMs);
      observerScript[kind].push((await tracedRun(withObserverScript, url(frames.kindFile(kind)), 1000)).script.totalMs);
    }
    log(`  per kind, run ${r + 1}/${runs}: ${Object.entries(kinds).map(([kind, k]) => `${kind} ${k.totalMs.at(-1)?.toFixed(1)} ms`).join(', ')}; empty script: none ${emptyScript.none.at(-1)?.toFixed(1)} ms, blank ${emptyScript.blank.at(-1)?.toFixed(1)} ms; watching script: none ${observerScript.none.at(-1)?.toFixed(1)} ms, blank ${observerScript.blank.at(-1)?.toFixed(1)} ms`);
  }
  /**
   * One frame's cost: each run of a page with 10 frames against the same run's page with none, over 10.
   * @param {number[]} withFrames @param {number[]} withNone
   */
  const perFrame = (withFrames, withNone) => {
    const each = withFrames.map((ms, r) => (ms - withNone[r]) / 10);
    return { ms: median(each), spread: [Math.min(...each), Math.max(...each)] };
  };
  const noneMs = median(kinds.none.totalMs);
  const perKind = Object.fromEntries(
    Object.keys(FRAME_KINDS).map((kind) => {
      const k = kinds[kind];
      const { ms, spread } = perFrame(k.totalMs, kinds.none.totalMs);
      const cpu = perFrame(k.threadMs, kinds.none.threadMs);
      return [kind, { label: FRAME_KINDS[/** @type {keyof typeof FRAME_KINDS} */ (kind)].label, perFrameMs: ms, spread, perFrameThreadMs: cpu.ms, threadSpread: cpu.spread, readerFrames: median(k.readerFrames) }];
    }),
  );
  return { page, reference, observerReference, observerReferenceThread, referencePerFrame: perFrame(emptyScript.blank, emptyScript.none), observerPerFrame: perFrame(observerScript.blank, observerScript.none), highlights, wrong: wrong.length, noneMs, perKind };
}

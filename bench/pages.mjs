// Deterministic generators for the benchmark's pages and texts. Plain JavaScript with JSDoc.
//
// Every page is built from a seeded pseudo-random generator, so two runs measure the same bytes.
// No generated word is (part of) one of the project's terms, context cues or "not a mention"
// phrases: the vocabulary is filtered against every word of data/topics.json, and run.mjs checks
// the generated texts with the real matcher before measuring anything.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ id: string, terms: string[], properNames: string[], ambiguousTerms: string[], contextCues: string[] }} Topic */
/** @typedef {{ topics: Topic[], notMentions: string[] }} TopicsFile */

/** Mulberry32: a small, fast, seeded PRNG. @param {number} seed */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {string} root @returns {TopicsFile} */
export function readTopics(root) {
  return JSON.parse(readFileSync(join(root, 'data/topics.json'), 'utf8'));
}

/** Every word that appears in any term, cue or "not a mention" phrase, lower-cased. @param {TopicsFile} data */
export function patternWords(data) {
  const all = [...data.notMentions];
  for (const t of data.topics) all.push(...t.terms, ...t.properNames, ...t.ambiguousTerms, ...t.contextCues);
  const words = new Set();
  for (const phrase of all) for (const w of phrase.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
  return words;
}

/** The terms mark.js is given: every topic's terms and properNames, plus its ambiguousTerms. @param {TopicsFile} data */
export function projectTerms(data) {
  return data.topics.flatMap((t) => [...t.terms, ...t.properNames, ...t.ambiguousTerms]);
}

const FUNCTION_WORDS = ('the of and to in a is that for it as was with be by on not he this are or his from at which but have an had ' +
  'they you were their one all we can her has there been if more when will would who so no she other its may these only new some ' +
  'what time very than first two any after also most over such our even back where just made through much before way well').split(' ');
const ONSETS = ['b', 'br', 'c', 'ch', 'cl', 'd', 'dr', 'f', 'fl', 'g', 'gr', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'pl', 'pr', 'r', 's', 'sh', 'sl', 'sp', 'st', 't', 'th', 'tr', 'v', 'w', 'z'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ee', 'ou', 'oo', 'io'];
const CODAS = ['', '', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck', 'ng', 'rt'];

/**
 * An English-looking vocabulary: common function words plus syllable-built words, with every word
 * of the project's patterns removed ("of" and "and" stay: a term needs its other words too).
 * @param {Set<string>} banned
 */
export function buildVocabulary(banned, size = 3000, seed = 7) {
  const random = rng(seed);
  const pick = (/** @type {string[]} */ list) => list[Math.floor(random() * list.length)];
  const content = new Set();
  while (content.size < size) {
    const syllables = 1 + Math.floor(random() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(NUCLEI) + (s === syllables - 1 ? pick(CODAS) : '');
    if (!banned.has(word) && !FUNCTION_WORDS.includes(word)) content.add(word);
  }
  const keep = new Set(['of', 'and']);
  return { functionWords: FUNCTION_WORDS.filter((w) => keep.has(w) || !banned.has(w)), contentWords: [...content] };
}

/**
 * Mention phrases that are each exactly one mention wherever they are put: unambiguous terms and
 * proper names, written as the data has them. (An ambiguous term, such as "the Commerce
 * Department" or "standards bodies", counts only beside a cue word, which the generated prose
 * never has: five of these fourteen were such terms after 2026-12-05, and the long pages showed 129
 * of their 200 mentions.)
 */
export const MENTION_PHRASES = [
  'Huawei', '5G standards', 'the Bureau of Industry and Security', 'the Entity List', '3GPP', 'a trade blacklist', 'Huawei Technologies',
  'ETSI', '5G', 'the Export Administration Regulations', 'Huawei’s', 'IMT-2020', 'entity-listed', 'export blacklist',
];

/**
 * Writes prose: sentences of 6–22 words, paragraphs of 60–160 words.
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 * @param {() => number} random
 */
function makeWriter(vocabulary, random) {
  const word = () => (random() < 0.42 ? vocabulary.functionWords[Math.floor(random() * vocabulary.functionWords.length)] : vocabulary.contentWords[Math.floor(random() * vocabulary.contentWords.length)]);
  /** @param {string | undefined} mention inserted somewhere inside the paragraph */
  const paragraph = (mention) => {
    const words = 60 + Math.floor(random() * 100);
    const at = mention ? 3 + Math.floor(random() * (words - 6)) : -1;
    let out = '';
    let inSentence = 0;
    let sentenceLength = 6 + Math.floor(random() * 16);
    for (let i = 0; i < words; i++) {
      let w = i === at ? /** @type {string} */ (mention) : word();
      if (inSentence === 0 && i !== at) w = w[0].toUpperCase() + w.slice(1);
      inSentence++;
      const last = i === words - 1 || inSentence >= sentenceLength;
      out += w + (last ? '.' : random() < 0.06 ? ',' : '') + (i === words - 1 ? '' : ' ');
      if (last) {
        inSentence = 0;
        sentenceLength = 6 + Math.floor(random() * 16);
      }
    }
    return out;
  };
  return { word, paragraph };
}

const escapeHtml = (/** @type {string} */ s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const head = (/** @type {string} */ title) => `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>\n<style>body{font:16px/1.5 Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em}</style></head>\n<body>\n`;

/**
 * A long article: paragraphs of prose until `textBytes` of text, with `mentions` mentions spread
 * evenly through it (one per paragraph at most).
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 */
export function articlePage(vocabulary, { textBytes = 2 * 1024 * 1024, mentions = 0, seed = 11, title = 'Article' } = {}) {
  // Draft the paragraphs without mentions first (same seed → same paragraph count), then place them.
  const draft = makeWriter(vocabulary, rng(seed));
  let length = 0;
  let count = 0;
  while (length < textBytes) {
    length += draft.paragraph(undefined).length + 1;
    count++;
  }
  const withMention = new Map();
  for (let i = 0; i < mentions; i++) withMention.set(Math.floor(((i + 0.5) * count) / mentions), MENTION_PHRASES[i % MENTION_PHRASES.length]);
  const writer = makeWriter(vocabulary, rng(seed));
  /** @type {string[]} */
  const paragraphs = [];
  for (let i = 0; i < count; i++) paragraphs.push(writer.paragraph(withMention.get(i)));
  let html = head(title) + '<article>\n';
  paragraphs.forEach((p, i) => {
    if (i % 40 === 0) html += `<h2>${escapeHtml(writer.word()[0].toUpperCase() + writer.word().slice(1) + ' ' + writer.word())}</h2>\n`;
    html += `<p>${escapeHtml(p)}</p>\n`;
  });
  html += '</article>\n</body></html>\n';
  return { html, text: paragraphs.join('\n\n'), paragraphs: count, mentions };
}

/**
 * A page of `elements` elements inside <body>: nested sections and divs, cards with spans, lists,
 * tables and short paragraphs, with `mentions` mentions spread evenly through the cards.
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 */
export function elementsPage(vocabulary, { elements = 50000, mentions = 50, seed = 23 } = {}) {
  const random = rng(seed);
  const writer = makeWriter(vocabulary, random);
  const words = (/** @type {number} */ n) => Array.from({ length: n }, () => writer.word()).join(' ');
  /** One card: a fixed structure of elements (counted below) around short texts. @param {string | undefined} mention */
  const card = (mention) => {
    const sentence = `${words(3)} ${mention ?? writer.word()} ${words(4)}.`;
    return (
      '<div class="card">' +
      `<div class="head"><span class="t">${words(3)}</span> <span class="m"><b>${words(1)}</b> ${words(2)}</span></div>` +
      `<ul><li><span>${words(2)}</span> ${words(1)}</li><li><span>${words(3)}</span></li><li><a href="#x">${words(2)}</a></li></ul>` +
      `<table><tbody><tr><td>${words(1)}</td><td><span>${words(2)}</span></td></tr><tr><td>${words(2)}</td><td><em>${words(1)}</em></td></tr></tbody></table>` +
      `<div class="body"><p>${escapeHtml(sentence)}</p><p><span>${words(4)}</span></p></div>` +
      '</div>\n'
    );
  };
  const CARD_ELEMENTS = (card(undefined).match(/<[a-z]/g) ?? []).length;
  const GROUP_ELEMENTS = 4; // <section><div><div><div> around each group of cards: nesting depth
  const CARDS_PER_GROUP = 10;
  const groupSize = GROUP_ELEMENTS + CARDS_PER_GROUP * CARD_ELEMENTS;
  const groups = Math.floor((elements - 1) / groupSize); // 1: the <main> wrapper
  const totalCards = groups * CARDS_PER_GROUP;
  let remaining = elements - 1 - groups * groupSize;
  const withMention = new Map();
  for (let i = 0; i < mentions; i++) withMention.set(Math.floor(((i + 0.5) * totalCards) / mentions), MENTION_PHRASES[i % MENTION_PHRASES.length]);
  let html = head('50k elements') + '<main>\n';
  let cardIndex = 0;
  for (let g = 0; g < groups; g++) {
    html += '<section><div class="g"><div class="row"><div class="col">\n';
    for (let c = 0; c < CARDS_PER_GROUP; c++) html += card(withMention.get(cardIndex++));
    html += '</div></div></div></section>\n';
  }
  // Top up to the exact element count with plain spans.
  html += '<div class="tail">';
  remaining -= 1;
  for (; remaining > 0; remaining--) html += `<span>${words(1)}</span> `;
  html += '</div>\n</main>\n</body></html>\n';
  return { html, elements, mentions };
}

/**
 * An "infinite scroll" page: a feed that starts with `initial` paragraphs; `window.appendChunk(n)`
 * appends n more (one synchronous DOM insertion) and returns the new paragraph count. Paragraph i
 * carries a mention when i % 10 === 5, so a page of n paragraphs has `feedMentions(n)` mentions.
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 */
export function feedPage(vocabulary, { initial = 100 } = {}) {
  const script = `
(() => {
  const F = ${JSON.stringify(vocabulary.functionWords)};
  const C = ${JSON.stringify(vocabulary.contentWords)};
  const M = ${JSON.stringify(MENTION_PHRASES)};
  function rng(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
  const feed = document.getElementById('feed');
  let count = 0;
  function paragraph(i) {
    const random = rng(1000 + i);
    const n = 60 + Math.floor(random() * 60);
    const at = i % 10 === 5 ? 2 + Math.floor(random() * (n - 4)) : -1;
    const words = [];
    for (let k = 0; k < n; k++) {
      let w = k === at ? M[Math.floor(i / 10) % M.length] : random() < 0.42 ? F[Math.floor(random() * F.length)] : C[Math.floor(random() * C.length)];
      if (k === 0 && k !== at) w = w[0].toUpperCase() + w.slice(1);
      words.push(w);
    }
    const p = document.createElement('p');
    p.textContent = words.join(' ') + '.';
    return p;
  }
  window.appendChunk = (n) => {
    const fragment = document.createDocumentFragment();
    for (let k = 0; k < n; k++) {
      const item = document.createElement('div');
      item.className = 'item';
      item.appendChild(paragraph(count++));
      fragment.appendChild(item);
    }
    feed.appendChild(fragment);
    return count;
  };
  window.appendChunk(${initial});
})();
`;
  const html = head('Feed') + '<main id="feed"></main>\n<script>' + script + '</script>\n</body></html>\n';
  return { html, initial };
}

/**
 * A "mutation storm" page: an article of `paragraphs` paragraphs (paragraph i has a mention when
 * i % 10 === 5, alternately "Huawei" and "the Entity List") above an empty container.
 * `window.storm(ms)` replaces the container's content with `nodes` new <div>s every `intervalMs`
 * (setTimeout) for `ms` milliseconds, and resolves with the number of times it did (its ticks).
 * Every 20th div of a tick holds "Huawei". `window.expectedMentions()` counts the mentions in the
 * DOM as it is now (the article's and the container's), without asking the extension.
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 */
export function stormPage(vocabulary, { paragraphs = 200, nodes = 400, intervalMs = 16, seed = 31 } = {}) {
  const writer = makeWriter(vocabulary, rng(seed));
  const STATIC_MENTIONS = ['Huawei', 'the Entity List'];
  let html = head('Mutation storm') + '<article id="article">\n';
  let mentions = 0;
  for (let i = 0; i < paragraphs; i++) {
    const mention = i % 10 === 5 ? STATIC_MENTIONS[mentions++ % STATIC_MENTIONS.length] : undefined;
    html += `<p>${escapeHtml(writer.paragraph(mention))}</p>\n`;
  }
  const script = `
(() => {
  const F = ${JSON.stringify(vocabulary.functionWords)};
  const C = ${JSON.stringify(vocabulary.contentWords)};
  function rng(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
  const random = rng(${seed + 1});
  const word = () => (random() < 0.42 ? F[Math.floor(random() * F.length)] : C[Math.floor(random() * C.length)]);
  // A pool of short texts, made once, so a tick costs the page its DOM work, not text generation.
  const pool = [];
  for (let i = 0; i < 1009; i++) {
    const n = 6 + Math.floor(random() * 10);
    const words = [];
    for (let k = 0; k < n; k++) words.push(word());
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    pool.push(words.join(' '));
  }
  const article = document.getElementById('article');
  const container = document.getElementById('storm');
  const PATTERN = /Huawei|Entity List/g;
  window.expectedMentions = () => (article.textContent.match(PATTERN) || []).length + (container.textContent.match(PATTERN) || []).length;
  let serial = 0;
  window.storm = (ms) => new Promise((resolve) => {
    const start = performance.now();
    let ticks = 0;
    const tick = () => {
      if (performance.now() - start >= ms) return resolve(ticks);
      const fragment = document.createDocumentFragment();
      for (let k = 0; k < ${nodes}; k++) {
        const div = document.createElement('div');
        const text = pool[serial++ % pool.length];
        div.textContent = k % 20 === 7 ? text + ', Huawei ' + pool[(serial * 7) % pool.length].toLowerCase() + '.' : text + '.';
        fragment.appendChild(div);
      }
      container.replaceChildren(fragment);
      ticks++;
      setTimeout(tick, ${intervalMs});
    };
    tick();
  });
})();
`;
  html += '</article>\n<section id="storm"></section>\n<script>' + script + '</script>\n</body></html>\n';
  return { html, paragraphs, mentions, nodes, intervalMs, mentionsPerTick: Math.ceil((nodes - 7) / 20) };
}

/** Mentions on the feed page when it has `paragraphs` paragraphs. @param {number} paragraphs */
export const feedMentions = (paragraphs) => Math.floor((paragraphs + 4) / 10);

/**
 * Random word-like terms (letters only, 4–12 characters; a fifth of them two words), none of them
 * a vocabulary word, so they add states to the automaton but no matches.
 * @param {number} count @param {Set<string>} avoid
 */
export function randomTerms(count, avoid, seed = 99) {
  const random = rng(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const randomWord = () => {
    const n = 4 + Math.floor(random() * 9);
    let w = '';
    for (let i = 0; i < n; i++) w += letters[Math.floor(random() * 26)];
    return w;
  };
  const terms = new Set();
  while (terms.size < count) {
    const a = randomWord();
    if (avoid.has(a)) continue;
    if (random() < 0.2) {
      const b = randomWord();
      if (!avoid.has(b)) terms.add(`${a} ${b}`);
    } else {
      terms.add(a);
    }
  }
  return [...terms];
}

/** The kinds of frame on a news page with ads and widgets, and how many of each the 30-frame page has. */
export const FRAME_KINDS = /** @type {const} */ ({
  blank: { count: 12, label: 'empty about:blank (ad slot)' },
  ad: { count: 8, label: 'srcdoc ad, a few words' },
  pixel: { count: 4, label: 'srcdoc tracking pixel' },
  article: { count: 3, label: 'same-origin article, no mention' },
  mention: { count: 2, label: 'same-origin article, 2 mentions' },
  late: { count: 1, label: 'same-origin, its text (1 mention) arrives after 2 s' },
});
/** How long the late frame's server waits before sending its text (bench/run.mjs serves it). */
export const LATE_FRAME_MS = 2000;

/**
 * The 30-frame news page and, for each kind of frame, a page with 10 frames of that kind alone
 * (and one with none), so that a kind's cost per frame is the difference over 10. No page runs a
 * script of its own: every script in a trace of them is the extension's. The late frame is streamed
 * by the server: its text arrives 2 s after its first bytes.
 * @param {{ functionWords: string[], contentWords: string[] }} vocabulary
 */
export function framePages(vocabulary) {
  const writer = makeWriter(vocabulary, rng(41));
  const words = (/** @type {number} */ n) => Array.from({ length: n }, () => writer.word()).join(' ');
  const capital = (/** @type {string} */ text) => text[0].toUpperCase() + text.slice(1);
  const article = (/** @type {(string | undefined)[]} */ mentions) =>
    `${head('Frame')}<article><h2>${escapeHtml(capital(words(5)))}</h2>\n${[0, 1, 2].map((i) => `<p>${escapeHtml(writer.paragraph(mentions[i]))}</p>`).join('\n')}</article>\n</body></html>\n`;
  /** @type {Record<keyof typeof FRAME_KINDS, () => string>} */
  const frameOf = {
    blank: () => '<iframe width="300" height="250" title="ad slot"></iframe>',
    ad: () => `<iframe width="300" height="250" title="ad" srcdoc="<p style='font:14px sans-serif'>${escapeHtml(capital(words(5)))}</p><a href='#'>${escapeHtml(capital(words(2)))}</a>"></iframe>`,
    pixel: () => '<iframe width="1" height="1" style="border:0" title="pixel" srcdoc="<img alt=\'\' width=\'1\' height=\'1\'>"></iframe>',
    article: () => '<iframe width="600" height="300" title="article" src="frame-article.html"></iframe>',
    mention: () => '<iframe width="600" height="300" title="article with mentions" src="frame-article-mention.html"></iframe>',
    late: () => '<iframe width="600" height="300" title="late" src="frame-late.html"></iframe>',
  };
  const stories = Array.from({ length: 8 }, () => `<section><h2>${escapeHtml(capital(words(6)))}</h2><p>${escapeHtml(writer.paragraph(undefined))}</p></section>`);
  /** A front page without a mention of its own, with these frames spread between its stories. */
  const frontPage = (/** @type {string} */ title, /** @type {string[]} */ frames) => {
    let html = `${head(title)}<header><h1>${escapeHtml(capital(words(3)))}</h1><nav>${Array.from({ length: 8 }, () => `<a href="#">${escapeHtml(capital(writer.word()))}</a>`).join(' ')}</nav></header>\n`;
    stories.forEach((story, i) => {
      html += `${story}\n`;
      html += frames.filter((_, f) => f % stories.length === i).join('\n') + '\n';
    });
    return `${html}</body></html>\n`;
  };
  const mixed = Object.entries(FRAME_KINDS).flatMap(([kind, { count }]) => Array.from({ length: count }, () => frameOf[/** @type {keyof typeof FRAME_KINDS} */ (kind)]()));
  /** @type {Record<string, string>} */
  const files = {
    'frames-news.html': frontPage('News front page, 30 frames', mixed),
    'frames-kind-none.html': frontPage('News front page, no frame', []),
    'frame-article.html': article([]),
    'frame-article-mention.html': article(['Huawei', undefined, 'the Entity List']),
    // Served in two parts, the second after LATE_FRAME_MS (bench/run.mjs).
    'frame-late-1.html': `${head('Late frame')}<p>${escapeHtml(capital(words(3)))}…</p>\n`,
    'frame-late-2.html': `<p>${escapeHtml(writer.paragraph('5G standards'))}</p>\n</body></html>\n`,
  };
  for (const kind of Object.keys(FRAME_KINDS)) files[`frames-kind-${kind}.html`] = frontPage(`News front page, 10 frames: ${kind}`, Array.from({ length: 10 }, () => frameOf[/** @type {keyof typeof FRAME_KINDS} */ (kind)]()));
  return { files, mentionsPerFrame: { mention: 2, late: 1 } };
}

/**
 * Generates every page into `dir` (emptied first) and returns what the benchmark needs to know.
 * @param {string} root repository root @param {string} dir
 */
export function generatePages(root, dir) {
  const data = readTopics(root);
  const banned = patternWords(data);
  const vocabulary = buildVocabulary(banned);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A page of ordinary size: what every page pays for the content script to start, whatever its text.
  const small = articlePage(vocabulary, { textBytes: 8 * 1024, mentions: 3, title: '8 KB, 3 mentions' });
  const noMentions = articlePage(vocabulary, { mentions: 0, title: '2 MB, no mentions' });
  const withMentions = articlePage(vocabulary, { mentions: 200, title: '2 MB, 200 mentions' });
  const elements = elementsPage(vocabulary);
  const feed = feedPage(vocabulary);
  const storm = stormPage(vocabulary);
  const frames = framePages(vocabulary);
  const files = {
    ...frames.files,
    'text-8kb-3.html': small.html,
    'text-2mb-none.html': noMentions.html,
    'text-2mb-200.html': withMentions.html,
    'elements-50k.html': elements.html,
    'feed.html': feed.html,
    'storm.html': storm.html,
  };
  for (const [name, html] of Object.entries(files)) writeFileSync(join(dir, name), html);
  const vocabularySet = new Set([...vocabulary.functionWords, ...vocabulary.contentWords]);
  return {
    data,
    vocabularySet,
    pages: {
      small: { file: 'text-8kb-3.html', bytes: Buffer.byteLength(small.html), mentions: 3 },
      noMentions: { file: 'text-2mb-none.html', bytes: Buffer.byteLength(noMentions.html), text: noMentions.text, paragraphs: noMentions.paragraphs, mentions: 0 },
      withMentions: { file: 'text-2mb-200.html', bytes: Buffer.byteLength(withMentions.html), text: withMentions.text, paragraphs: withMentions.paragraphs, mentions: 200 },
      elements: { file: 'elements-50k.html', bytes: Buffer.byteLength(elements.html), elements: elements.elements, mentions: 50 },
      feed: { file: 'feed.html', bytes: Buffer.byteLength(feed.html), initial: feed.initial },
      frames: { file: 'frames-news.html', bytes: Buffer.byteLength(frames.files['frames-news.html']), kindFile: (/** @type {string} */ kind) => `frames-kind-${kind}.html`, mentionsPerFrame: frames.mentionsPerFrame },
      storm: { file: 'storm.html', bytes: Buffer.byteLength(storm.html), paragraphs: storm.paragraphs, mentions: storm.mentions, nodes: storm.nodes, intervalMs: storm.intervalMs, mentionsPerTick: storm.mentionsPerTick },
    },
  };
}

/**
 * A topic pack (core/topic-packs.ts format 1) with `termCount` made-up terms over 50 topics, each
 * topic with one answer: what an organisation's glossary-sized pack looks like to the extension.
 * @param {number} termCount @param {Set<string>} avoid words the terms must not use (the bench texts' own)
 */
export function bigPack(termCount, avoid) {
  const terms = randomTerms(termCount, avoid, 7);
  const TOPICS = 50;
  const perTopic = Math.ceil(terms.length / TOPICS);
  const topics = [];
  const faq = [];
  for (let t = 0; t < TOPICS; t++) {
    const id = `bench-topic-${t + 1}`;
    const own = terms.slice(t * perTopic, (t + 1) * perTopic);
    topics.push({ id, label: `Bench topic ${t + 1}`, summary: `Made-up topic ${t + 1} of the bench's large pack.`, faq: [`bench-entry-${t + 1}`], terms: own, properNames: [], ambiguousTerms: [], contextCues: [], counterCues: [] });
    faq.push({ id: `bench-entry-${t + 1}`, question: `What is bench topic ${t + 1}?`, answer: `A made-up topic that holds ${own.length} of the bench pack's terms.`, keywords: [own[0]] });
  }
  return { format: 1, id: 'bench-large', name: `Bench: ${terms.length} terms`, version: '1.0.0', description: 'Generated by bench/pages.mjs.', topics, extends: [], faq };
}

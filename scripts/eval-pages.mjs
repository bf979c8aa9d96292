// The page set (tests/eval/pages/): whole HTML pages with every mention labelled in place. Each
// page is read in happy-dom through the content script's own code path: page/text-blocks.ts walks
// it into blocks, the matcher finds the mentions in them (page/page-mentions.ts), and
// page/mention-context.ts extracts what the content script sends to the background; then
// chooseAnswer picks the card's answer, as the background does. The labels (spans carrying
// data-answers and data-best) are taken out of the page before it is read, so the code sees the
// text a reader's browser would.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

/** Which annotators' pages are which half (tests/eval/pages/README.md). */
export const PAGE_HALVES = { a: 'tune', b: 'tune', c: 'tune', d: 'tune', e: 'tune', f: 'tune', g: 'tune', h: 'tune', i: 'tune', j: 'tune', k: 'tune', l: 'tune', m: 'tune', n: 'tune', o: 'tune', p: 'tune', q: 'test', r: 'test', s: 'test', t: 'test' };
export const PAGE_KINDS = ['news', 'explainer', 'buyers-guide', 'forum', 'kb', 'encyclopedia', 'listicle', 'press-release', 'comments', 'table'];

/**
 * @typedef {{ answers: string[], best: string }} Labels
 * @typedef {{ file: string, half: string, kind: string, html: string, second?: [string, string][] }} EvalPage
 * @typedef {{ start: number, end: number, text: string, answers: string[], best: string, second?: Labels }} PageLabel
 * @typedef {{ page: string, half: string, kind: string, text: string, topic: string, term: string, start: number,
 *   label: PageLabel | undefined, shown: string[], chosen: string, sentence: string }} MentionResult
 */

/** Every page of the set, with its half and kind. @param {string} root @param {string[]} halves */
export function readEvalPages(root, halves) {
  const dir = join(root, 'tests/eval/pages');
  // A second annotator's labels of some pages, span by span (second-labels.json): how far two people agree.
  const second = /** @type {{ pages: Record<string, [string, string][]> }} */ (JSON.parse(readFileSync(join(dir, 'second-labels.json'), 'utf8'))).pages;
  /** @type {EvalPage[]} */
  const pages = [];
  for (const [folder, half] of Object.entries(PAGE_HALVES)) {
    if (!halves.includes(half)) continue;
    for (const name of readdirSync(join(dir, folder)).filter((n) => n.endsWith('.html')).sort()) {
      const kind = name.replace(/-\d+\.html$/, '');
      if (!PAGE_KINDS.includes(kind)) throw new Error(`tests/eval/pages/${folder}/${name}: unknown kind "${kind}"`);
      const file = `${folder}/${name}`;
      pages.push({ file, half, kind, html: readFileSync(join(dir, folder, name), 'utf8'), ...(second[file] && { second: second[file] }) });
    }
  }
  return pages;
}

/** The text nodes under `root` in document order, each with where its text starts in their concatenation. */
function textOffsets(/** @type {any} */ document) {
  /** @type {Map<any, number>} */
  const offsets = new Map();
  const walker = document.createTreeWalker(document.documentElement, 4 /* SHOW_TEXT */);
  let total = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    offsets.set(node, total);
    total += node.data.length;
  }
  return offsets;
}

/**
 * Takes the labels out of a parsed page: each label span's place (in the concatenated text of the
 * document, which unwrapping does not change) and labels, then the span is replaced by its text.
 * A second annotator's labels, if any, go with each span in document order.
 * @param {any} document @param {string} file @param {[string, string][] | undefined} second
 * @returns {PageLabel[]}
 */
function takeLabels(document, file, second) {
  const offsets = textOffsets(document);
  /** @type {PageLabel[]} */
  const labels = [];
  const spans = [...document.querySelectorAll('span[data-answers]')];
  if (second && second.length !== spans.length) throw new Error(`${file}: ${spans.length} label spans, but ${second.length} second labels`);
  for (const [index, span] of spans.entries()) {
    const first = document.createTreeWalker(span, 4).nextNode();
    if (!first) throw new Error(`${file}: an empty label span`);
    const start = offsets.get(first) ?? 0; // (every text node was counted)
    const answers = span.getAttribute('data-answers').split(/\s+/).filter(Boolean);
    const best = span.getAttribute('data-best');
    if (best !== 'none' && !answers.includes(best)) throw new Error(`${file}: "${span.textContent}" has a best answer (${best}) that is not among its answers`);
    const other = second?.[index];
    labels.push({ start, end: start + span.textContent.length, text: span.textContent, answers, best, ...(other && { second: { answers: other[0].split(/\s+/).filter(Boolean), best: other[1] } }) });
    span.replaceWith(...span.childNodes);
  }
  document.documentElement.normalize();
  return labels;
}

/**
 * @typedef {{ page: string, half: string, kind: string, text: string, topic: string, term: string, start: number,
 *   label: PageLabel | undefined, context: import('../core/answer-ranking.ts').RankingContext }} PageMention
 */

/**
 * Reads every page as the content script does: every mention it finds, with what it would send
 * the background (topic, term, context) and the annotator's label of that place, if any.
 * @param {EvalPage[]} pages
 * @param {{ load(path: string): Promise<any> }} modules the TypeScript module loader
 * @param {any} factData
 * @returns {Promise<{ mentions: PageMention[], missedLabels: (PageLabel & { page: string, half: string, kind: string })[] }>}
 */
export async function readPageMentions(pages, modules, factData) {
  const { iterateTextBlocks } = await modules.load('/page/text-blocks.ts');
  const { mentionsInBlock, pageMatcher } = await modules.load('/page/page-mentions.ts');
  const { mentionContext } = await modules.load('/page/mention-context.ts');
  const { createMatcher, matcherConfigFromTopics } = await modules.load('/core/matcher.ts');
  const matcher = createMatcher(matcherConfigFromTopics(factData));

  /** @type {PageMention[]} */
  const mentions = [];
  const missedLabels = [];
  for (const page of pages) {
    const window = new Window({ url: `https://eval.invalid/${page.file}` });
    // The modules reach these through the global scope, as in a browser.
    Object.assign(globalThis, { Range: window.Range, NodeFilter: window.NodeFilter });
    const document = window.document;
    document.write(page.html);
    const labels = takeLabels(document, page.file, page.second);
    const offsets = textOffsets(document);
    const used = new Set();
    const matcherOfPage = pageMatcher(matcher, document);
    for (const block of iterateTextBlocks(document.documentElement)) {
      if (!block) continue;
      for (const mention of mentionsInBlock(block, matcherOfPage)) {
        const start = (offsets.get(mention.range.startContainer) ?? NaN) + mention.range.startOffset;
        const end = (offsets.get(mention.range.endContainer) ?? NaN) + mention.range.endOffset;
        const label = labels.find((l) => l.start < end && start < l.end);
        if (label) used.add(label);
        mentions.push({ page: page.file, half: page.half, kind: page.kind, text: mention.range.toString(), topic: mention.topic, term: mention.term, start, label, context: mentionContext(mention, document) });
      }
    }
    for (const label of labels) if (!used.has(label)) missedLabels.push({ ...label, page: page.file, half: page.half, kind: page.kind });
    await window.happyDOM.close();
  }
  return { mentions, missedLabels };
}

/**
 * Reads every page and chooses an answer for every mention the extension finds there, as the
 * background does.
 * @param {EvalPage[]} pages
 * @param {{ load(path: string): Promise<any> }} modules the TypeScript module loader
 * @param {{ factData: any, answerModel: any }} data
 * @returns {Promise<{ mentions: MentionResult[], missedLabels: (PageLabel & { page: string, half: string, kind: string })[] }>}
 */
export async function evaluatePages(pages, modules, { factData, answerModel }) {
  const { chooseAnswer } = await modules.load('/core/answer-ranking.ts');
  const { mentions, missedLabels } = await readPageMentions(pages, modules, factData);
  return {
    missedLabels,
    mentions: mentions.map(({ context, ...mention }) => {
      const choice = chooseAnswer(factData.faq, { ...factData, model: answerModel, topicId: mention.topic, term: mention.term, context });
      // What the card shows open: the chosen answer, and the runner-up when the ranker is unsure (the others are listed, closed).
      const shown = [choice.chosen.id, ...(choice.runnerUp ? [choice.runnerUp.id] : [])];
      return { ...mention, shown, chosen: choice.chosen.id, sentence: context.sentence };
    }),
  };
}

/** A digest of the pages' files (names and contents): the model records the tune pages it was fitted on. @param {EvalPage[]} pages */
export function pagesDigest(pages) {
  const hash = createHash('sha256');
  for (const page of [...pages].sort((a, b) => (a.file < b.file ? -1 : 1))) hash.update(`${page.file}\n${page.html}\n`);
  return hash.digest('hex');
}

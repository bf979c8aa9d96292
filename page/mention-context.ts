import type { RankingContext } from '../core/answer-ranking';
import { sentenceAround, textAround } from '../core/sentence-context';
import type { PageMention } from './page-mentions';
import { blockContainerOf } from './text-blocks';

/**
 * How much text on each side of a mention is sent as its paragraph (a typical one is far shorter):
 * it bounds the message; the ranker itself reads up to 1,000 characters beyond the sentence, which
 * reaches at most 600 from the mention, so this covers all it reads.
 */
const PARAGRAPH_REACH = 2000;
/** A title or heading longer than this is not one (some pages put whole paragraphs there). */
const TITLE_REACH = 300;
/** How much of the page's lead paragraph is sent. */
const LEAD_REACH = 600;
/** How many elements the search for a mention's section heading looks at before it gives up. */
const HEADING_SEARCH_LIMIT = 2000;

const HEADING = /^h[1-6]$/;
const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const clean = (text: string | null | undefined, reach: number) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, reach);
const isHeading = (element: Element) => HEADING.test(element.localName) || element.getAttribute('role') === 'heading';

/** How many elements after the headline the search for the lead looks at. */
const LEAD_SEARCH_LIMIT = 200;
/** The page's outline: its first section headings, this many, in at most this many characters. */
const OUTLINE_HEADINGS = 12;
const OUTLINE_REACH = 600;
/** A paragraph shorter than this is a byline or a caption, not the lead. */
const LEAD_MIN_LENGTH = 80;

/** The text of an element, its white space collapsed, read no further than `reach` characters' worth of nodes. */
function textOf(element: Element | null | undefined, reach: number): string {
  if (!element) return '';
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < 2 * reach; node = walker.nextNode()) text += (node as Text).data;
  return clean(text, reach);
}

/** The first paragraph of some length from `from` on in document order, looking at a bounded number of elements. */
function leadFrom(doc: Document, from: Element): string {
  const walker = doc.createTreeWalker(from, NodeFilter.SHOW_ELEMENT);
  let steps = 0;
  for (let node = walker.nextNode(); node && steps < LEAD_SEARCH_LIMIT; node = walker.nextNode(), steps++) {
    if ((node as Element).localName !== 'p') continue;
    const text = textOf(node as Element, LEAD_REACH);
    if (text.length >= LEAD_MIN_LENGTH) return text;
  }
  return '';
}

/**
 * What the whole page says it is about: its headline (the first <h1>) and its lead (the first
 * paragraph of some length after it, or in the page's main content). Read on the first card of a
 * page and again only when its headline element changes (a single-page app moved on).
 */
let pageContext: { doc: Document; h1: Element | null; headline: string; lead: string; outline: string } | undefined;
function pageContextOf(doc: Document): { headline: string; lead: string; outline: string } {
  const h1 = doc.querySelector('h1');
  if (pageContext?.doc !== doc || pageContext.h1 !== h1) {
    const main = doc.querySelector('main, article, [role="main"]') ?? doc.body ?? doc.documentElement;
    // The walk from the headline's parent reaches what follows it there (a headline is usually
    // the first thing of its article or header); failing that, the main content's first paragraph.
    const lead = (h1?.parentElement && leadFrom(doc, h1.parentElement)) || leadFrom(doc, main);
    const outline = clean([...main.querySelectorAll('h2, h3')].slice(0, OUTLINE_HEADINGS).map((heading) => textOf(heading, TITLE_REACH)).join(' · '), OUTLINE_REACH);
    pageContext = { doc, h1, headline: textOf(h1, TITLE_REACH), lead, outline };
  }
  return pageContext;
}

/**
 * The heading of the section a mention is in: the nearest heading before it in document order,
 * found within a bounded number of elements. A mention inside a heading has no section heading of
 * its own (the heading is its sentence).
 */
export function sectionHeadingOf(element: Element): string {
  if (element.closest(HEADINGS)) return '';
  let steps = 0;
  for (let node = previousElement(element); node && steps < HEADING_SEARCH_LIMIT; node = previousElement(node), steps++) {
    if (isHeading(node)) return textOf(node, TITLE_REACH);
  }
  return '';
}

/**
 * The element before `element` in document order: its previous sibling's last descendant, or its
 * parent. (Written out rather than TreeWalker.previousNode, which happy-dom, where the page
 * evaluation reads pages, answers with the parent.)
 */
function previousElement(element: Element): Element | null {
  let node = element.previousElementSibling;
  if (!node) return element.parentElement;
  while (node.lastElementChild) node = node.lastElementChild;
  return node;
}

/** For a mention in a table cell: its column's header and its row's first cell (what the cell is about). */
export function tableHeadersOf(element: Element): string {
  const cell = element.closest('td, th');
  const row = cell?.parentElement;
  const table = cell?.closest('table');
  if (!cell || !row || !table) return '';
  const index = [...row.children].indexOf(cell);
  const headerRow = table.querySelector('thead tr') ?? table.querySelector('tr');
  const columnHeader = headerRow && headerRow !== row ? headerRow.children[index] : undefined;
  const rowHeader = row.children[0] !== cell ? row.children[0] : undefined;
  return clean([textOf(columnHeader, TITLE_REACH), textOf(rowHeader, TITLE_REACH)].filter(Boolean).join(' · '), TITLE_REACH);
}

/**
 * What a mention's answer is chosen from: its sentence, its paragraph (or the text around it in a
 * very long block), the page title, the heading of its section (and a table cell's headers), and
 * the page's headline and lead. The content script sends it to the background with the request
 * for answers; the page evaluation (scripts/eval-pages.mjs) calls it the same way.
 */
export function mentionContext(mention: PageMention, doc: Document = document): RankingContext {
  const container = blockContainerOf(mention.startNode);
  const element = container.nodeType === 1 ? (container as Element) : mention.startNode.parentElement;
  const page = pageContextOf(doc);
  const heading = element ? [sectionHeadingOf(element), tableHeadersOf(element)].filter(Boolean).join(' · ') : '';
  return {
    sentence: sentenceAround(mention.block.text, mention.start, mention.end, doc.documentElement.lang || undefined),
    paragraph: textAround(mention.block.text, mention.start, mention.end, PARAGRAPH_REACH).text,
    title: doc.title.slice(0, TITLE_REACH),
    ...(heading && { heading }),
    ...(page.headline && { headline: page.headline }),
    ...(page.lead && { lead: page.lead }),
    ...(page.outline && { outline: page.outline }),
  };
}

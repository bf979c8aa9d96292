import type { RankingContext } from '../utils/answer-ranking';
import { sentenceAround, textAround } from '../utils/sentence-context';
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
const HEADING_SEARCH_LIMIT = 400;

const HEADING = /^h[1-6]$/;
const clean = (text: string | null | undefined, reach: number) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, reach);
const isHeading = (element: Element) => HEADING.test(element.localName) || element.getAttribute('role') === 'heading';

/**
 * What the whole page says it is about: its headline (the first <h1>) and its lead (the first
 * paragraph of some length after it, or in the page's main content). Read once per document.
 */
const pageContexts = new WeakMap<Document, { headline: string; lead: string }>();
function pageContextOf(doc: Document): { headline: string; lead: string } {
  let context = pageContexts.get(doc);
  if (!context) {
    const main = doc.querySelector('main, article, [role="main"]') ?? doc.body ?? doc.documentElement;
    const h1 = doc.querySelector('h1');
    const paragraphs = [...main.querySelectorAll('p')];
    const afterHeadline = h1 ? paragraphs.filter((p) => h1.compareDocumentPosition(p) & 4 /* DOCUMENT_POSITION_FOLLOWING */) : paragraphs;
    const lead = (afterHeadline.length > 0 ? afterHeadline : paragraphs).find((p) => clean(p.textContent, LEAD_REACH).length >= 80);
    context = { headline: clean(h1?.textContent, TITLE_REACH), lead: clean(lead?.textContent, LEAD_REACH) };
    pageContexts.set(doc, context);
  }
  return context;
}

/**
 * The heading of the section a mention is in: the nearest heading before it in document order
 * (a preceding sibling, the last heading inside one, or an ancestor's), found within a bounded
 * number of steps. A mention inside a heading has no section heading of its own.
 */
export function sectionHeadingOf(element: Element): string {
  let steps = 0;
  for (let current: Element | null = element; current && steps < HEADING_SEARCH_LIMIT; current = current.parentElement) {
    if (isHeading(current)) return '';
    for (let sibling = current.previousElementSibling; sibling && steps < HEADING_SEARCH_LIMIT; sibling = sibling.previousElementSibling) {
      steps++;
      if (isHeading(sibling)) return clean(sibling.textContent, TITLE_REACH);
      const inner = sibling.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]');
      if (inner.length > 0) return clean(inner[inner.length - 1].textContent, TITLE_REACH);
    }
  }
  return '';
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
  return clean([columnHeader?.textContent, rowHeader?.textContent].filter(Boolean).join(' · '), TITLE_REACH);
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
  };
}

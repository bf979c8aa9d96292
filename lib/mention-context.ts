import type { RankingContext } from '../utils/answer-ranking';
import { sentenceAround, textAround } from '../utils/sentence-context';
import type { PageMention } from './page-mentions';

/**
 * How much text on each side of a mention is sent as its paragraph (a typical one is far shorter):
 * it bounds the message; the ranker itself reads up to 1,000 characters beyond the sentence, which
 * reaches at most 600 from the mention, so this covers all it reads.
 */
const PARAGRAPH_REACH = 2000;
/** A title longer than this is not a title (some pages put whole paragraphs there). */
const TITLE_REACH = 300;

/**
 * What a mention's answer is chosen from: its sentence, its paragraph (or the text around it in a
 * very long block) and the page title. The content script sends it to the background with the
 * request for answers; the page evaluation (scripts/eval-pages.mjs) calls it the same way.
 */
export function mentionContext(mention: PageMention, doc: Document = document): RankingContext {
  return {
    sentence: sentenceAround(mention.block.text, mention.start, mention.end, doc.documentElement.lang || undefined),
    paragraph: textAround(mention.block.text, mention.start, mention.end, PARAGRAPH_REACH).text,
    title: doc.title.slice(0, TITLE_REACH),
  };
}

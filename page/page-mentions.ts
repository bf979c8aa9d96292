import type { Matcher } from '../core/matcher';
import { positionInBlock, type TextBlock } from './text-blocks';

/** A mention found on the page: where it is (a live Range) and what it is about. */
export interface PageMention {
  topic: string;
  term: string;
  range: Range;
  /** The text node the mention starts in (the range's own start moves if that node is removed). */
  startNode: Text;
  block: TextBlock;
  /** Offsets into `block.text`. */
  start: number;
  end: number;
}

export function mentionsInBlock(block: TextBlock, matcher: Matcher): PageMention[] {
  return matcher.findMentions(block.text).map((mention) => {
    const from = positionInBlock(block, mention.start);
    const to = positionInBlock(block, mention.end, true);
    const range = new Range();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return { topic: mention.topic, term: mention.term, range, startNode: from.node, block, start: mention.start, end: mention.end };
  });
}

/** How much of the title and the headline is read as the page's evidence (a longer one is not a title). */
const EVIDENCE_REACH = 300;

/**
 * The matcher as it reads `doc`: an ambiguous term ("blacklist") also counts in a block with no cue
 * of its own when the page's title or headline (first h1) shows the page is about its topic,
 * unless the block has a counter-cue ("spam", "DNS", "Hollywood"). What the page says of itself is
 * read when this is made, once per reading of the page.
 */
export function pageMatcher(matcher: Matcher, doc: Document): Matcher {
  const headline = doc.querySelector('h1')?.textContent ?? '';
  const pageTopics = matcher.pageTopicsIn([doc.title.slice(0, EVIDENCE_REACH), headline.slice(0, EVIDENCE_REACH)]);
  if (pageTopics.size === 0) return matcher;
  return { ...matcher, findMentions: (text, topics = pageTopics) => matcher.findMentions(text, topics) };
}

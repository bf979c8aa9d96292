import type { Matcher } from '../utils/matcher';
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

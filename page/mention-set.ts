import type { PageMention } from './page-mentions';
import { mergeInPageOrder } from './page-order';

/**
 * The page's current mentions. At most one per place: text read twice (a part left for later that
 * holds a paragraph read since, because the page changed it) replaces what was read before, never
 * duplicates it. It also keeps them in page order, merging each batch's new ones in, since
 * sorting all of them after every change grew with the page (see page-order.ts).
 */
export function createMentionSet() {
  const mentions = new Set<PageMention>();
  /** The mentions starting in each text node. */
  const byStartNode = new Map<Text, PageMention[]>();
  /** The mentions in page order as last reported, and those added since (in reading order). */
  let ordered: PageMention[] = [];
  let unreported: PageMention[] = [];
  let changed = false;

  const samePlace = (a: PageMention, b: PageMention) =>
    a.range.startOffset === b.range.startOffset && a.range.endContainer === b.range.endContainer && a.range.endOffset === b.range.endOffset;

  function remove(mention: PageMention) {
    if (!mentions.delete(mention)) return;
    const rest = (byStartNode.get(mention.startNode) ?? []).filter((m) => m !== mention);
    if (rest.length > 0) byStartNode.set(mention.startNode, rest);
    else byStartNode.delete(mention.startNode);
    changed = true;
  }

  return {
    add(mention: PageMention) {
      const twin = byStartNode.get(mention.startNode)?.find((m) => samePlace(m, mention));
      if (twin) remove(twin);
      mentions.add(mention);
      unreported.push(mention);
      byStartNode.set(mention.startNode, [...(byStartNode.get(mention.startNode) ?? []), mention]);
      changed = true;
    },
    remove,
    /** The mentions that start in `text`. */
    startingIn: (text: Text): readonly PageMention[] => byStartNode.get(text) ?? [],
    values: () => mentions.values(),
    /** Makes the next `takeChanges` report, changed or not (the first scan always reports). */
    markChanged() {
      changed = true;
    },
    /**
     * All mentions in page order if they changed since the last call, else undefined. The list is
     * the caller's to keep: each change builds a new one, the returned one is never altered.
     */
    takeChanges(): readonly PageMention[] | undefined {
      if (!changed) return undefined;
      changed = false;
      const fresh = unreported.filter((mention) => mentions.has(mention));
      unreported = [];
      ordered = mergeInPageOrder(ordered.filter((mention) => mentions.has(mention)), fresh);
      return ordered;
    },
    clear() {
      mentions.clear();
      byStartNode.clear();
      ordered = [];
      unreported = [];
    },
  };
}

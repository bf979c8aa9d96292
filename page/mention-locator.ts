import type { PageMention } from './page-mentions';

export interface LocatedMention {
  mention: PageMention;
  /** The line box of the mention under the pointer (a mention can wrap over lines). */
  lineIndex: number;
}

const TOLERANCE_PX = 1;
/**
 * Asking Chromium where a point falls in a text node costs time in proportion to the node
 * (~20 ms per MB, every time): over text nodes this long, the pointer is not hit-tested, so that a
 * 10 MB log in a <pre> cannot make every mouse move a long task. Their mentions are still
 * highlighted, and the keyboard command and the popup reach them.
 */
const HIT_TEST_TEXT_LIMIT = 200_000;

function caretAt(doc: Document, x: number, y: number, shadowRoots: readonly ShadowRoot[]): { node: Node; offset: number } | undefined {
  if (typeof doc.caretPositionFromPoint === 'function') {
    // Naming the shadow roots lets the caret land on text inside them, not on their host.
    const position = (doc.caretPositionFromPoint as (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => CaretPosition | null)(x, y, { shadowRoots: [...shadowRoots] });
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = (doc as Document & { caretRangeFromPoint?: (x: number, y: number) => Range | null }).caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/**
 * Finds the mention under a point. The caret position says which text node the point is over;
 * the mention's client rects (read now, so scrolling and reflow are accounted for) confirm that
 * the point is on its glyphs and not on empty space beside a line.
 */
export function createMentionLocator(mentions: readonly PageMention[], shadowRoots: Iterable<ShadowRoot> = [], doc: Document = document) {
  const roots = [...shadowRoots];
  // Built on the first question, not with the locator: a page that changes often gets a new
  // locator after every change, and most are never asked (thousands of mentions cost ~4 ms).
  let index: { byNode: Map<Node, PageMention[]>; tooLongToHitTest: Set<Element | null> } | undefined;
  const built = () => {
    if (index) return index;
    const byNode = new Map<Node, PageMention[]>();
    const tooLongToHitTest = new Set<Element | null>();
    for (const mention of mentions) {
      for (const node of mention.block.nodes) {
        if (!mention.range.intersectsNode(node)) continue;
        if (node.data.length > HIT_TEST_TEXT_LIMIT) tooLongToHitTest.add(node.parentElement);
        const list = byNode.get(node) ?? [];
        list.push(mention);
        byNode.set(node, list);
      }
    }
    return (index = { byNode, tooLongToHitTest });
  };

  return {
    mentionAt(x: number, y: number): LocatedMention | undefined {
      const { byNode, tooLongToHitTest } = built();
      if (tooLongToHitTest.size > 0 && tooLongToHitTest.has(doc.elementFromPoint(x, y))) return undefined;
      const caret = caretAt(doc, x, y, roots);
      const candidates = caret && byNode.get(caret.node);
      if (!candidates) return undefined;
      for (const mention of candidates) {
        const rects = mention.range.getClientRects();
        for (let i = 0; i < rects.length; i++) {
          const r = rects[i];
          if (x >= r.left - TOLERANCE_PX && x <= r.right + TOLERANCE_PX && y >= r.top - TOLERANCE_PX && y <= r.bottom + TOLERANCE_PX) {
            return { mention, lineIndex: i };
          }
        }
      }
      return undefined;
    },
  };
}

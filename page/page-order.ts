import type { PageMention } from './page-mentions';

/**
 * Page order for mentions, kept cheap on long pages. Chromium's `compareDocumentPosition` finds
 * which of two siblings comes first by walking their parent's children from the first one, so
 * comparing two paragraphs of a 5,000-paragraph feed costs thousands of steps. Mentions are
 * mostly compared with their neighbours (a batch's new mentions, read in page order; the last
 * mention before an appended chunk), which a short walk forward from each settles.
 */

/** How far to walk forward from each side before asking the browser. */
const NEAR_SIBLINGS = 32;

/** Negative if `a` comes before `b` in the document, positive if after, 0 if the same or not comparable (different trees). */
export function compareNodes(a: Node, b: Node): number {
  if (a === b) return 0;
  const pathA: Node[] = [];
  for (let node: Node | null = a; node; node = node.parentNode) pathA.push(node);
  const pathB: Node[] = [];
  for (let node: Node | null = b; node; node = node.parentNode) pathB.push(node);
  let i = pathA.length - 1;
  let j = pathB.length - 1;
  if (pathA[i] !== pathB[j]) return byBrowser(a, b); // different trees (a shadow root, a detached node)
  while (i > 0 && j > 0 && pathA[i - 1] === pathB[j - 1]) {
    i--;
    j--;
  }
  if (i === 0) return -1; // `a` holds `b`: it starts first
  if (j === 0) return 1;
  const childA = pathA[i - 1];
  const childB = pathB[j - 1];
  let afterA = childA.nextSibling;
  let afterB = childB.nextSibling;
  for (let step = 0; step < NEAR_SIBLINGS && (afterA || afterB); step++) {
    if (afterA === childB) return -1;
    if (afterB === childA) return 1;
    afterA = afterA?.nextSibling ?? null;
    afterB = afterB?.nextSibling ?? null;
  }
  return byBrowser(childA, childB);
}

function byBrowser(a: Node, b: Node): number {
  const position = a.compareDocumentPosition(b);
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : position & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
}

export function inPageOrder(a: PageMention, b: PageMention): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  return compareNodes(a.range.startContainer, b.range.startContainer);
}

/**
 * `ordered` (in page order) with `fresh` merged in. `fresh` is sorted first: it was read in page
 * order, so that costs about one neighbour comparison each. Mentions appended after all the others
 * (the usual case on a feed) cost one comparison in all.
 */
export function mergeInPageOrder(ordered: readonly PageMention[], fresh: readonly PageMention[]): PageMention[] {
  const sorted = [...fresh].sort(inPageOrder);
  if (sorted.length === 0) return [...ordered];
  if (ordered.length === 0 || inPageOrder(ordered[ordered.length - 1], sorted[0]) < 0) return [...ordered, ...sorted];
  const merged: PageMention[] = [];
  let i = 0;
  let j = 0;
  while (i < ordered.length && j < sorted.length) merged.push(inPageOrder(sorted[j], ordered[i]) < 0 ? sorted[j++] : ordered[i++]);
  while (i < ordered.length) merged.push(ordered[i++]);
  while (j < sorted.length) merged.push(sorted[j++]);
  return merged;
}

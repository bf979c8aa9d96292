/**
 * On a long page, what to read now and what later. The text within reach of the viewport is read
 * at once; the rest when the reader scrolls towards it, or asks for the whole page (the popup, the
 * keyboard command). A 2 MB page then costs its first screens, not 2 MB.
 *
 * Decided from the layout the page already has: the extent of a handful of sampled children per
 * level, never a walk of the whole tree. Where the layout cannot tell (children out of document
 * order, as in columns or reordered grids; elements without a box; a split that would cut a run of
 * text flowing between elements), the part in question is read now, whole: the plan can only ever
 * read too much, never lose text.
 */
import { isInline, type SiblingRun } from './text-blocks';

export type { SiblingRun };

export type ReadingTarget = Node | SiblingRun;

export const isSiblingRun = (target: ReadingTarget): target is SiblingRun => 'parent' in target && 'first' in target;

/** A vertical extent in client coordinates. */
export interface Extent {
  top: number;
  bottom: number;
}

export interface Geometry {
  /** Where an element's box (with the content that overflows it) lies, or undefined if it has none. */
  extentOf(element: Element): Extent | undefined;
}

export interface PlanOptions {
  /** Client y coordinates whose text is read now: the viewport and a margin round it. */
  band: Extent;
  /** Anything no taller than this is read whole rather than split. */
  tallPx: number;
  geometry?: Geometry;
}

export interface ReadingPlan {
  now: ReadingTarget[];
  later: SiblingRun[];
}

/** From the live layout. `scrollHeight` counts content that overflows the box or scrolls inside it. */
export const layoutGeometry: Geometry = {
  extentOf(element) {
    const rect = element.getBoundingClientRect();
    // No box at all: display: none (or display: contents, whose children do have boxes).
    if (rect.width === 0 && rect.height === 0 && element.getClientRects().length === 0) return undefined;
    return { top: rect.top, bottom: rect.top + Math.max(rect.height, element.scrollHeight) };
  },
};

/** Children sampled per level when a run is long: enough to narrow 20,000 paragraphs down in three levels. */
const SAMPLES = 16;
/** Runs this short are looked at child by child. */
const FEW = 12;
const ELEMENT = 1;
const TEXT = 3;

const overlaps = (extent: Extent, band: Extent) => extent.top < band.bottom && extent.bottom > band.top;

/** Text that flows with its neighbours: blocks may straddle any split of the run it is in. */
const flowsInline = (node: Node) => isInline(node) || (node.nodeType === TEXT && /\S/.test((node as Text).data));

/**
 * Consecutive children, by index into a list: an element's live `childNodes` (read natively, so a
 * plan of a parent with thousands of children touches a few of them, not all), or a run's nodes.
 */
interface Siblings {
  readonly length: number;
  at(index: number): ChildNode;
  slice(from: number, to?: number): Siblings;
}

function siblingsIn(list: ArrayLike<ChildNode>, start = 0, end = list.length): Siblings {
  return {
    length: end - start,
    at: (index) => list[start + index],
    slice: (from, to = end - start) => siblingsIn(list, start + from, start + Math.min(to, end - start)),
  };
}

function someOf(nodes: Siblings, test: (node: ChildNode) => boolean): boolean {
  for (let i = 0; i < nodes.length; i++) if (test(nodes.at(i))) return true;
  return false;
}

/** Whether text flows across the split before `nodes.at(at)`: the nearest non-blank node on either side flows inline. */
function splitsFlow(nodes: Siblings, at: number): boolean {
  const isBlank = (node: Node) => node.nodeType !== ELEMENT && !flowsInline(node);
  let before = at - 1;
  while (before >= 0 && isBlank(nodes.at(before))) before--;
  let after = at;
  while (after < nodes.length && isBlank(nodes.at(after))) after++;
  return (before >= 0 && flowsInline(nodes.at(before))) || (after < nodes.length && flowsInline(nodes.at(after)));
}

const runOf = (parent: Node, nodes: Siblings): SiblingRun => ({ parent, first: nodes.at(0), last: nodes.at(nodes.length - 1) });

/** The children of a run, in order (empty if the page has moved them since). */
export function runNodes(run: SiblingRun): ChildNode[] {
  const nodes: ChildNode[] = [];
  if (run.first.parentNode !== run.parent || run.last.parentNode !== run.parent) return nodes;
  for (let node: ChildNode | null = run.first; node; node = node.nextSibling) {
    nodes.push(node);
    if (node === run.last) return nodes;
  }
  return []; // `last` no longer follows `first`
}

/** Where a run's content lies: from its first element with a box to its last, or undefined if none has one. */
export function runExtent(nodes: readonly ChildNode[], geometry: Geometry = layoutGeometry): Extent | undefined {
  let top: number | undefined;
  for (const node of nodes) {
    const extent = node.nodeType === ELEMENT ? geometry.extentOf(node as Element) : undefined;
    if (extent) {
      top = extent.top;
      break;
    }
  }
  if (top === undefined) return undefined;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const extent = nodes[i].nodeType === ELEMENT ? geometry.extentOf(nodes[i] as Element) : undefined;
    if (extent) return { top, bottom: Math.max(top, extent.bottom) };
  }
  return undefined;
}

/**
 * Splits `target` (an element, or a run of siblings left for later by an earlier plan) into what
 * to read now and what to leave for later.
 */
export function planReading(target: Element | SiblingRun, { band, tallPx, geometry = layoutGeometry }: PlanOptions): ReadingPlan {
  const now: ReadingTarget[] = [];
  const later: SiblingRun[] = [];

  function planElement(element: Element, extent = geometry.extentOf(element)) {
    if (!extent || extent.bottom - extent.top <= tallPx || !element.firstElementChild) {
      now.push(element);
      return;
    }
    planRun(element, siblingsIn(element.childNodes));
  }

  function planRun(parent: Node, nodes: Siblings) {
    if (nodes.length === 0) return;
    if (nodes.length > FEW) planBySamples(parent, nodes);
    else if (someOf(nodes, flowsInline)) now.push(runOf(parent, nodes));
    else planChildByChild(parent, nodes);
  }

  function planChildByChild(parent: Node, nodes: Siblings) {
    let deferred: ChildNode[] = [];
    const flush = () => {
      if (deferred.length > 0) later.push(runOf(parent, siblingsIn(deferred)));
      deferred = [];
    };
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes.at(i);
      if (node.nodeType !== ELEMENT) {
        // Blank text and comments hold nothing to read: they go with a run being deferred.
        if (deferred.length > 0) deferred.push(node);
        continue;
      }
      const extent = geometry.extentOf(node as Element);
      if (extent && !overlaps(extent, band)) {
        deferred.push(node);
        continue;
      }
      flush();
      planElement(node as Element, extent);
    }
    flush();
  }

  function planBySamples(parent: Node, nodes: Siblings) {
    const n = nodes.length;
    const samples: (Extent & { index: number })[] = [];
    for (let k = 0; k < SAMPLES; k++) {
      let index = Math.floor((k * (n - 1)) / (SAMPLES - 1));
      while (index < n && nodes.at(index).nodeType !== ELEMENT) index++;
      if (index >= n || (samples.length > 0 && samples[samples.length - 1].index >= index)) continue;
      const extent = geometry.extentOf(nodes.at(index) as Element);
      if (extent) samples.push({ index, ...extent });
    }
    // In normal flow a later sibling never starts higher up. Where one does (columns, grids,
    // reordered flex items), the samples cannot say what lies between them: read it all.
    const inFlow = samples.length >= 2 && samples.every((s, i) => i === 0 || s.top >= samples[i - 1].top - 1);
    if (!inFlow) {
      now.push(runOf(parent, nodes));
      return;
    }
    // A sample wholly above the band takes what precedes it along; one wholly below, what follows.
    let from = 0;
    let to = n - 1;
    let top = samples[0].top;
    let bottom = samples[samples.length - 1].bottom;
    for (const s of samples) {
      if (s.bottom > band.top) break;
      from = s.index + 1;
      top = s.bottom;
    }
    for (let k = samples.length - 1; k >= 0 && samples[k].top >= band.bottom; k--) {
      to = samples[k].index - 1;
      bottom = samples[k].top;
    }
    // Only where the run is split can a block be cut in two: there, text must not flow across.
    if ((from > 0 && splitsFlow(nodes, Math.min(from, n))) || (to < n - 1 && splitsFlow(nodes, Math.max(to + 1, from)))) {
      now.push(runOf(parent, nodes));
      return;
    }
    if (from > 0) later.push(runOf(parent, nodes.slice(0, Math.min(from, n))));
    if (to < n - 1) later.push(runOf(parent, nodes.slice(Math.max(to + 1, from))));
    if (from > to) return; // the band falls in a gap between two samples
    const middle = nodes.slice(from, to + 1);
    if (middle.length === n || bottom - top <= tallPx) now.push(runOf(parent, middle));
    else planRun(parent, middle);
  }

  if (isSiblingRun(target)) planRun(target.parent, siblingsIn(runNodes(target)));
  else planElement(target);
  return { now, later };
}


/**
 * Reads a page's text as blocks: runs of text nodes that a reader sees as one piece of text (a
 * paragraph, a list item, a cell). Inline markup does not split a block, so `Hua<b>wei</b>` reads
 * as "Huawei"; a block element or a `<br>` does.
 */

/**
 * Consecutive children of `parent`, from `first` to `last` inclusive: a part of the page that
 * page/reading-plan.ts set aside for later, and that the walks here read when it is due.
 */
export interface SiblingRun {
  parent: Node;
  first: ChildNode;
  last: ChildNode;
}

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]` in `text`. */
  starts: number[];
}

/** Elements whose text is never a reader's prose, or belongs to a form control (by localName). */
const SKIPPED_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'button',
  'iframe', 'object', 'canvas', 'svg', 'math', 'head', 'title',
]);

/** Elements laid out inline by default: text on both sides of them is one block. */
const INLINE_ELEMENTS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'kbd', 'label', 'mark', 'q', 'ruby', 'rt', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup',
  'time', 'tt', 'u', 'var', 'wbr', 'nobr',
]);

export interface ScanOptions {
  /** Our own UI, which is never scanned. */
  isOwnElement?: (element: Element) => boolean;
  /** The page removed the node the walk had paused on, so the walk under `root` stopped short. */
  onInterrupted?: (root: Node) => void;
}

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;
const FRAGMENT = 11;

/** Starts an editable region. (Descendants of one are never visited, so inheritance needs no check.) */
function startsEditing(element: Element): boolean {
  const value = element.getAttribute('contenteditable');
  return value !== null && value !== 'false';
}

function isSkipped(element: Element, options: ScanOptions): boolean {
  return SKIPPED_ELEMENTS.has(element.localName) || startsEditing(element) || options.isOwnElement?.(element) === true;
}

/** An inline element (b, a, span…): text on both sides of it belongs to one block. */
export const isInline = (node: Node) => node.nodeType === ELEMENT && INLINE_ELEMENTS.has((node as Element).localName);

/** The nearest ancestor (or the node itself) that is not inline text or an inline element: text inside it with nothing block-like between forms one block. */
export function blockContainerOf(node: Node): Node {
  let current: Node | null = node.nodeType === ELEMENT ? node : node.parentNode;
  while (current && isInline(current) && current.parentNode) current = current.parentNode;
  return current ?? node;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
/** Whether the text before and the text after meet inside a word (a letter or digit on both sides). */
const touchesWord = (before: string, after: string) => before !== '' && WORD_CHARACTER.test(before[before.length - 1]) && WORD_CHARACTER.test(after[0]);

/**
 * Whether an element boundary between two text nodes of one block separates words on screen: an
 * element between them (up to their common ancestor) is a box of its own (inline-block, block, a
 * flex or grid item, floated or positioned), has a gap on that side (margin, padding, border), or
 * draws something there (a ::before or ::after separator, as breadcrumbs do). Plain inline
 * formatting (`Hua<b>wei</b>`, a coloured letter, a kerning span) does not. Asked only where a
 * word would otherwise run on across elements, which prose rarely does, so the computed styles it
 * reads stay few.
 */
export function separatesItems(before: Node, after: Node): boolean {
  if (before.parentNode === after.parentNode) return false;
  const common = commonAncestor(before, after);
  for (let element = before.parentElement; element && element !== common; element = element.parentElement) if (isSeparateBox(element, 'end')) return true;
  for (let element = after.parentElement; element && element !== common; element = element.parentElement) if (isSeparateBox(element, 'start')) return true;
  return false;
}

function commonAncestor(a: Node, b: Node): Node | null {
  const ancestors = new Set<Node>();
  for (let node: Node | null = a; node; node = node.parentNode) ancestors.add(node);
  for (let node: Node | null = b; node; node = node.parentNode) if (ancestors.has(node)) return node;
  return null;
}

function isSeparateBox(element: Element, side: 'start' | 'end'): boolean {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  const style = view.getComputedStyle(element);
  // (An empty value is a style the environment did not compute: nothing is known to separate.)
  if (style.display !== '' && style.display !== 'inline' && style.display !== 'contents') return true;
  if ((style.float !== '' && style.float !== 'none') || style.position === 'absolute' || style.position === 'fixed') return true;
  const gap = (property: string) => Number.parseFloat(style.getPropertyValue(property)) > 0;
  if (side === 'end' ? gap('margin-inline-end') || gap('padding-inline-end') || gap('border-inline-end-width') : gap('margin-inline-start') || gap('padding-inline-start') || gap('border-inline-start-width')) return true;
  const content = view.getComputedStyle(element, side === 'end' ? '::after' : '::before').content;
  return content !== '' && content !== 'none' && content !== 'normal';
}

/** How many nodes the walk visits between checkpoints, where a caller may pause. */
const CHECKPOINT_EVERY = 512;

/**
 * Walks the text under `root` (not into shadow roots: shadowRootsUnder finds those, and each is
 * read on its own) in document order and yields it block by block, with `null` at
 * regular checkpoints, so that a caller can stop between any two yields and go on later (the walk
 * follows the live DOM from wherever it stopped).
 *
 * A plain firstChild/nextSibling walk: on large pages it is several times cheaper than a
 * TreeWalker whose filter calls back into script for every node.
 */
export function* iterateTextBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock | null, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return;
  if (root.nodeType === TEXT) root = root.parentNode ?? root;
  if (root.nodeType === ELEMENT && (isSkipped(root as Element, options) || (root as HTMLElement).isContentEditable)) return;

  let current: TextBlock | undefined;
  let currentContainer: Node | undefined;
  const take = () => {
    const block = current && current.text.trim() !== '' ? current : undefined;
    current = undefined;
    currentContainer = undefined;
    return block;
  };

  let visited = 0;
  let paused = false; // set after every yield: the caller may have let the page run
  let node: Node | null = root.firstChild;
  while (node) {
    if (++visited % CHECKPOINT_EVERY === 0) {
      yield null;
      paused = true;
    }
    // While we were paused the page may have moved on; a walk from a detached node is lost.
    if (paused) {
      paused = false;
      if (!root.contains(node)) {
        options.onInterrupted?.(root);
        return;
      }
    }
    let descend = false;
    if (node.nodeType === TEXT) {
      const text = node as Text;
      const container = blockContainerOf(text);
      if (current && container !== currentContainer) {
        const block = take();
        if (block) {
          yield block;
          paused = true;
        }
      }
      // Items written edge to edge (a tag row's <a>Huawei</a><a>Telecoms</a>) are separate words
      // when they are separate boxes on screen, though their text runs together.
      if (current && text.data !== '' && touchesWord(current.text, text.data) && separatesItems(current.nodes[current.nodes.length - 1], text)) {
        const block = take();
        if (block) {
          yield block;
          paused = true;
        }
      }
      if (!current) {
        current = { text: '', nodes: [], starts: [] };
        currentContainer = container;
      }
      current.starts.push(current.text.length);
      current.nodes.push(text);
      current.text += text.data;
    } else if (node.nodeType === ELEMENT && !isSkipped(node as Element, options)) {
      const element = node as Element;
      // Entering a block element (or a line break) ends the text before it.
      if (!INLINE_ELEMENTS.has(element.localName)) {
        const block = take();
        if (block) {
          yield block;
          paused = true;
        }
      }
      descend = element.firstChild !== null;
    }
    // Next in document order: first child, else next sibling, else an ancestor's next sibling.
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
  const block = take();
  if (block) yield block;
}

/** Whether text under `node` is the reader's prose: no ancestor of it is skipped or editable. */
export function isReadable(node: Node, options: ScanOptions = {}): boolean {
  const doc = node.ownerDocument ?? (node as Document);
  if (doc.designMode === 'on') return false;
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current.nodeType === ELEMENT && isSkipped(current as Element, options)) return false;
  }
  return true;
}

/** Above this much text, an element is looked into child by child (so the work can pause). */
const LARGE_TEXT = 32_768;

/**
 * The blocks under `target` (a node, or a run of siblings) that may hold a mention, found without
 * touching most of the page: the text of the whole subtree (`textContent`, read natively, once)
 * goes through the matcher's cheap `candidateEnds` in pieces, and only where it finds something
 * does the walk go down, child by child, to name the block each candidate ends in. A page without
 * mentions is read exactly once. Yields block containers, and `null` at checkpoints where the
 * caller may pause. Shadow roots are not looked into (textContent does not reach them).
 */
export function* candidateContainers(
  target: Node | SiblingRun,
  candidateEnds: (text: string) => number[],
  overlap: number,
  options: ScanOptions = {},
): Generator<Node | null, void, undefined> {
  const node = 'first' in target ? target.parent : target;
  const doc = node.ownerDocument ?? (node as Document);
  if ('first' in target) {
    yield* runContainers(target);
    return;
  }
  const start = target.nodeType === DOCUMENT ? (target as Document).documentElement : target;
  if (!start || (start.nodeType === ELEMENT && isSkipped(start as Element, options))) return;
  const text = textOf(start);
  if (text === '') return;
  // Reading a large page's text is one native call of several milliseconds: a slice of its own.
  if (text.length > LARGE_TEXT) yield null;
  const ends = yield* candidateEndsIn(text);
  if (ends.length > 0) yield* locate(start, text, ends);

  /** A run of siblings: each one's text is read (and kept, to place the candidates among them). */
  function* runContainers({ parent, first, last }: SiblingRun): Generator<Node | null, void, undefined> {
    const shares: [Node, string][] = [];
    for (let node: ChildNode | null = first; node; node = node.nextSibling) {
      shares.push([node, node.nodeType === ELEMENT && isSkipped(node as Element, options) ? '' : textOf(node)]);
      if (node === last) break;
      if (shares.length % CHECKPOINT_EVERY === 0) yield null;
    }
    const text = shares.map(([, share]) => share).join('');
    if (text.length > LARGE_TEXT) yield null;
    const ends = yield* candidateEndsIn(text);
    if (ends.length > 0) yield* locateAmong(parent, shares, ends);
  }

  /** Candidate ends in `text`, read in pieces that overlap by the longest term, pausing between them. */
  function* candidateEndsIn(text: string): Generator<null, number[], undefined> {
    if (text.length <= LARGE_TEXT) return candidateEnds(text);
    const ends: number[] = [];
    for (let from = 0; from < text.length; from += LARGE_TEXT) {
      const pieceStart = Math.max(0, from - overlap);
      for (const end of candidateEnds(text.slice(pieceStart, from + LARGE_TEXT))) {
        // A term inside the overlap was found in the previous piece too.
        if (pieceStart + end > (ends.at(-1) ?? 0)) ends.push(pieceStart + end);
      }
      yield null;
    }
    return ends;
  }

  /** The block containers in which the given offsets into `node`'s text (`text`) end. */
  function* locate(node: Node, text: string, ends: number[]): Generator<Node | null, void, undefined> {
    if (node.nodeType === TEXT) {
      yield blockContainerOf(node);
      return;
    }
    if (text.length <= LARGE_TEXT) {
      yield* containersAt(node, ends);
      yield null;
      return;
    }
    yield* locateAmong(node, childShares(node, text), ends);
  }

  /** The offsets' block containers among `shares` (children of `parent` with their share of the text). */
  function* locateAmong(parent: Node, shares: Iterable<[Node, string]>, ends: number[]): Generator<Node | null, void, undefined> {
    let offset = 0;
    let k = 0;
    let visited = 0;
    for (const [child, childText] of shares) {
      if (k >= ends.length) return;
      const childEnd = offset + childText.length;
      const childEnds: number[] = [];
      for (; k < ends.length && ends[k] <= childEnd; k++) if (ends[k] > offset) childEnds.push(ends[k] - offset);
      offset = childEnd;
      if (childEnds.length > 0 && !(child.nodeType === ELEMENT && isSkipped(child as Element, options))) {
        yield* locate(child, childText, childEnds);
      } else if (++visited % CHECKPOINT_EVERY === 0) {
        yield null;
      } else {
        continue;
      }
      // After a pause the page may have moved on; a walk from a detached node is lost.
      if (child.parentNode !== parent) {
        options.onInterrupted?.(parent);
        return;
      }
    }
  }

  /** The block containers of the text nodes under `node` (a small subtree) in which the offsets end. */
  function* containersAt(node: Node, ends: number[]): Generator<Node, void, undefined> {
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    let offset = 0;
    let k = 0;
    for (let text = walker.nextNode() as Text | null; text && k < ends.length; text = walker.nextNode() as Text | null) {
      const next = offset + text.data.length;
      let hit = false;
      while (k < ends.length && ends[k] <= next) {
        hit = true;
        k++;
      }
      if (hit) yield blockContainerOf(text);
      offset = next;
    }
  }
}

/**
 * Each child of `node` with its share of `text` (the node's textContent). A child's share is its
 * own textContent (comments have none), except the last element's, which is what is left after
 * the text nodes that follow it: wrappers (<body>, <main>, <article>) hold nearly all of their
 * parent's text, and reading theirs again would read the page once more per level.
 */
function* childShares(node: Node, text: string): Generator<[Node, string], void, undefined> {
  const lastElement = (node as ParentNode).lastElementChild;
  let trailing = 0;
  for (let after = lastElement?.nextSibling; after; after = after.nextSibling) trailing += textOf(after).length;
  let offset = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const childText = child === lastElement ? text.slice(offset, text.length - trailing) : textOf(child);
    offset += childText.length;
    yield [child, childText];
  }
}

/** A node's share of its parent's textContent: a text node's data, an element's (or fragment's) text, a comment's nothing. */
function textOf(node: Node): string {
  if (node.nodeType === TEXT) return (node as Text).data;
  if (node.nodeType === ELEMENT || node.nodeType === FRAGMENT) return node.textContent ?? '';
  return '';
}

/** Open shadow roots under `target` (for a run: on and under its elements), not inside our own UI; yields `null` at checkpoints. */
export function* shadowRootsUnder(target: Node | SiblingRun, options: ScanOptions = {}): Generator<ShadowRoot | null, void, undefined> {
  const root = 'first' in target ? target.parent : target;
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  let element: Element | null;
  let end: Element | null = null; // the first element after the run
  if ('first' in target) {
    element = target.first.nodeType === ELEMENT ? (target.first as Element) : elementAfter(target.first);
    end = elementAfter(target.last);
    if (!element || element === end) return;
    walker.currentNode = element;
  } else {
    element = walker.nextNode() as Element | null;
  }
  let visited = 0;
  for (; element && element !== end; element = walker.nextNode() as Element | null) {
    if (++visited % CHECKPOINT_EVERY === 0) yield null;
    if (element.shadowRoot && !options.isOwnElement?.(element)) yield element.shadowRoot;
  }
}

function elementAfter(node: Node): Element | null {
  let next = node.nextSibling;
  while (next && next.nodeType !== ELEMENT) next = next.nextSibling;
  return next as Element | null;
}

/** The text node and offset in it for an offset into `block.text`. */
export function positionInBlock(block: TextBlock, offset: number, preferEnd = false): { node: Text; offset: number } {
  // Binary search for the last node that starts at or before the offset.
  let low = 0;
  let high = block.starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (block.starts[mid] < offset || (!preferEnd && block.starts[mid] === offset)) low = mid;
    else high = mid - 1;
  }
  return { node: block.nodes[low], offset: offset - block.starts[low] };
}

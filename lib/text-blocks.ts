/**
 * Reads a page's text as blocks: runs of text nodes that a reader sees as one piece of text (a
 * paragraph, a list item, a cell). Inline markup does not split a block, so `Hua<b>wei</b>` reads
 * as "Huawei"; a block element or a `<br>` does.
 */

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** `starts[i]` is the offset of `nodes[i]` in `text`. */
  starts: number[];
}

/** Elements whose text is never a reader's prose, or belongs to a form control. */
const SKIPPED_ELEMENTS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'CANVAS', 'SVG', 'MATH', 'HEAD', 'TITLE',
]);

/** Elements laid out inline by default: text on both sides of them is one block. */
const INLINE_ELEMENTS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS',
  'KBD', 'LABEL', 'MARK', 'Q', 'RUBY', 'RT', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP',
  'TIME', 'TT', 'U', 'VAR', 'WBR', 'NOBR',
]);

export interface ScanOptions {
  /** Our own UI, which is never scanned. */
  isOwnElement?: (element: Element) => boolean;
  /** Called for each open shadow root met (its text is scanned too, as blocks of its own). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

function isEditable(element: Element): boolean {
  return (element as HTMLElement).isContentEditable === true || element.getAttribute('contenteditable') === 'true' || element.getAttribute('contenteditable') === '';
}

function isSkipped(element: Element, options: ScanOptions): boolean {
  return SKIPPED_ELEMENTS.has(element.tagName.toUpperCase()) || isEditable(element) || options.isOwnElement?.(element) === true;
}

const isInline = (node: Node) => node.nodeType === Node.ELEMENT_NODE && INLINE_ELEMENTS.has((node as Element).tagName.toUpperCase());

/** The nearest ancestor (or the node itself) that is not inline text or an inline element: text inside it with nothing block-like between forms one block. */
export function blockContainerOf(node: Node): Node {
  let current: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (current && isInline(current) && current.parentNode) current = current.parentNode;
  return current ?? node;
}

/** How many nodes the walk visits between checkpoints, where a caller may pause. */
const CHECKPOINT_EVERY = 256;

/**
 * Walks the text under `root` in document order and yields it block by block, with `null` at
 * regular checkpoints, so that a caller can stop between any two yields and go on later (the
 * walk is resumable: it holds a TreeWalker, which follows the live DOM).
 */
export function* iterateTextBlocks(root: Node, options: ScanOptions = {}): Generator<TextBlock | null, void, undefined> {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return;
  if (root.nodeType === Node.ELEMENT_NODE && isSkipped(root as Element, options)) return;
  if (root.nodeType === Node.TEXT_NODE) root = root.parentNode ?? root;

  let current: TextBlock | undefined;
  let currentContainer: Node | undefined;
  const take = () => {
    const block = current && current.text.trim() !== '' ? current : undefined;
    current = undefined;
    currentContainer = undefined;
    return block;
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === Node.ELEMENT_NODE && isSkipped(node as Element, options) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  let visited = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++visited % CHECKPOINT_EVERY === 0) yield null;
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      // Entering a block element (or a line break) ends the text before it.
      if (!isInline(element)) {
        const block = take();
        if (block) yield block;
      }
      if (element.shadowRoot) {
        const block = take();
        if (block) yield block;
        options.onShadowRoot?.(element.shadowRoot);
        yield* iterateTextBlocks(element.shadowRoot, options);
      }
      continue;
    }
    const text = node as Text;
    const container = blockContainerOf(text);
    if (current && container !== currentContainer) {
      const block = take();
      if (block) yield block;
    }
    if (!current) {
      current = { text: '', nodes: [], starts: [] };
      currentContainer = container;
    }
    current.starts.push(current.text.length);
    current.nodes.push(text);
    current.text += text.data;
  }
  const block = take();
  if (block) yield block;
}

/** All the blocks under `root` in one go (tests, small roots). */
export function collectTextBlocks(root: Node = document.body, options: ScanOptions = {}): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const block of iterateTextBlocks(root, options)) if (block) blocks.push(block);
  return blocks;
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

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
}

function isEditable(element: Element): boolean {
  return (element as HTMLElement).isContentEditable === true || element.getAttribute('contenteditable') === 'true' || element.getAttribute('contenteditable') === '';
}

/** The nearest ancestor that is not inline: text nodes with the same one (and nothing block-like between them) form a block. */
function blockContainerOf(node: Node, root: Node): Node {
  let current = node.parentNode;
  while (current && current !== root && current.nodeType === Node.ELEMENT_NODE && INLINE_ELEMENTS.has((current as Element).tagName.toUpperCase())) {
    current = current.parentNode;
  }
  return current ?? root;
}

export function collectTextBlocks(root: Node = document.body, options: ScanOptions = {}): TextBlock[] {
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return [];
  const blocks: TextBlock[] = [];
  let current: TextBlock | undefined;
  let currentContainer: Node | undefined;
  const flush = () => {
    if (current && current.text.trim() !== '') blocks.push(current);
    current = undefined;
    currentContainer = undefined;
  };

  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType !== Node.ELEMENT_NODE) return NodeFilter.FILTER_ACCEPT;
      const element = node as Element;
      if (SKIPPED_ELEMENTS.has(element.tagName.toUpperCase()) || isEditable(element) || options.isOwnElement?.(element)) {
        return NodeFilter.FILTER_REJECT; // prunes the whole subtree
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  // The root itself is not passed to the filter: check it here.
  if (root.nodeType === Node.ELEMENT_NODE) {
    const element = root as Element;
    if (SKIPPED_ELEMENTS.has(element.tagName.toUpperCase()) || isEditable(element) || options.isOwnElement?.(element)) return [];
  }

  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      // Entering a block element (or a line break) ends the text before it.
      if (!INLINE_ELEMENTS.has((node as Element).tagName.toUpperCase())) flush();
      continue;
    }
    const text = node as Text;
    const container = blockContainerOf(text, root);
    if (current && container !== currentContainer) flush();
    if (!current) {
      current = { text: '', nodes: [], starts: [] };
      currentContainer = container;
    }
    current.starts.push(current.text.length);
    current.nodes.push(text);
    current.text += text.data;
  }
  flush();
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

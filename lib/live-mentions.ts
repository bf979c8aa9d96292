import type { Matcher } from '../utils/matcher';
import type { PageMention } from './page-mentions';
import { mentionsInBlock } from './page-mentions';
import { blockContainerOf, iterateTextBlocks } from './text-blocks';
import { whenIdle, yieldToPage } from './yield-to-page';

/** The longest we work before letting the page run (a long task is 50 ms; we stay well under). */
const SLICE_MS = 8;
/** Above this many changed places in one batch, one rescan of the whole page is cheaper. */
const STORM_ROOTS = 1000;
/** After a batch that took T ms, wait at least T × this before the next: at most 1/(1+4) of the CPU. */
const BACKOFF_FACTOR = 4;
const IDLE_TIMEOUT_MS = 250;

export interface LiveMentionsOptions {
  root: Element;
  matcher: Matcher;
  isOwnElement(element: Element): boolean;
  /** A new open shadow root was found (to style its highlights and hit-test inside it). */
  onShadowRoot(root: ShadowRoot): void;
  /** The mentions changed; called after each batch, with all current mentions in page order. */
  onChange(mentions: PageMention[]): void;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

function isInside(node: Node, roots: ReadonlySet<Node>): boolean {
  for (let current: Node | null = node; current; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
    if (roots.has(current)) return true;
  }
  return false;
}

function inPageOrder(a: PageMention, b: PageMention): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  const position = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : position & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
}

/**
 * Keeps the page's mentions up to date: a first scan, then only the subtrees that change.
 *
 * The MutationObserver callback only queues the changed nodes (uBlock Origin's approach); the
 * work happens later, batched, in slices of at most SLICE_MS that yield to the page. A storm of
 * changes collapses into one rescan (Dark Reader's approach), and the time between batches grows
 * with the time batches take, so a page that never stops changing cannot pin the CPU. A page that
 * does not change costs nothing: nothing polls.
 */
export function createLiveMentions(options: LiveMentionsOptions) {
  const mentions = new Set<PageMention>();
  const pending = new Set<Node>();
  const shadowRoots = new Set<ShadowRoot>();
  let scheduled = false;
  let running = false;
  let stopped = false;
  let notBefore = 0;

  const isOwnNode = (node: Node) => node.nodeType === Node.ELEMENT_NODE && options.isOwnElement(node as Element);
  // Adding or removing our own card (or changes inside it) is not a change of the page's text.
  const isOwnChange = (record: MutationRecord) =>
    isOwnNode(record.target) ||
    (record.type === 'childList' && [...record.addedNodes, ...record.removedNodes].every(isOwnNode));

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (isOwnChange(record)) continue;
      pending.add(record.target);
    }
    schedule();
  });

  const scanOptions = {
    isOwnElement: options.isOwnElement,
    // Read it again, whole, in the next batch.
    onInterrupted: (root: Node) => {
      pending.add(root);
      schedule();
    },
    onShadowRoot: (shadowRoot: ShadowRoot) => {
      if (shadowRoots.has(shadowRoot)) return;
      shadowRoots.add(shadowRoot);
      observer.observe(shadowRoot, OBSERVE);
      options.onShadowRoot(shadowRoot);
    },
  };

  function schedule() {
    if (scheduled || stopped) return;
    scheduled = true;
    const run = () => whenIdle(() => void processBatch(), IDLE_TIMEOUT_MS);
    const wait = notBefore - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else run();
  }

  async function scan(roots: Iterable<Node>) {
    let sliceEnd = performance.now() + SLICE_MS;
    for (const root of roots) {
      for (const block of iterateTextBlocks(root, scanOptions)) {
        if (block) for (const mention of mentionsInBlock(block, options.matcher)) mentions.add(mention);
        if (performance.now() >= sliceEnd) {
          await yieldToPage();
          if (stopped) return;
          sliceEnd = performance.now() + SLICE_MS;
        }
      }
    }
  }

  async function processBatch() {
    scheduled = false;
    if (running || stopped) return schedule();
    running = true;
    const started = performance.now();
    // What changed, as the blocks that contain it; a block inside another is covered by it.
    let roots = new Set<Node>();
    for (const node of pending) if (node.isConnected) roots.add(blockContainerOf(node));
    pending.clear();
    if (roots.size > STORM_ROOTS) roots = new Set([options.root]);
    for (const root of [...roots]) if (root.parentNode && isInside(root.parentNode, roots)) roots.delete(root);

    for (const mention of mentions) {
      const start = mention.range.startContainer;
      if (!start.isConnected || isInside(start, roots)) mentions.delete(mention);
    }
    await scan(roots);
    running = false;
    if (stopped) return;
    options.onChange([...mentions].sort(inPageOrder));
    notBefore = performance.now() + (performance.now() - started) * BACKOFF_FACTOR;
    if (pending.size > 0) schedule();
  }

  return {
    /** Scans the page in slices, then follows its changes. */
    async start() {
      observer.observe(options.root.ownerDocument, OBSERVE);
      running = true;
      await scan([options.root]);
      running = false;
      if (stopped) return;
      options.onChange([...mentions].sort(inPageOrder));
      if (pending.size > 0) schedule();
    },
    stop() {
      stopped = true;
      observer.disconnect();
      mentions.clear();
      pending.clear();
    },
    get shadowRoots(): ReadonlySet<ShadowRoot> {
      return shadowRoots;
    },
  };
}

import type { Matcher } from '../utils/matcher';
import type { PageMention } from './page-mentions';
import { mentionsInBlock } from './page-mentions';
import { blockContainerOf, candidateContainers, isInline, isReadable, iterateTextBlocks, shadowRootsUnder } from './text-blocks';
import { whenIdle, yieldToPage } from './yield-to-page';

/** The longest we work before letting the page run (a long task is 50 ms; we stay well under 10). */
const SLICE_MS = 6;
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
      if (record.type !== 'childList') {
        pending.add(record.target);
        continue;
      }
      // Added nodes are read on their own (an appended paragraph costs a paragraph, whatever
      // the page's size); a removed block takes its mentions with it, but removed inline text
      // changes the text of the block it was in.
      for (const added of record.addedNodes) if (!isOwnNode(added)) pending.add(added);
      for (const removed of record.removedNodes) {
        if (removed.nodeType === Node.TEXT_NODE || isInline(removed)) {
          pending.add(record.target);
          break;
        }
      }
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
  };

  /** Observes a shadow root found in the page (once), and lets the caller style it. */
  function followShadowRoot(shadowRoot: ShadowRoot) {
    if (shadowRoots.has(shadowRoot)) return;
    shadowRoots.add(shadowRoot);
    observer.observe(shadowRoot, OBSERVE);
    options.onShadowRoot(shadowRoot);
  }

  function schedule() {
    if (scheduled || stopped) return;
    scheduled = true;
    const run = () => whenIdle(() => void processBatch(), IDLE_TIMEOUT_MS);
    const wait = notBefore - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else run();
  }

  let sliceEnd = 0;
  /** Lets the page run if this slice has used its time; false once stopped. */
  async function pause(): Promise<boolean> {
    if (performance.now() < sliceEnd) return !stopped;
    await yieldToPage();
    sliceEnd = performance.now() + SLICE_MS;
    return !stopped;
  }

  /** Reads the mentions under `root`: candidate blocks first, then the shadow roots inside it. */
  async function scanRoot(root: Node): Promise<void> {
    const containers = new Set<Node>();
    for (const container of candidateContainers(root, options.matcher.candidateEnds, options.matcher.longestTerm, scanOptions)) {
      if (container) containers.add(container);
      if (!(await pause())) return;
    }
    for (const container of containers) {
      // A block inside another candidate block is read with it.
      if (container.parentNode && isInside(container.parentNode, containers)) continue;
      if (!isReadable(container, scanOptions)) continue;
      for (const block of iterateTextBlocks(container, scanOptions)) {
        if (block) for (const mention of mentionsInBlock(block, options.matcher)) mentions.add(mention);
        if (!(await pause())) return;
      }
    }
    for (const shadowRoot of shadowRootsUnder(root, scanOptions)) {
      if (shadowRoot) {
        followShadowRoot(shadowRoot);
        await scanRoot(shadowRoot);
      }
      if (!(await pause())) return;
    }
  }

  async function scan(roots: Iterable<Node>) {
    sliceEnd = performance.now() + SLICE_MS;
    for (const root of roots) {
      await scanRoot(root);
      if (stopped) return;
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
      // Text that left the document, or that is about to be read again.
      const { startNode, range } = mention;
      if (!startNode.isConnected || range.collapsed || isInside(startNode, roots)) mentions.delete(mention);
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
      // The set-up before this (building the matcher) had its own task; the scan starts afresh.
      await yieldToPage();
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

import type { Matcher } from '../core/matcher';
import type { PageMention } from './page-mentions';
import { mentionsInBlock } from './page-mentions';
import { createMentionSet } from './mention-set';
import { isSiblingRun, planReading, runExtent, runNodes, type PlanOptions, type ReadingTarget, type SiblingRun } from './reading-plan';
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
  /** The mentions changed; called after a batch that changed them, with all current mentions in page order. */
  onChange(mentions: readonly PageMention[]): void;
  /**
   * Where the reader is, for reading a long page near the viewport first (see reading-plan.ts);
   * without it, or when it returns undefined, everything is read at once.
   */
  reach?(): PlanOptions | undefined;
}

const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** The first of `roots` that is `node` or holds it (across shadow boundaries), if any. */
function enclosingRoot(node: Node, roots: ReadonlySet<Node>): Node | undefined {
  for (let current: Node | null = node; current; current = current.parentNode ?? (current as ShadowRoot).host ?? null) {
    if (roots.has(current)) return current;
  }
  return undefined;
}

const isInside = (node: Node, roots: ReadonlySet<Node>) => enclosingRoot(node, roots) !== undefined;

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
  const mentions = createMentionSet();
  const pending = new Set<Node>();
  /** Parts of a long page not read yet, far from the viewport. */
  let deferred: SiblingRun[] = [];
  let nearCheckDue = false;
  let readAllRequested = false;
  let whenAllRead: (() => void)[] = [];
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

  // Scrolling (of the page or of any box in it) or resizing may bring a part not read yet near.
  const onViewportMoved = () => {
    if (deferred.length === 0 || nearCheckDue) return;
    nearCheckDue = true;
    schedule();
  };
  const viewportListeners = [
    [document, 'scroll'],
    [window, 'resize'],
  ] as const;
  let followingViewport = false;
  function followViewport(follow: boolean) {
    if (follow === followingViewport) return;
    followingViewport = follow;
    for (const [target, type] of viewportListeners) {
      if (follow) target.addEventListener(type, onViewportMoved, { capture: true, passive: true });
      else target.removeEventListener(type, onViewportMoved, { capture: true });
    }
  }

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
    // The reader is waiting for the whole page (the popup, the keyboard): no idle wait, no back-off.
    if (readAllRequested) return void yieldToPage().then(processBatch);
    const run = () => whenIdle(() => void processBatch(), IDLE_TIMEOUT_MS);
    const wait = notBefore - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else run();
  }

  let sliceEnd = 0;
  /** A task of ours begins: its work, planning included, counts towards one slice. */
  const startSlice = () => {
    sliceEnd = performance.now() + SLICE_MS;
  };
  /** Lets the page run if this slice has used its time; false once stopped. */
  async function pause(): Promise<boolean> {
    if (performance.now() < sliceEnd) return !stopped;
    await yieldToPage();
    sliceEnd = performance.now() + SLICE_MS;
    return !stopped;
  }

  /** Reads the mentions under `root` (a node or a run of siblings): candidate blocks first, then the shadow roots inside it. */
  async function scanRoot(root: ReadingTarget): Promise<void> {
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

  /**
   * What to read of `root` now: near the viewport first on a long page (the rest is kept for
   * later), all of it otherwise. A root that is not an element (a document, a shadow root) or has
   * no layout to go by is read whole.
   */
  function planned(root: Node | SiblingRun): ReadingTarget[] {
    const reach = options.reach?.();
    if (!reach || (!isSiblingRun(root) && root.nodeType !== Node.ELEMENT_NODE)) return [root];
    const plan = planReading(root as Element | SiblingRun, reach);
    deferred.push(...plan.later);
    return plan.now;
  }

  /** The parts left for later that are now to be read: all of them, or those near the viewport. */
  function dueDeferred(): ReadingTarget[] {
    const due: ReadingTarget[] = [];
    const reach = options.reach?.();
    const readAll = readAllRequested || !reach;
    let waiting = deferred;
    deferred = [];
    while (waiting.length > 0) {
      const run = waiting.shift()!;
      if (!run.parent.isConnected) continue; // gone with its text
      const nodes = runNodes(run);
      if (nodes.length === 0) {
        // The page moved the run's ends: what its parent holds now is read (or planned) afresh,
        // in place of every part of it left for later. Mentions read twice replace each other.
        waiting = waiting.filter((other) => other.parent !== run.parent);
        deferred = deferred.filter((other) => other.parent !== run.parent);
        due.push(...(readAll ? [run.parent] : planned(run.parent)));
        continue;
      }
      if (readAll) {
        due.push(run);
        continue;
      }
      const extent = runExtent(nodes, reach.geometry);
      if (extent && extent.bottom <= reach.band.top) deferred.push(run);
      else if (extent && extent.top >= reach.band.bottom) deferred.push(run);
      else due.push(...planned(run));
    }
    return due;
  }

  /** Reads `roots` in slices; the current slice began when the caller's task did (see startSlice). */
  async function scan(roots: Iterable<ReadingTarget>) {
    for (const root of roots) {
      await scanRoot(root);
      if (stopped) return;
    }
  }

  /** Tells the caller about changed mentions, and whoever waits for the whole page that it is read. */
  function finishBatch() {
    const changes = mentions.takeChanges();
    if (changes) options.onChange(changes);
    followViewport(deferred.length > 0);
    // Resolved once nothing set aside is left: changes the page keeps making (a page that never
    // stops changing) are followed as usual, and need not hold up the popup or the keyboard.
    if (readAllRequested && deferred.length === 0) {
      readAllRequested = false;
      const waiting = whenAllRead;
      whenAllRead = [];
      for (const resolve of waiting) resolve();
    }
  }

  /** Whether a batch has work waiting: changed nodes, a scroll to look at, the whole page to read. */
  const workWaiting = () => pending.size > 0 || nearCheckDue || readAllRequested;

  /** Schedules the next batch; if the reader waits for the whole page, one already waiting for an idle moment or a back-off runs now instead. */
  function scheduleNext() {
    if (readAllRequested && scheduled && !running) return void yieldToPage().then(processBatch);
    schedule();
  }

  async function processBatch() {
    scheduled = false;
    if (stopped) return;
    if (running) return; // the batch under way schedules the next one when it ends
    running = true;
    startSlice();
    const started = performance.now();
    // What changed, as the blocks that contain it; a block inside another is covered by it.
    let roots = new Set<Node>();
    for (const node of pending) if (node.isConnected) roots.add(blockContainerOf(node));
    pending.clear();
    if (roots.size > STORM_ROOTS) roots = new Set([options.root]);
    for (const root of [...roots]) if (root.parentNode && isInside(root.parentNode, roots)) roots.delete(root);

    // Text that left the document, and text about to be read again. The latter is found from the
    // changed subtrees' own text nodes (walking up from every mention on a page with thousands of
    // them cost ~4 ms per appended chunk); what sits in shadow trees inside them is replaced when
    // read again.
    const wholePage = roots.has(options.root);
    for (const mention of mentions.values()) {
      if (wholePage || !mention.startNode.isConnected || mention.range.collapsed) mentions.remove(mention);
    }
    if (!wholePage) {
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let text = walker.currentNode.nodeType === Node.TEXT_NODE ? walker.currentNode : walker.nextNode(); text; text = walker.nextNode()) {
          for (const mention of mentions.startingIn(text as Text)) mentions.remove(mention);
        }
      }
    }
    // A changed subtree is read whole, as it is: planning reads the layout, which right after a
    // change would make the browser lay it out early. But the whole page, and a subtree that holds
    // parts left for later (a long list whose container changed), are planned afresh, so that a
    // change does not make the extension read all of a long page.
    const toPlan = new Set<Node>([options.root]);
    deferred = deferred.filter((run) => {
      const root = enclosingRoot(run.parent, roots);
      if (root) toPlan.add(root);
      return root === undefined;
    });
    const reads = [...roots].flatMap((root) => (toPlan.has(root) ? planned(root) : [root]));
    if (nearCheckDue || readAllRequested) {
      nearCheckDue = false;
      reads.push(...dueDeferred());
    }
    await scan(reads);
    running = false;
    if (stopped) return;
    finishBatch();
    notBefore = performance.now() + (performance.now() - started) * BACKOFF_FACTOR;
    if (workWaiting()) scheduleNext();
  }

  return {
    /** Scans the page in slices, then follows its changes. */
    async start() {
      observer.observe(options.root.ownerDocument, OBSERVE);
      running = true;
      // The set-up before this (building the matcher) had its own task; the scan starts afresh.
      await yieldToPage();
      startSlice();
      await scan(planned(options.root));
      running = false;
      if (stopped) return;
      mentions.markChanged(); // the first scan always reports, mentions or none
      finishBatch();
      if (workWaiting()) scheduleNext();
    },
    /** Reads whatever of the page was left for later; resolves once every part is read (at once if nothing is left). */
    readEverything(): Promise<void> {
      if (stopped || (!running && !scheduled && deferred.length === 0 && pending.size === 0)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        whenAllRead.push(resolve);
        readAllRequested = true;
        scheduleNext();
      });
    },
    stop() {
      stopped = true;
      observer.disconnect();
      followViewport(false);
      mentions.clear();
      pending.clear();
      deferred = [];
      for (const resolve of whenAllRead) resolve();
      whenAllRead = [];
    },
    get shadowRoots(): ReadonlySet<ShadowRoot> {
      return shadowRoots;
    },
  };
}

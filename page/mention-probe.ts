import { whenIdle, whenParsedAndIdle } from './yield-to-page';

/**
 * The every-page content script's look at a document before it loads the page reader: does any of
 * its text, or of its open shadow roots' text, hold one of the terms (core/term-anchors.ts
 * createMentionProbe)? Most pages, and nearly every ad, widget and tracking frame, have none: they
 * pay this look and a MutationObserver that looks at text as it arrives, never the reader's start. Not a match: a false alarm ("5G" in
 * "25GB") only loads the reader, which then finds nothing, as it did for every page before.
 */

export interface MentionProbe {
  stop(): void;
}

/** Elements whose shadow-root search goes on in another idle moment after this many. */
const ELEMENTS_PER_SLICE = 2000;
/** The longest the first look at a document's text runs before it lets the page go on. */
const SLICE_MS = 4;
/** The most the first look spends on a document before it leaves it to the page reader. */
const FIRST_LOOK_BUDGET_MS = 8;
/** How much text the first look gathers before it searches it for terms. */
const BATCH = 32_768;
/** How much of a batch's end is searched again with the next: more than any term is long. */
const CARRY = 240;

/**
 * Calls `onFound` once, as soon as `doc` holds text that passes `mayHoldMention`: at the page's
 * first idle moment after it is parsed, or later as text is added or changed. Then stops looking.
 * (Waiting for the idle moment is also the cheaper way in a frame: measured, looking as soon as an
 * ad frame was parsed cost ~0.3 ms more per frame.)
 */
export function probeForMentions(doc: Document, mayHoldMention: (text: string) => boolean, onFound: () => void): MentionProbe {
  let stopped = false;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') {
        if (record.target.nodeType === Node.TEXT_NODE && mayHoldMention((record.target as Text).data)) return found();
        continue;
      }
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.TEXT_NODE ? mayHoldMention((node as Text).data) : node.nodeType === Node.ELEMENT_NODE && lookAt(node as Element)) return found();
      }
    }
  });
  const OBSERVE: MutationObserverInit = { childList: true, characterData: true, subtree: true };

  /** Whether the element's own text may hold a mention; its shadow roots are searched now if it is small, in idle moments if not. */
  function lookAt(element: Element): boolean {
    if (mayHoldMention(element.textContent ?? '')) return true;
    return !searchUnder(element);
  }

  /** Searches for shadow roots under `element`: at once if it is small, in idle moments if not. False if it found something. */
  function searchUnder(element: Element): boolean {
    if (element.getElementsByTagName('*').length < ELEMENTS_PER_SLICE) {
      pendingSearches.push(element);
      return searchSlice();
    }
    searchShadowRoots(element);
    return true;
  }

  // Open shadow roots are not in textContent: their hosts are searched for, a slice at a time.
  const pendingSearches: Element[] = [];
  let searching = false;
  function searchShadowRoots(under: Element) {
    pendingSearches.push(under);
    if (searching) return;
    searching = true;
    whenIdle(searchSlice, 1000);
  }
  /** Searches for shadow roots until done or a slice is full; false if it found what it looked for. */
  function searchSlice(): boolean {
    let visited = 0;
    while (!stopped && pendingSearches.length > 0) {
      const root = pendingSearches.pop()!;
      const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let element: Node | null = walker.currentNode; element; element = walker.nextNode()) {
        const shadowRoot = (element as Element).shadowRoot;
        if (shadowRoot) {
          observer.observe(shadowRoot, OBSERVE);
          if (mayHoldMention(shadowRoot.textContent ?? '')) {
            found();
            return false;
          }
          // Shadow roots inside it: searched later, as a root of their own.
          for (const child of shadowRoot.children) pendingSearches.push(child);
        }
        if (++visited >= ELEMENTS_PER_SLICE && walker.nextNode()) {
          // Carry on from the next element in another idle moment.
          pendingSearches.push(...siblingsAndAncestorsAfter(walker.currentNode as Element, root));
          searching = true;
          whenIdle(searchSlice, 1000);
          return true;
        }
      }
    }
    searching = false;
    return true;
  }

  function found() {
    if (stopped) return;
    stop();
    onFound();
  }
  function stop() {
    stopped = true;
    observer.disconnect();
  }

  // The first look reads the document's text node by node, in slices of at most SLICE_MS (a 2 MB
  // page's textContent and its search were one 24 ms task), and searches it in batches of BATCH
  // characters. Each batch starts with the end of the one before, so that a term split between
  // them, or by markup (`Hua<b>wei</b>`), is still seen.
  // A document it cannot read within FIRST_LOOK_BUDGET_MS goes to the page reader, which reads a
  // long page near the viewport first: read whole by the probe, a 2 MB page cost 53 ms in all.
  let walker: TreeWalker | undefined;
  let batch = '';
  let spent = 0;
  function firstLookSlice() {
    if (stopped || !walker) return;
    const started = performance.now();
    let read = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      batch += (node as Text).data;
      if (batch.length >= BATCH && lookInBatch()) return;
      if (++read % 64 === 0 && performance.now() - started > SLICE_MS) {
        spent += performance.now() - started;
        if (spent > FIRST_LOOK_BUDGET_MS) return found();
        whenIdle(firstLookSlice, 1000);
        return;
      }
    }
    walker = undefined;
    if (lookInBatch()) return;
    // Open shadow roots are not in the document's text: searched for last.
    const root = doc.documentElement;
    if (root) searchUnder(root);
  }
  /** Whether the batch holds a term (then the probe has found it); keeps its end for the next batch. */
  function lookInBatch(): boolean {
    if (mayHoldMention(batch)) {
      found();
      return true;
    }
    batch = batch.slice(-CARRY);
    return false;
  }

  void whenParsedAndIdle(doc).then(() => {
    if (stopped) return;
    observer.observe(doc, OBSERVE);
    const root = doc.documentElement;
    if (!root) return;
    walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    firstLookSlice();
  });
  return { stop };
}

/**
 * The element and what follows it in document order within `root`, as subtrees: `element` itself,
 * then the next siblings of it and of each of its ancestors up to `root`.
 */
function siblingsAndAncestorsAfter(element: Element, root: Element): Element[] {
  const subtrees: Element[] = [element];
  for (let current: Element | null = element; current && current !== root; current = current.parentElement) {
    for (let next = current.nextElementSibling; next; next = next.nextElementSibling) subtrees.push(next);
  }
  return subtrees.reverse(); // popped from the end: document order
}

import { createHighlightStyles, type HighlightStyles } from './highlight-styles';
import type { PageMention } from './page-mentions';

/**
 * Above this many mentions on a page, only those near the viewport are registered. Chromium
 * revisits every registered range after each DOM change (measured: 2,000 ranges add ~14 ms to every
 * frame that changes the DOM, even when the highlights do not change), so a long thread full of
 * mentions would make every later change of the page dearer.
 */
const NEAR_VIEWPORT_ONLY_ABOVE = 300;

/**
 * Paints mentions with the CSS Custom Highlight API: no element is added around the page's text,
 * so its layout, its scripts and its selection behave as if we were not there.
 * https://drafts.csswg.org/css-highlight-api-1/
 */
export function createHighlighter(topics: readonly string[], doc: Document = document, styles: HighlightStyles = createHighlightStyles(topics, doc)) {
  const { highlightName, currentName } = styles;
  const highlights = new Map(topics.map((topic) => [topic, new Highlight()]));
  // What each Highlight holds, kept on our side. In Firefox a content script sees the page's
  // Highlight through an Xray wrapper, which cannot be iterated (`for…of` throws "Xray wrapping of
  // iterators not supported"); add, delete, has and size work. Iterating our own Set is cheaper anyway.
  const held = new Map(topics.map((topic) => [topic, new Set<Range>()]));
  const current = new Highlight();
  current.priority = 1; // drawn over the topic's own highlight

  /** Registers a highlight while it has something to show (again if the page took it away), and never an empty one. */
  const sync = (name: string, highlight: Highlight) => {
    const registered = CSS.highlights.get(name);
    if (highlight.size > 0 && registered !== highlight) CSS.highlights.set(name, highlight);
    else if (highlight.size === 0 && registered === highlight) CSS.highlights.delete(name);
  };
  const register = () => {
    for (const [topic, highlight] of highlights) sync(highlightName(topic), highlight);
    sync(currentName, current);
  };

  let shown: readonly PageMention[] = [];
  const nearViewport = createNearViewport(() => paint());

  function paint() {
    const wanted = new Map([...highlights.keys()].map((topic) => [topic, new Set<Range>()]));
    for (const mention of shown) if (nearViewport.isNear(mention)) wanted.get(mention.topic)?.add(mention.range);
    for (const [topic, highlight] of highlights) {
      const ranges = wanted.get(topic)!;
      const holding = held.get(topic)!;
      for (const range of holding) {
        if (ranges.has(range)) continue;
        highlight.delete(range);
        holding.delete(range);
      }
      for (const range of ranges) {
        if (holding.has(range)) continue;
        highlight.add(range);
        holding.add(range);
      }
    }
    register();
  }

  return {
    /**
     * `CSS.highlights` and `adoptedStyleSheets` are shared with the page, which can delete or
     * replace our entries: put them back. Cheap (a few lookups), so callers may run it often.
     */
    restore() {
      styles.adopt(doc);
      register();
    },
    /** Highlights inside a shadow root are painted only by `::highlight()` rules in that root. */
    styleShadowRoot: (root: ShadowRoot) => styles.adopt(root),
    /**
     * Shows exactly these mentions (on a page with very many, those near the viewport). Only what
     * changed is added to or deleted from each Highlight, so that appending a paragraph repaints
     * that paragraph, not every mention on the page.
     */
    show(mentions: readonly PageMention[]) {
      shown = mentions;
      if (mentions.length > NEAR_VIEWPORT_ONLY_ABOVE) nearViewport.follow(mentions);
      else nearViewport.stop();
      paint();
    },
    /** Marks the mention keyboard navigation is on (or none). */
    setCurrent(range: Range | undefined) {
      current.clear();
      if (range) current.add(range);
      sync(currentName, current);
    },
    destroy() {
      nearViewport.stop();
      CSS.highlights.delete(currentName);
      for (const topic of highlights.keys()) CSS.highlights.delete(highlightName(topic));
      styles.remove();
    },
  };
}

/**
 * Which mentions are within a viewport's height of the viewport, by an IntersectionObserver on the
 * element around each (its nearest ancestor with a box of its own). While not following, every
 * mention counts as near.
 */
function createNearViewport(onChange: () => void) {
  let observer: IntersectionObserver | undefined;
  const elementOf = new Map<PageMention, Element>();
  const mentionsIn = new Map<Element, number>(); // how many followed mentions each observed element holds
  const near = new Set<Element>();
  let changeScheduled = false;

  const boxedElement = (mention: PageMention): Element | undefined => {
    let element = mention.startNode.parentElement;
    // A `display: contents` element has no box, so it would never be seen to intersect.
    while (element && getComputedStyle(element).display === 'contents') element = element.parentElement;
    return element ?? undefined;
  };

  return {
    follow(mentions: readonly PageMention[]) {
      observer ??= new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (entry.isIntersecting) near.add(entry.target);
            else near.delete(entry.target);
          }
          if (changeScheduled) return;
          changeScheduled = true;
          requestAnimationFrame(() => {
            changeScheduled = false;
            onChange();
          });
        },
        { rootMargin: '100% 0px' },
      );
      const current = new Set(mentions);
      for (const [mention, element] of elementOf) {
        if (current.has(mention)) continue;
        elementOf.delete(mention);
        const left = (mentionsIn.get(element) ?? 1) - 1;
        if (left > 0) {
          mentionsIn.set(element, left);
          continue;
        }
        mentionsIn.delete(element);
        observer.unobserve(element);
        near.delete(element);
      }
      for (const mention of mentions) {
        if (elementOf.has(mention)) continue;
        const element = boxedElement(mention);
        if (!element) continue;
        elementOf.set(mention, element);
        const count = mentionsIn.get(element) ?? 0;
        mentionsIn.set(element, count + 1);
        if (count === 0) observer.observe(element);
      }
    },
    stop() {
      observer?.disconnect();
      observer = undefined;
      elementOf.clear();
      mentionsIn.clear();
      near.clear();
    },
    isNear(mention: PageMention): boolean {
      if (!observer) return true;
      const element = elementOf.get(mention);
      return element !== undefined && near.has(element);
    },
  };
}

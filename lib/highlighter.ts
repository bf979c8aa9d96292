import type { PageMention } from './page-mentions';

/**
 * Highlight names in the page's shared `CSS.highlights` registry are `fact-context-<topic>--<random>`
 * (and `fact-context-current--<random>` for the keyboard's mention). The random ending, new on every
 * page, is what lets our rules be cheap and still hold: a page cannot aim CSS at names it cannot know
 * in advance (see highlightCss).
 */
export const HIGHLIGHT_PREFIX = 'fact-context';

const randomEnding = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');

// One hue per topic; translucent so the text stays readable on light and dark pages alike.
const TOPIC_COLOURS = ['229 72 77', '62 99 221', '214 142 0', '48 164 108'];

/** The colour ("r g b") of the topic at `index` in data/topics.json; the card uses it too. */
export const topicColour = (index: number) => TOPIC_COLOURS[index % TOPIC_COLOURS.length];

/**
 * Above this many mentions on a page, only those near the viewport are registered. Chromium
 * revisits every registered range after each DOM change (measured: 2,000 ranges add ~14 ms to every
 * frame that changes the DOM, even when the highlights do not change), so a long thread full of
 * mentions would make every later change of the page dearer.
 */
const NEAR_VIEWPORT_ONLY_ABOVE = 300;

/**
 * The rules that paint our highlights. In the document they hang on `:root` and reach every
 * element by highlight inheritance: a universal `::highlight()` rule is checked against every element
 * at every style recalculation, which made the initial style of a 50,000-element page about 40 %
 * dearer (~150 ms on the bench's page, measured with the rules alone, no extension). In a shadow root,
 * where `:root` matches nothing, the rules are universal (shadow trees are small). `!important`, in
 * a sheet adopted after the page's own: among important rules ours come last.
 * Firefox (153) has no highlight inheritance: a `:root::highlight()` rule paints only text that is a
 * direct child of <html>, so there the document's rules are universal too.
 */
const DOCUMENT_SCOPE = import.meta.env.FIREFOX ? '' : ':root';

function highlightCss(names: { current: string; topics: readonly [topic: string, name: string][] }, scope: ':root' | ''): string {
  const current = `${scope}::highlight(${names.current}) { background-color: rgb(255 196 0 / 0.55) !important; text-decoration: underline 3px rgb(214 142 0) !important; text-underline-offset: 3px !important; }`;
  return current + '\n' + names.topics
    .map(([, name], i) => {
      const rgb = topicColour(i);
      return `${scope}::highlight(${name}) { background-color: rgb(${rgb} / 0.16) !important; text-decoration: underline 2px rgb(${rgb} / 0.85) !important; text-underline-offset: 3px !important; }`;
    })
    .join('\n');
}

/**
 * Paints mentions with the CSS Custom Highlight API: no element is added around the page's text,
 * so its layout, its scripts and its selection behave as if we were not there.
 * https://drafts.csswg.org/css-highlight-api-1/
 */
export function createHighlighter(topics: readonly string[], doc: Document = document) {
  const ending = randomEnding();
  const highlightName = (topic: string) => `${HIGHLIGHT_PREFIX}-${topic}--${ending}`;
  const currentName = `${HIGHLIGHT_PREFIX}-current--${ending}`;
  const names = { current: currentName, topics: topics.map((topic) => [topic, highlightName(topic)] as [string, string]) };
  // Constructed style sheets add no node to the page and are not blocked by a style-src CSP.
  const documentSheet = sheetOf(highlightCss(names, DOCUMENT_SCOPE));
  let shadowSheet: CSSStyleSheet | undefined;
  const adoptSheet = (root: Document | ShadowRoot) => {
    const sheet = root === doc ? documentSheet : (shadowSheet ??= sheetOf(highlightCss(names, '')));
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  };
  adoptSheet(doc);
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
      adoptSheet(doc);
      register();
    },
    /** Highlights inside a shadow root are painted only by `::highlight()` rules in that root. */
    styleShadowRoot: (root: ShadowRoot) => adoptSheet(root),
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
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== documentSheet);
    },
  };
}

function sheetOf(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
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

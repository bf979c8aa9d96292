/**
 * The style sheets that paint our highlights, and the highlights' names. Apart from the
 * highlighter (page/highlighter.ts) because the every-page content script adopts the document's
 * sheet as early as it can, before it knows whether the page has anything to highlight.
 */

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

export interface HighlightStyles {
  /** The name a topic's highlight is registered under in `CSS.highlights`. */
  highlightName(topic: string): string;
  /** The name of the keyboard's current mention's highlight. */
  readonly currentName: string;
  /** Adopts the rules into the document (again, if the page took them away) or into a shadow root. */
  adopt(root: Document | ShadowRoot): void;
  /** Takes the document's rules away. */
  remove(): void;
}

/**
 * New names for this page and the rules that paint them, adopted into `doc` at once: added after
 * the page is styled, any style sheet makes the browser restyle every element (~0.4 s on a
 * 50,000-element page), so the content script adopts it at document_start.
 */
export function createHighlightStyles(topics: readonly string[], doc: Document = document): HighlightStyles {
  const ending = randomEnding();
  const highlightName = (topic: string) => `${HIGHLIGHT_PREFIX}-${topic}--${ending}`;
  const currentName = `${HIGHLIGHT_PREFIX}-current--${ending}`;
  const names = { current: currentName, topics: topics.map((topic) => [topic, highlightName(topic)] as [string, string]) };
  // Constructed style sheets add no node to the page and are not blocked by a style-src CSP.
  const documentSheet = sheetOf(highlightCss(names, DOCUMENT_SCOPE));
  let shadowSheet: CSSStyleSheet | undefined;
  const styles: HighlightStyles = {
    highlightName,
    currentName,
    adopt(root) {
      const sheet = root === doc ? documentSheet : (shadowSheet ??= sheetOf(highlightCss(names, '')));
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    },
    remove() {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((sheet) => sheet !== documentSheet);
    },
  };
  styles.adopt(doc);
  return styles;
}

function sheetOf(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}


import { browser } from 'wxt/browser';
import type { PageContext } from '../page/page-context';
import { loadModule } from './module-loader';
import type { CardUi } from '../page/card-ui';
import { createHighlighter } from '../page/highlighter';
import { createLiveMentions } from '../page/live-mentions';
import { createMentionLocator } from '../page/mention-locator';
import { pageMatcher, type PageMention } from '../page/page-mentions';
import type { HighlightStyles } from '../page/highlight-styles';
import type { ShowOptions } from '../page/popover-host';
import type { PlanOptions } from '../page/reading-plan';
import { trackHoverPointer } from '../page/pointer-tracker';
import { scrollRangeIntoView } from '../page/scroll-to-range';
import { whenParsedAndIdle, yieldToPage } from '../page/yield-to-page';
import { applyDensity } from '../core/density';
import { createHoverIntent } from '../core/hover-intent';
import { bundledMatcher } from '../core/bundled-matcher';
import { loadPackMatcher } from './pack-matcher';
import { contentStorage } from './content-storage';
import { createMatcher, matcherConfigFromTopics } from '../core/matcher';
import type { CardAnswers, MessageCStoBG, MessageUItoCS, PageSummary } from '../core/messages';
import { isTopicEnabled, type Settings } from '../core/settings';
import { pageTopicData } from '../core/page-topic-data';
import { withPackTopics, type PackPageData } from '../core/pack-merge';

// Wikipedia's page previews wait ~500 ms; a little less feels responsive without firing on sweeps.
const OPEN_DELAY_MS = 400;
const CLOSE_GRACE_MS = 300;

/**
 * On a page more than this many screens long, the text a screen above and below the viewport is
 * read first, the rest as the reader scrolls towards it (page/reading-plan.ts). Shorter pages, most
 * articles, are read whole at once.
 */
const READ_WHOLE_UP_TO_SCREENS = 6;
function readersReach(): PlanOptions {
  const screen = Math.max(window.innerHeight, 200);
  return { band: { top: -screen, bottom: 2 * screen }, tallPx: READ_WHOLE_UP_TO_SCREENS * screen };
}

export interface PageReaderOptions {
  /** The frame's site (as the popup names it). */
  host: string;
  /** The reader's settings now. */
  settings(): Settings;
  /** Whether the settings turn the extension on for this frame now. */
  isOn(): boolean;
  /** The card's "Turn off on this site". */
  turnOffSite(): void;
  /** The highlights' style sheet, if the content script has adopted it already. */
  styles?: HighlightStyles;
  /** What the reader's topic packs that are on add (their topics, terms), if any. */
  packPage?: PackPageData;
}

export interface PageReader {
  /** Shows what the settings ask for now (called when they change). */
  render(): void;
  /** Answers the popup's and the keyboard command's messages. */
  answer(message: Extract<MessageUItoCS, { type: 'getPageSummary' | 'revealMention' | 'stepMention' }>): Promise<PageSummary | boolean>;
  /** Closes the card if one is open or opening (Escape, in this frame or another); whether there was one. */
  closeCard(): boolean;
  /** Reads the page afresh with what the topic packs now add (the reader added, changed or removed one). */
  usePacks(packPage: PackPageData | undefined): Promise<void>;
}

/**
 * Everything the extension does on a page it is on for: reads the page and follows it as it
 * changes, highlights the mentions, and opens their cards on hover, tap or keyboard command.
 * The start of every document (extension/content-start.ts) checks the settings and imports this
 * module (reader.js) only where the extension is on.
 */
export async function readPage(ctx: PageContext, { host, settings: currentSettings, isOn, turnOffSite, styles, packPage }: PageReaderOptions): Promise<PageReader | undefined> {
  // The bundled topics, with what the reader's topic packs add (`usePacks` when they change).
  const topicsWith = (packs: PackPageData | undefined) => (packs ? withPackTopics(pageTopicData, packs) : pageTopicData);
  let packs = packPage;
  let topicData = topicsWith(packs);
  let topicIds = topicData.topics.map((topic) => topic.id);
  // The matcher with the packs' terms as the background compiled it (or, failing that, compiled
  // here): read from storage while the page finishes parsing.
  const packsMatcherAtStart = packs ? loadPackMatcher(contentStorage) : undefined;
  // The highlight style sheet is added at once if the content script has not (page/highlight-styles.ts).
  let highlighter = isOn() ? createHighlighter(topicIds, document, styles) : styles?.remove();
  ctx.onInvalidated(() => highlighter?.destroy());
  await whenParsedAndIdle();
  let packsMatcher = await packsMatcherAtStart;
  // (The content script checked the document's type; its root element is known only now.)
  if (!(document.documentElement instanceof HTMLElement)) {
    highlighter?.destroy();
    return undefined;
  }
  // The whole document, not <body>: a page may have none, or swap in a new one (as Turbo-style
  // navigation does), and the text is still the reader's.
  const root = document.documentElement;
  // The idle callback that woke us may have had its own work (and, on big pages, garbage
  // collection) in it: the set-up below starts a slice of its own.
  await yieldToPage();

  // The page is read the first time the extension is on for it, then followed as it changes.
  let live: ReturnType<typeof createLiveMentions> | undefined;
  let pageMentions: readonly PageMention[] = [];
  let shown: PageMention[] = [];
  let locator = createMentionLocator([]);
  let card: CardUi | undefined; // created with the card's module, on first need
  let lineUnderPointer = 0;
  let countSent = 0; // the badge of a newly loaded page starts empty
  let nextShowOptions: ShowOptions = {}; // how the next card opens (the keyboard command focuses it)

  const sendToBackground = (message: MessageCStoBG) => browser.runtime.sendMessage(message).catch(() => {});

  const intent = createHoverIntent<PageMention>({
    openDelayMs: OPEN_DELAY_MS,
    closeDelayMs: CLOSE_GRACE_MS,
    onOpen: (mention) => {
      const options = nextShowOptions;
      nextShowOptions = {};
      openCard(mention, lineUnderPointer, options);
    },
    onClose: () => {
      card?.hide();
      highlighter?.setCurrent(undefined);
      reportCard(false);
    },
  });

  // The background keeps which frame of the tab has a card open, so that Escape pressed in any of
  // them closes it (extension/content-start.ts); told only when that changes.
  let cardReported = false;
  function reportCard(shown: boolean) {
    if (shown === cardReported) return;
    cardReported = shown;
    void sendToBackground({ type: 'cardShown', shown });
  }

  // A card's answers are chosen by the background (the FAQ and the ranking live there), from the
  // mention's context as the card's module reads it. They are asked for as soon as the pointer is
  // on a mention, so they are usually here before the open delay ends; kept per mention while it
  // lives, and asked again if the first request failed.
  const answersFor = new WeakMap<PageMention, Promise<CardAnswers | null>>();
  function askAnswers(mention: PageMention): Promise<CardAnswers | null> {
    let answers = answersFor.get(mention);
    if (!answers) {
      answers = loadModule('/card.js').then(({ mentionContext }) => {
        const message: MessageCStoBG = { type: 'chooseAnswers', topicId: mention.topic, term: mention.term, context: mentionContext(mention) };
        return browser.runtime.sendMessage(message);
      }).then(
        (reply: unknown) => ((reply as CardAnswers | null)?.chosen ? (reply as CardAnswers) : null),
        () => null, // the extension was reloaded or updated: no card
      );
      answersFor.set(mention, answers);
      void answers.then((reply) => reply ?? answersFor.delete(mention));
    }
    return answers;
  }

  /** The card's module and its UI on the page; undefined if the module could not be loaded. */
  async function cardUi(): Promise<CardUi | undefined> {
    if (card) return card;
    const module = await loadModule('/card.js').catch(() => undefined); // the extension was reloaded or updated
    card ??= module?.createCardUi(ctx, () => topicData, {
      onPointerEnter: () => intent.pointerEnteredCard(),
      onPointerLeave: () => intent.pointerLeftCard(),
      onEscape: () => intent.dismiss(),
    }, {
      onClose: () => intent.dismiss(),
      onTurnOffSite: turnOffSite,
      onOpenFaq: (faqId) => void sendToBackground({ type: 'openFaqPage', faqId }),
    });
    return card;
  }

  let cardRequest = 0;
  let pendingCard: ShowOptions | undefined; // open for the intent, its answers (or the card's module) on their way
  function openCard(mention: PageMention, lineIndex: number, options: ShowOptions = {}) {
    const request = ++cardRequest;
    pendingCard = options;
    // Told as the card starts to open, so that every frame knows by the time it is on screen.
    reportCard(true);
    void Promise.all([askAnswers(mention), cardUi()]).then(([answers, ui]) => {
      if (request !== cardRequest) return; // another card was asked for since
      pendingCard = undefined;
      if (intent.openTarget !== mention) return; // closed while the answers were on their way
      if (!answers || !ui) return intent.closedElsewhere();
      ui.show(mention, lineIndex, answers, options);
    });
  }

  /** Shows what the settings ask for: nothing, or the enabled topics at the chosen density. */
  function render() {
    // A copy of this script left behind by an update of the extension stops here: the runtime is
    // gone (extension/runtime-context.ts).
    if (ctx.isInvalid) return;
    const on = isOn();
    if (!on && (live || highlighter)) {
      // Off means off: stop following the page, take the highlights and their style sheet away,
      // and read it afresh if turned back on.
      live?.stop();
      live = undefined;
      pageMentions = [];
      highlighter?.destroy();
      highlighter = undefined;
    }
    if (on && !live) {
      const pageHighlighter = (highlighter ??= createHighlighter(topicIds));
      listenToTheReader();
      live = createLiveMentions({
        root,
        // (The build compiled the bundled topics' matcher, the background the one with the packs' terms.)
        matcher: pageMatcher(createMatcher(packs ? (packsMatcher ?? matcherConfigFromTopics(topicData)) : bundledMatcher), document),
        isOwnElement: (element) => card?.isOwnElement(element) ?? false,
        onShadowRoot: (shadowRoot) => pageHighlighter.styleShadowRoot(shadowRoot),
        reach: readersReach,
        onChange: (mentions) => {
          pageMentions = mentions;
          render();
        },
      });
      void live.start();
      return; // render() runs again when the first scan is done
    }
    const settings = currentSettings();
    shown = on ? applyDensity(pageMentions.filter((mention) => isTopicEnabled(settings, mention.topic)), settings.density) : [];
    highlighter?.show(shown);
    locator = createMentionLocator(shown, live?.shadowRoots);
    if (intent.openTarget && !shown.includes(intent.openTarget)) intent.dismiss();
    // Only when it changes: a page without mentions never wakes the background up.
    if (shown.length !== countSent) {
      countSent = shown.length;
      void sendToBackground({ type: 'mentionCount', count: shown.length });
    }
  }

  /** Reads whatever of a long page was left for later: for the answers that are about the whole page. */
  const readEverything = async () => {
    await live?.readEverything();
  };

  function pageSummary(): PageSummary {
    const counts = Object.fromEntries(topicIds.map((id) => [id, 0]));
    for (const mention of shown) counts[mention.topic] += 1;
    return { host, counts };
  }

  /** Scrolls a mention into view and opens its card. */
  function goTo(mention: PageMention, options: ShowOptions) {
    highlighter?.restore(); // the page may have removed them; the reader is looking now
    scrollRangeIntoView(mention.range);
    intent.dismiss();
    nextShowOptions = options;
    lineUnderPointer = 0;
    intent.openNow(mention);
  }

  /**
   * The keyboard command: from the mention last stepped to (or, the first time, from the top of
   * the viewport) to the next or previous one, wrapping round. It is scrolled into view, marked,
   * its card opens with focus, and a live region says where the reader is.
   */
  let stepped: PageMention | undefined;
  function stepMention(direction: 1 | -1): boolean {
    if (shown.length === 0) return false;
    let index = stepped ? shown.indexOf(stepped) : -1;
    if (index < 0) {
      // Start from what the reader is looking at.
      const firstBelowTop = shown.findIndex((mention) => mention.range.getBoundingClientRect().bottom > 0);
      index = direction === 1 ? (firstBelowTop < 0 ? 0 : firstBelowTop) - 1 : firstBelowTop < 0 ? shown.length : firstBelowTop;
    }
    index = (index + direction + shown.length) % shown.length;
    const mention = shown[index];
    stepped = mention;
    const topic = topicData.topics.find((t) => t.id === mention.topic)!;
    goTo(mention, { focus: true, announce: `${topic.label}: mention ${index + 1} of ${shown.length}` });
    highlighter?.setCurrent(mention.range);
    return true;
  }

  /** Scrolls to the topic's `index`-th mention and opens its card (the background keeps which is next, over every frame of the tab). */
  function revealMention(topic: string, index: number): boolean {
    const mention = shown.filter((candidate) => candidate.topic === topic)[index];
    if (!mention) return false;
    goTo(mention, {});
    return true;
  }

  /**
   * The pointer, taps and Escape, listened to from the first time the extension is on for the
   * page (a page it is off for pays for no listener on every pointer move).
   */
  let listening = false;
  function listenToTheReader() {
    if (listening) return;
    listening = true;
    trackHoverPointer(ctx, (point) => {
      if (ctx.isInvalid) return;
      if (shown.length === 0 && !intent.openTarget) return;
      highlighter?.restore(); // the page may have removed them; the reader is looking now
      if (intent.openTarget && !pendingCard && card && !card.isOpen) intent.closedElsewhere(); // so did the card
      // A card the reader is in by keyboard stays until Escape or focus leaves (WCAG 1.4.13).
      if (card?.hasFocus || pendingCard?.focus) return;
      const located = point && locator.mentionAt(point.x, point.y);
      if (located) {
        // Both on their way while the pointer rests: the card opens as soon as the delay ends.
        void askAnswers(located.mention);
        void cardUi();
      }
      if (located && located.mention !== intent.openTarget) lineUnderPointer = located.lineIndex;
      intent.pointerOver(located?.mention);
    });
    // Touch has no hover: a tap on a mention opens its card, a tap elsewhere closes it. A mention
    // inside a link is left to the link, which a tap follows as it always does.
    ctx.addEventListener(document, 'click', (event) => {
      if ((event as PointerEvent).pointerType !== 'touch' || shown.length === 0) return;
      if (event.target instanceof Element && card?.isOwnElement(event.target)) return;
      const located = locator.mentionAt(event.clientX, event.clientY);
      if (!located || located.mention.range.startContainer.parentElement?.closest('a[href]')) {
        intent.dismiss();
        return;
      }
      lineUnderPointer = located.lineIndex;
      intent.openNow(located.mention);
    });
  }

  render();
  ctx.onInvalidated(() => live?.stop());
  return {
    render,
    answer(message) {
      if (message.type === 'getPageSummary') return readEverything().then(pageSummary);
      if (message.type === 'stepMention') return readEverything().then(() => stepMention(message.direction));
      return readEverything().then(() => revealMention(message.topic, message.index));
    },
    closeCard() {
      if (!intent.openTarget) return false;
      intent.dismiss();
      return true;
    },
    async usePacks(next) {
      packsMatcher = next ? await loadPackMatcher(contentStorage) : undefined;
      packs = next;
      topicData = topicsWith(packs);
      topicIds = topicData.topics.map((topic) => topic.id);
      intent.dismiss();
      stepped = undefined;
      // Read afresh: a new matcher, and a new highlighter, whose style sheet has a colour per topic.
      live?.stop();
      live = undefined;
      pageMentions = [];
      shown = [];
      locator = createMentionLocator([]);
      highlighter?.destroy();
      highlighter = undefined;
      render();
    },
  };
}

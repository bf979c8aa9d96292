import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createHighlighter } from '../../lib/highlighter';
import { renderMentionCard } from '../../lib/mention-card';
import { createMentionLocator } from '../../lib/mention-locator';
import { findPageMentions, type PageMention } from '../../lib/page-mentions';
import { trackHoverPointer } from '../../lib/pointer-tracker';
import { createPopoverHost, type PopoverHost } from '../../lib/popover-host';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings-store';
import { collectTextBlocks } from '../../lib/text-blocks';
import { applyDensity } from '../../utils/density';
import { factData } from '../../utils/fact-data';
import { createHoverIntent } from '../../utils/hover-intent';
import { createMatcher, matcherConfigFromTopics } from '../../utils/matcher';
import { isMessageUItoCS, type MessageCStoBG, type PageSummary } from '../../utils/messages';
import { isTopicEnabled, setSiteEnabled, type Settings } from '../../utils/settings';
import { isEnabledForHost } from '../../utils/site-rules';

// Wikipedia's page previews wait ~500 ms; a little less feels responsive without firing on sweeps.
const OPEN_DELAY_MS = 400;
const CLOSE_GRACE_MS = 300;

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const root = document.body ?? document.documentElement;
    if (!root) return;
    const topicIds = factData.topics.map((topic) => topic.id);
    const host = location.hostname;
    let settings: Settings = (await loadSettings(topicIds)).settings;

    // The page is read once, the first time the extension is on for it.
    let pageMentions: PageMention[] | undefined;
    let shown: PageMention[] = [];
    let locator = createMentionLocator([]);
    let highlighter: ReturnType<typeof createHighlighter> | undefined;
    let popover: PopoverHost | undefined;
    let lineUnderPointer = 0;
    const revealedIndex = new Map<string, number>();

    const enabledHere = () => isEnabledForHost(host, settings.siteMode, settings.sites);
    const sendToBackground = (message: MessageCStoBG) => browser.runtime.sendMessage(message).catch(() => {});

    const intent = createHoverIntent<PageMention>({
      openDelayMs: OPEN_DELAY_MS,
      closeDelayMs: CLOSE_GRACE_MS,
      onOpen: (mention) => void openCard(mention, lineUnderPointer),
      onClose: () => popover?.hide(),
    });

    async function openCard(mention: PageMention, lineIndex: number) {
      popover ??= await createPopoverHost(ctx, {
        onPointerEnter: () => intent.pointerEnteredCard(),
        onPointerLeave: () => intent.pointerLeftCard(),
        onEscape: () => intent.dismiss(),
      });
      if (intent.openTarget !== mention) return; // closed or replaced while the host was made
      const { anchor, card } = renderMentionCard(factData, mention, lineIndex, {
        onClose: () => intent.dismiss(),
        onTurnOffSite: () => void updateSettings(topicIds, (current) => setSiteEnabled(current, host, false)),
        onOpenFaq: (faqId) => void sendToBackground({ type: 'openFaqPage', faqId }),
      });
      popover.show(anchor, card);
    }

    /** Shows what the settings ask for: nothing, or the enabled topics at the chosen density. */
    function render() {
      if (settings.enabled && enabledHere()) {
        pageMentions ??= findPageMentions(collectTextBlocks(root, { isOwnElement: (el) => popover?.isOwnElement(el) ?? false }), createMatcher(matcherConfigFromTopics(factData)));
        shown = applyDensity(pageMentions.filter((mention) => isTopicEnabled(settings, mention.topic)), settings.density);
      } else {
        shown = [];
      }
      if (shown.length > 0) highlighter ??= createHighlighter(topicIds);
      highlighter?.show(shown);
      locator = createMentionLocator(shown);
      if (intent.openTarget && !shown.includes(intent.openTarget)) intent.dismiss();
      void sendToBackground({ type: 'mentionCount', count: shown.length });
    }

    function pageSummary(): PageSummary {
      const counts = Object.fromEntries(topicIds.map((id) => [id, 0]));
      for (const mention of shown) counts[mention.topic] += 1;
      return { host, counts };
    }

    /** Scrolls to the topic's next mention (wrapping round) and opens its card. */
    function revealNextMention(topic: string): boolean {
      const ofTopic = shown.filter((mention) => mention.topic === topic);
      if (ofTopic.length === 0) return false;
      const index = ((revealedIndex.get(topic) ?? -1) + 1) % ofTopic.length;
      revealedIndex.set(topic, index);
      const mention = ofTopic[index];
      mention.range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      lineUnderPointer = 0;
      intent.openNow(mention);
      return true;
    }

    render();
    ctx.onInvalidated(() => highlighter?.destroy());
    ctx.onInvalidated(
      watchSettings(topicIds, (next) => {
        settings = next;
        render();
      }),
    );

    const onMessage = (message: unknown) => {
      if (!isMessageUItoCS(message)) return undefined;
      if (message.type === 'getPageSummary') return Promise.resolve(pageSummary());
      return Promise.resolve(revealNextMention(message.topic));
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    trackHoverPointer(ctx, (point) => {
      if (shown.length === 0 && !intent.openTarget) return;
      const located = point && locator.mentionAt(point.x, point.y);
      if (located && located.mention !== intent.openTarget) lineUnderPointer = located.lineIndex;
      intent.pointerOver(located?.mention);
    });
    ctx.addEventListener(document, 'keydown', (event) => {
      if (event.key === 'Escape' && intent.openTarget) intent.dismiss();
    }, { capture: true });
  },
});

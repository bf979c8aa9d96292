import { defineContentScript } from 'wxt/utils/define-content-script';
import { MentionPopover } from '../../components/MentionPopover';
import { createHighlighter, topicColour } from '../../lib/highlighter';
import { createMentionLocator } from '../../lib/mention-locator';
import { findPageMentions, type PageMention } from '../../lib/page-mentions';
import { createPopoverHost } from '../../lib/popover-host';
import { collectTextBlocks } from '../../lib/text-blocks';
import { chooseAnswer } from '../../utils/answer-ranking';
import { factData } from '../../utils/fact-data';
import { createHoverIntent } from '../../utils/hover-intent';
import { createMatcher, matcherConfigFromTopics } from '../../utils/matcher';
import { sentenceAround } from '../../utils/sentence-context';

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
    const matcher = createMatcher(matcherConfigFromTopics(factData));
    const mentions = findPageMentions(collectTextBlocks(root), matcher);
    if (mentions.length === 0) return; // an idle page costs nothing more

    const topicIds = factData.topics.map((topic) => topic.id);
    const highlighter = createHighlighter(topicIds);
    highlighter.show(mentions);
    ctx.onInvalidated(() => highlighter.destroy());
    const locator = createMentionLocator(mentions);

    let lineUnderPointer = 0;
    const popover = await createPopoverHost(ctx, {
      onPointerEnter: () => intent.pointerEnteredCard(),
      onPointerLeave: () => intent.pointerLeftCard(),
      onEscape: () => intent.dismiss(),
    });
    const intent = createHoverIntent<PageMention>({
      openDelayMs: OPEN_DELAY_MS,
      closeDelayMs: CLOSE_GRACE_MS,
      onOpen: (mention) => openCard(mention, lineUnderPointer),
      onClose: () => popover.hide(),
    });

    function openCard(mention: PageMention, lineIndex: number) {
      const topicIndex = topicIds.indexOf(mention.topic);
      const topic = factData.topics[topicIndex];
      const { chosen, others } = chooseAnswer(factData.faq, {
        topicFaq: topic.faq,
        answerKeywords: factData.answerKeywords,
        context: sentenceAround(mention.block.text, mention.start, mention.end, document.documentElement.lang || undefined),
      });
      const anchor = {
        getBoundingClientRect: () => mention.range.getClientRects()[lineIndex] ?? mention.range.getBoundingClientRect(),
        contextElement: mention.range.startContainer.parentElement ?? root,
      };
      popover.show(
        anchor,
        <MentionPopover
          topicLabel={topic.label}
          topicSummary={topic.summary}
          topicColour={topicColour(topicIndex)}
          chosen={chosen}
          others={others}
          onClose={() => intent.dismiss()}
        />,
      );
    }

    // Hit-test at most once per frame, at the pointer's latest position.
    let pointer: { x: number; y: number } | undefined;
    let frameRequested = false;
    const hitTest = () => {
      frameRequested = false;
      if (!pointer) return;
      const located = locator.mentionAt(pointer.x, pointer.y);
      if (located && located.mention !== intent.openTarget) lineUnderPointer = located.lineIndex;
      intent.pointerOver(located?.mention);
    };
    const requestHitTest = () => {
      if (frameRequested) return;
      frameRequested = true;
      requestAnimationFrame(hitTest);
    };
    ctx.addEventListener(document, 'pointermove', (event) => {
      if (event.pointerType === 'touch') return; // touch has no hover
      pointer = { x: event.clientX, y: event.clientY };
      requestHitTest();
    }, { passive: true });
    // Text moves under a still pointer when the page scrolls.
    ctx.addEventListener(document, 'scroll', () => pointer && requestHitTest(), { passive: true, capture: true });
    ctx.addEventListener(document.documentElement, 'pointerleave', () => {
      pointer = undefined;
      intent.pointerOver(undefined);
    });
    ctx.addEventListener(document, 'keydown', (event) => {
      if (event.key === 'Escape' && intent.openTarget) intent.dismiss();
    }, { capture: true });
  },
});

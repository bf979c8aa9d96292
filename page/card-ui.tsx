import type { PageContext } from './page-context';
import type { TopicsFile } from '../core/data-schema';
import type { CardAnswers } from '../core/messages';
import { renderMentionCard, type CardActions } from './mention-card';
import type { PageMention } from './page-mentions';
import { isDarkBehind } from './page-theme';
import { createPopoverHost, type PopoverHostEvents, type ShowOptions } from './popover-host';

/**
 * Everything a card needs that a page without a hover never does: Preact, Floating UI, the card's
 * component and styles, the theme check. The page reader loads it on first need
 * (extension/module-loader.ts), so that every other page pays nothing for it.
 */
/** @param topics the topics now (topic packs can change them while the page is open) */
export function createCardUi(ctx: PageContext, topics: () => TopicsFile, events: PopoverHostEvents, actions: CardActions) {
  const popover = createPopoverHost(ctx, events);
  return {
    /** Opens (or replaces) the card for a mention, next to the line the reader is on. */
    show(mention: PageMention, lineIndex: number, answers: CardAnswers, options: ShowOptions = {}) {
      const { anchor, card } = renderMentionCard(topics(), mention, lineIndex, answers, actions);
      popover.show(anchor, card, { ...options, dark: isDarkBehind(mention.startNode.parentElement) });
    },
    hide: () => popover.hide(),
    isOwnElement: popover.isOwnElement,
    get hasFocus() {
      return popover.hasFocus;
    },
    get isOpen() {
      return popover.isOpen;
    },
  };
}

export type CardUi = ReturnType<typeof createCardUi>;

import { MentionPopover } from '../components/MentionPopover';
import type { TopicsFile } from '../core/data-schema';
import type { CardAnswers } from '../core/messages';
import { topicColour } from './highlight-styles';
import type { PageMention } from './page-mentions';
import type { PopoverAnchor } from './popover-host';

export interface CardActions {
  onClose(): void;
  onTurnOffSite(): void;
  onOpenFaq(faqId: string): void;
}

/** The card for a mention, with the answers chosen for it, and where to anchor it. */
export function renderMentionCard(data: TopicsFile, mention: PageMention, lineIndex: number, answers: CardAnswers, actions: CardActions) {
  const topicIndex = data.topics.findIndex((topic) => topic.id === mention.topic);
  const topic = data.topics[topicIndex];
  const anchor: PopoverAnchor = {
    // Read on every reposition: the line the pointer was on, wherever it is now.
    getBoundingClientRect: () => mention.range.getClientRects()[lineIndex] ?? mention.range.getBoundingClientRect(),
    contextElement: mention.range.startContainer.parentElement ?? document.documentElement,
  };
  const card = (
    <MentionPopover
      topicLabel={topic.label}
      topicSummary={topic.summary}
      topicColour={topicColour(topicIndex)}
      chosen={answers.chosen}
      runnerUp={answers.runnerUp}
      others={answers.others}
      onClose={actions.onClose}
      onTurnOffSite={answers.sitesLocked ? undefined : actions.onTurnOffSite}
      onOpenFaq={() => actions.onOpenFaq(answers.chosen.id)}
    />
  );
  return { anchor, card };
}

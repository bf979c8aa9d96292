import { MentionPopover } from '../components/MentionPopover';
import type { RankingContext } from '../utils/answer-ranking';
import type { TopicsFile } from '../utils/data-schema';
import type { CardAnswers } from '../utils/messages';
import { sentenceAround, textAround } from '../utils/sentence-context';
import { topicColour } from './highlighter';
import type { PageMention } from './page-mentions';
import type { PopoverAnchor } from './popover-host';

export interface CardActions {
  onClose(): void;
  onTurnOffSite(): void;
  onOpenFaq(faqId: string): void;
}

/**
 * How much text on each side of a mention is sent as its paragraph (a typical one is far shorter):
 * it bounds the message; the ranker itself reads up to 1,000 characters beyond the sentence, which
 * reaches at most 600 from the mention, so this covers all it reads.
 */
const PARAGRAPH_REACH = 2000;
/** A title longer than this is not a title (some pages put whole paragraphs there). */
const TITLE_REACH = 300;

/** What the answer is chosen from: the mention's sentence, its paragraph (or the text around it in a very long block) and the page title. */
export function mentionContext(mention: PageMention): RankingContext {
  return {
    sentence: sentenceAround(mention.block.text, mention.start, mention.end, document.documentElement.lang || undefined),
    paragraph: textAround(mention.block.text, mention.start, mention.end, PARAGRAPH_REACH).text,
    title: document.title.slice(0, TITLE_REACH),
  };
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
      others={answers.others}
      onClose={actions.onClose}
      onTurnOffSite={actions.onTurnOffSite}
      onOpenFaq={() => actions.onOpenFaq(answers.chosen.id)}
    />
  );
  return { anchor, card };
}

import { MentionPopover } from '../components/MentionPopover';
import { chooseAnswer } from '../utils/answer-ranking';
import type { FactData } from '../utils/data-schema';
import { sentenceAround, textAround } from '../utils/sentence-context';
import { topicColour } from './highlighter';
import type { PageMention } from './page-mentions';
import type { PopoverAnchor } from './popover-host';

export interface CardActions {
  onClose(): void;
  onTurnOffSite(): void;
  onOpenFaq(faqId: string): void;
}

/** How much text on each side of a mention counts as its paragraph (a typical one is far shorter). */
const PARAGRAPH_REACH = 2000;

/** The card for a mention: the answer that fits its sentence, and where to anchor it. */
export function renderMentionCard(data: FactData, mention: PageMention, lineIndex: number, actions: CardActions) {
  const topicIndex = data.topics.findIndex((topic) => topic.id === mention.topic);
  const topic = data.topics[topicIndex];
  const { chosen, others } = chooseAnswer(data.faq, {
    topicId: mention.topic,
    topics: data.topics,
    faq: data.faq,
    answerKeywords: data.answerKeywords,
    context: {
      sentence: sentenceAround(mention.block.text, mention.start, mention.end, document.documentElement.lang || undefined),
      // The paragraph, or in a very long block the text around the mention.
      paragraph: textAround(mention.block.text, mention.start, mention.end, PARAGRAPH_REACH).text,
      title: document.title,
    },
  });
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
      chosen={chosen}
      others={others}
      onClose={actions.onClose}
      onTurnOffSite={actions.onTurnOffSite}
      onOpenFaq={() => actions.onOpenFaq(chosen.id)}
    />
  );
  return { anchor, card };
}

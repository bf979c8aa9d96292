import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPageMentions } from '../../scripts/eval-pages.mjs';
import { createTsModuleLoader } from '../../scripts/ts-module-loader.mjs';
import { expect, test } from './fixtures';
import { hoverText, popover, waitForHighlights } from './page-helpers';

// The answer fits the page, not only the sentence: the same short sentence under two section
// headings, and a one-word table cell named by its row and column headers. And the page
// evaluation (`npm run eval`, scripts/eval-pages.mjs) reads pages as the browser does: each card
// here shows exactly the answers the evaluation's code path chooses for that mention.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = 'page-context.html';
const MENTIONS = [
  ['#background-section', 'Huawei'],
  ['#bans-section', 'Huawei'],
  ['#canada-cell', 'Huawei'],
] as const;

interface Expected {
  question: string;
  runnerUp?: string;
}

let expected: Expected[] = [];

test.beforeAll(async () => {
  const modules = await createTsModuleLoader(ROOT);
  try {
    const { factData } = await modules.load('/core/fact-data.ts');
    const { answerModel } = await modules.load('/core/answer-model.ts');
    const { chooseAnswer } = await modules.load('/core/answer-ranking.ts');
    const html = readFileSync(new URL(`../fixtures/${FIXTURE}`, import.meta.url), 'utf8');
    const { mentions } = await readPageMentions([{ file: FIXTURE, half: 'fixture', kind: 'fixture', html }], modules, factData);
    expected = mentions.map((mention) => {
      const choice = chooseAnswer(factData.faq, { ...factData, model: answerModel, topicId: mention.topic, term: mention.term, context: mention.context });
      return { question: choice.chosen.question, runnerUp: choice.runnerUp?.question };
    });
  } finally {
    await modules.close();
  }
});

test('the page around a mention chooses its answer: section headings and table headers', async () => {
  expect(expected).toHaveLength(MENTIONS.length);
  // The same sentence, "Then there is Huawei.", under "Company background" and under a heading
  // about operators having to remove the vendor's kit; and "Huawei" alone in the row for Canada
  // under a government decision. (The headings say it in the words pages use for the bans: with
  // the sixth round's refit, "Canada, the UK and Sweden banned the vendor from their networks"
  // raised the bans' answer but no longer above the blacklist's for a sentence this bare.)
  expect(expected[0].question).not.toBe(expected[1].question);
  expect(expected[1].question).toBe('Which countries have restricted Huawei’s involvement in their 5G networks?');
  // The cell's headers make the bans one of the two answers the card shows open (the first, or the
  // runner-up when the ranker is unsure).
  expect([expected[2].question, expected[2].runnerUp]).toContain('Which countries have restricted Huawei’s involvement in their 5G networks?');
});

for (const [index, [selector, text]] of MENTIONS.entries()) {
  test(`the card over ${selector} shows the answers the page evaluation chooses for it`, async ({ open }) => {
    const tab = await open(FIXTURE);
    await waitForHighlights(tab);
    await hoverText(tab, selector, text);
    const card = popover(tab);
    await expect(card.getByRole('heading', { level: 2 })).toHaveText(expected[index].question);
    if (expected[index].runnerUp) await expect(card.locator('.runner-up-question')).toHaveText(expected[index].runnerUp!);
    else await expect(card.locator('.runner-up')).toHaveCount(0);
  });
}

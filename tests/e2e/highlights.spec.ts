import { expect, test } from './fixtures';
import { highlightedTexts, highlightedTextsIn, waitForHighlights } from './page-helpers';

test('highlights every mention of the three topics in the seed article', async ({ openFixture }) => {
  const page = await openFixture('seed-article.html');
  await waitForHighlights(page);
  const texts = await highlightedTexts(page);

  expect(Object.keys(texts).sort()).toEqual(['5g-standards', 'huawei', 'trade-blacklist']);
  expect(texts.huawei.length).toBeGreaterThanOrEqual(20);
  expect(new Set(texts.huawei)).toEqual(new Set(['Huawei', 'Huawei’s']));
  expect(texts['5g-standards']).toContain('5G standards');
  expect(texts['5g-standards']).toContain('5G');
  expect(texts['trade-blacklist']).toEqual(
    expect.arrayContaining(['trade blacklist', 'US Commerce Department', 'Commerce Department’s']),
  );
  // The headline is prose too.
  expect(await highlightedTextsIn(page, 'h1')).toEqual(['Huawei', '5G standards']);
});

test('leaves look-alikes, software blacklists and Wi-Fi bands alone', async ({ openFixture }) => {
  const page = await openFixture('traps.html');
  await waitForHighlights(page);
  expect(await highlightedTextsIn(page, '#negatives')).toEqual([]);
});

test('never highlights inside form fields, editable text, scripts or templates', async ({ openFixture }) => {
  const page = await openFixture('traps.html');
  await waitForHighlights(page);
  expect(await highlightedTextsIn(page, '#not-prose')).toEqual([]);
  expect(await highlightedTextsIn(page, 'head')).toEqual([]);
});

test('reads a mention across inline elements, inside links, and with a trade cue', async ({ openFixture }) => {
  const page = await openFixture('traps.html');
  await waitForHighlights(page);
  expect(await highlightedTextsIn(page, '#split')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(page, '#linked')).toEqual(['Entity List']);
  expect(await highlightedTextsIn(page, '#cued')).toEqual(['blacklist']);
});

import { expect, test } from './fixtures';
import { highlightedTexts, highlightedTextsIn, hoverText, popover, waitForHighlights } from './page-helpers';

test('highlights every mention of the three topics in the seed article', async ({ open }) => {
  const tab = await open('seed-article.html');
  await waitForHighlights(tab);
  const texts = await highlightedTexts(tab);

  expect(Object.keys(texts).sort()).toEqual(['5g-standards', 'huawei', 'trade-blacklist']);
  expect(texts.huawei.length).toBeGreaterThanOrEqual(20);
  expect(new Set(texts.huawei)).toEqual(new Set(['Huawei', 'Huawei’s']));
  expect(texts['5g-standards']).toContain('5G standards');
  expect(texts['5g-standards']).toContain('5G');
  expect(texts['trade-blacklist']).toEqual(
    expect.arrayContaining(['trade blacklist', 'US Commerce Department', 'Commerce Department’s']),
  );
  // The headline is prose too.
  expect(await highlightedTextsIn(tab, 'h1')).toEqual(['Huawei', '5G standards']);
});

test('paints the highlights: the text looks different with them than without', async ({ open }) => {
  const tab = await open('seed-article.html');
  await waitForHighlights(tab);
  const painted = await tab.screenshot('h1');
  await tab.evaluate(() => CSS.highlights.clear());
  expect(painted.equals(await tab.screenshot('h1')), 'the highlight changes what the headline looks like').toBe(false);
});

test('leaves look-alikes, software blacklists and Wi-Fi bands alone', async ({ open }) => {
  const tab = await open('traps.html');
  await waitForHighlights(tab);
  expect(await highlightedTextsIn(tab, '#negatives')).toEqual([]);
});

test('on a page about the trade blacklist, a reply that only says "blacklist" is a mention; spam, DNS and Hollywood blacklists are not', async ({ open }) => {
  const tab = await open('page-evidence.html');
  await waitForHighlights(tab);
  expect(await highlightedTextsIn(tab, '#stay')).toEqual(['blacklist']);
  expect(await highlightedTextsIn(tab, '#listed')).toEqual(['blacklisted']);
  for (const trap of ['#spam', '#dns', '#hollywood', '#fighter']) expect(await highlightedTextsIn(tab, trap), trap).toEqual([]);
  await hoverText(tab, '#stay', 'blacklist');
  await expect(popover(tab)).toHaveAccessibleName('US trade blacklist (Entity List)');
});

test('never highlights inside form fields, editable text, scripts or templates', async ({ open }) => {
  const tab = await open('traps.html');
  await waitForHighlights(tab);
  expect(await highlightedTextsIn(tab, '#not-prose')).toEqual([]);
  expect(await highlightedTextsIn(tab, 'head')).toEqual([]);
});

test('reads a mention across inline elements, inside links, and with a trade cue', async ({ open }) => {
  const tab = await open('traps.html');
  await waitForHighlights(tab);
  expect(await highlightedTextsIn(tab, '#split')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(tab, '#linked')).toEqual(['Entity List']);
  expect(await highlightedTextsIn(tab, '#cued')).toEqual(['blacklist']);
});

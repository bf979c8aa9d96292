import { expect, test } from './fixtures';
import type { Tab } from './driver/types';
import { highlightedTextsIn, waitForHighlights } from './page-helpers';

// Tag rows, breadcrumbs, chip lists and menus often put their items edge to edge in the markup
// (`<a>Huawei</a><a>Telecoms</a>`), so their text runs together; on screen they are separate
// boxes, or have a gap or a separator between them, and each is a word of its own. Letters in
// styled inline spans (a bold half, a coloured initial, kerning spans) are still one word.

let tab: Tab;
test.beforeEach(async ({ open }) => {
  tab = await open('touching-items.html');
  await waitForHighlights(tab);
});

for (const [id, expected] of [
  ['tags', ['Huawei']], // a margin between inline links
  ['chips', ['5G']], // padding
  ['boxes', ['Entity List']], // inline-block
  ['menu', ['3GPP']], // flex items
  ['crumbs', ['Huawei']], // a ::before separator
  ['bordered', ['Huawei']], // a border
] as const) {
  test(`separate items that touch in the markup are separate words: #${id}`, async () => {
    await expect.poll(() => highlightedTextsIn(tab, `#${id}`)).toEqual(expected);
  });
}

for (const id of ['bold', 'coloured', 'kern']) {
  test(`a word whose letters sit in styled inline spans is still one word: #${id}`, async () => {
    await expect.poll(() => highlightedTextsIn(tab, `#${id}`)).toEqual(['Huawei']);
  });
}

test('a longer word made of a term and a link is not a mention', async () => {
  await expect.poll(() => highlightedTextsIn(tab, 'body')).toContain('Huawei');
  expect(await highlightedTextsIn(tab, '#longer')).toEqual([]);
});

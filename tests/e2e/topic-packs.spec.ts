import { readFileSync } from 'node:fs';
import { ui } from './driver/locator';
import { sleep } from './driver/wait';
import { badgeText, openOptions, openPopup, storedLocal, tabIdOf } from './extension-pages';
import { expect, test } from './fixtures';
import { highlightedTexts, hoverHighlightInFrame, hoverText, popover, waitForHighlights } from './page-helpers';

// A topic pack added on the options page applies at once, to pages already open too: its terms are
// highlighted, its entry competes with the bundled ones in the card and shows its date and source.
// Turned off, it no longer highlights or answers, again without a reload.

const samplePack = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');
const packFileInput = () => document.querySelector<HTMLInputElement>('input[type=file][aria-label="Pack file to add"]');
const PACK_QUESTION = 'When must UK operators remove Huawei equipment from their 5G networks?';

test('a pack added in the options highlights its terms in open pages at once and answers in the card, with its date and source, until it is turned off', async ({ driver, open }) => {
  // A page open before the pack is added: only the bundled topics are highlighted.
  const tab = await open('pack-page.html');
  await waitForHighlights(tab);
  expect(await highlightedTexts(tab)).toEqual({ huawei: ['Huawei'], '5g-standards': ['5G'] });

  const options = await openOptions(driver);
  const section = ui(options).getByRole('region', { name: 'Topic packs' });
  await options.chooseFile(packFileInput, { name: 'sample-5g-security.json', content: samplePack });
  await expect(section.getByRole('status')).toContainText('Added "Sample: 5G security decisions in Europe" 1.0.0.');

  // The open page follows without a reload: the pack's own topic is highlighted, in a colour of
  // its own, and its card is the pack's.
  await tab.bringToFront();
  await expect.poll(async () => (await highlightedTexts(tab))['eu-5g-toolbox']).toEqual(['EU Toolbox']);
  await hoverText(tab, '#toolbox', 'EU Toolbox');
  let card = popover(tab);
  await expect(card).toHaveAccessibleName('EU 5G Toolbox');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('What is the EU 5G Toolbox?');
  await expect(card.locator('.provenance')).toHaveText('As of 29 Jan 2020 · Source: digital-strategy.ec.europa.eu');

  // An entry the pack adds to the bundled Huawei topic answers where the sentence asks its question.
  await tab.keyboard.press('Escape');
  await expect(popover(tab)).toHaveCount(0);
  await hoverText(tab, '#deadline', 'Huawei');
  card = popover(tab);
  await expect(card.getByRole('heading', { level: 2 })).toHaveText(PACK_QUESTION);
  await expect(card.locator('.provenance')).toHaveText('As of 14 Jul 2020 · Source: gov.uk');
  await expect(card.getByRole('link', { name: 'Source: gov.uk' })).toHaveAttribute('href', 'https://www.gov.uk/government/news/huawei-to-be-removed-from-uk-5g-networks-by-2027');

  // "Open in the FAQ" from a pack answer opens the FAQ page at it.
  const faqPage = await driver.waitForNewTab(() => card.getByRole('button', { name: 'Open in the FAQ' }).click());
  await expect(faqPage).toHaveURL(/\/faq\.html#sample-5g-security\/uk-removal$/);
  await expect(ui(faqPage).getByText(PACK_QUESTION)).toBeVisible();
  await expect(ui(faqPage).locator('[id="sample-5g-security/uk-removal"]')).toHaveAttribute('open', '');

  // The popup counts the pack's topic on the page, and its search finds the pack's entries.
  const popup = await openPopup(driver, await tabIdOf(driver, tab));
  await expect(ui(popup).getByRole('region', { name: 'On this page' }).getByRole('button', { name: /^EU 5G Toolbox/ })).toContainText('1');
  await ui(popup).getByRole('searchbox', { name: 'Search the FAQ' }).fill('2027');
  await expect(ui(popup).getByRole('region', { name: 'FAQ' }).getByText(PACK_QUESTION)).toBeVisible();

  // Turned off: the open page drops the pack's highlights and answers at once.
  await options.bringToFront();
  await section.getByRole('switch', { name: /Sample: 5G security decisions in Europe/ }).uncheck();
  await expect(section.getByRole('status')).toContainText('Turned off');
  await tab.bringToFront();
  await expect.poll(async () => (await highlightedTexts(tab))['eu-5g-toolbox'] ?? []).toEqual([]);
  await tab.keyboard.press('Escape');
  await tab.mouse.move(0, 0);
  await hoverText(tab, '#deadline', 'Huawei');
  card = popover(tab);
  await expect(card.getByRole('heading', { level: 2 })).not.toHaveText(PACK_QUESTION);
  await expect(card.locator('.provenance')).toHaveCount(0);
  expect(await highlightedTexts(tab)).toEqual({ huawei: ['Huawei'], '5g-standards': ['5G'] });
});

test('a page open with nothing of the bundled topics is read as soon as a pack it mentions is added, follows the pack topic\'s switch, and is let go when the pack is removed', async ({ driver, open }) => {
  const tab = await open('pack-only-page.html');
  // Nothing to highlight yet (the page has been read by then: the seed article highlights in far less).
  await sleep(1000);
  expect(await highlightedTexts(tab)).toEqual({});

  const options = await openOptions(driver);
  const section = ui(options).getByRole('region', { name: 'Topic packs' });
  await options.chooseFile(packFileInput, { name: 'sample-5g-security.json', content: samplePack });
  await expect(section.getByRole('status')).toContainText('Added "Sample: 5G security decisions in Europe" 1.0.0.');
  await expect.poll(async () => (await highlightedTexts(tab))['eu-5g-toolbox']).toEqual(['EU Toolbox']);

  // The pack's topic has its switch among the topics, like the bundled ones.
  const topics = ui(options).getByRole('region', { name: 'Topics' });
  await topics.getByRole('checkbox', { name: 'EU 5G Toolbox' }).uncheck();
  await expect.poll(() => highlightedTexts(tab)).toEqual({});
  await topics.getByRole('checkbox', { name: 'EU 5G Toolbox' }).check();
  await expect.poll(async () => (await highlightedTexts(tab))['eu-5g-toolbox']).toEqual(['EU Toolbox']);

  await section.getByRole('button', { name: 'Remove Sample: 5G security decisions in Europe' }).click();
  await expect(topics.getByRole('checkbox', { name: 'EU 5G Toolbox' })).toHaveCount(0);
  await expect.poll(() => highlightedTexts(tab)).toEqual({});
});

test("frames that mention only a pack's terms are highlighted and answer in the card, and are not once the pack is removed", async ({ driver, open }) => {
  const options = await openOptions(driver);
  const section = ui(options).getByRole('region', { name: 'Topic packs' });
  await options.chooseFile(packFileInput, { name: 'sample-5g-security.json', content: samplePack });
  await expect(section.getByRole('status')).toContainText('Added "Sample: 5G security decisions in Europe" 1.0.0.');
  // The background registers the packs' frame probe once it has stored what pages read of them.
  await expect.poll(() => storedLocal(driver, 'packProbe')).toBeTruthy();

  const tab = await open('pack-frames.html');
  const highlightedIn = async (id: string) => (await highlightedTexts(await tab.frame(`iframe#${id}`)))['eu-5g-toolbox'] ?? [];
  for (const id of ['srcdoc', 'same', 'blank']) await expect.poll(() => highlightedIn(id), { message: id }).toEqual(['EU Toolbox']);
  expect(await highlightedTexts(tab)).toEqual({}); // the top page mentions nothing
  expect(await highlightedIn('ad')).toEqual([]); // a few words are not looked at for pack terms
  await expect.poll(async () => badgeText(driver, await tabIdOf(driver, tab))).toBe('3');

  const frame = await tab.frame('iframe#same');
  await hoverHighlightInFrame(tab, frame, 'eu-5g-toolbox');
  await expect(popover(tab, frame).getByRole('heading', { level: 2 })).toHaveText('What is the EU 5G Toolbox?');

  await section.getByRole('button', { name: 'Remove Sample: 5G security decisions in Europe' }).click();
  await expect.poll(() => storedLocal(driver, 'packProbe')).toBeUndefined();
  await tab.goto(`${new URL(await tab.url()).origin}/pack-frames.html`);
  await sleep(1500); // every frame has been probed, and the late one filled, by then
  for (const id of ['srcdoc', 'same', 'blank']) expect(await highlightedIn(id), id).toEqual([]);
});

import type { Tab } from './driver/types';
import { expect, test } from './fixtures';
import { cardSettled, hoverText, popover, waitForHighlights } from './page-helpers';

// The card takes the theme of the page behind its mention, not the system's: a dark card on a
// white article (or a white one on a dark forum) would look pasted on.

const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(34, 39, 46)';

const prefersDark = (tab: Tab) => tab.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);

async function cardBackgroundAt(tab: Tab, selector: string, text: string): Promise<string> {
  await tab.mouse.move(2, 2);
  await expect(popover(tab)).toHaveCount(0);
  await hoverText(tab, selector, text);
  await expect(popover(tab)).toBeVisible();
  await cardSettled(tab);
  return (await popover(tab).computedStyle('background-color'))!;
}

test('with a light system theme, the card is dark over a dark part of the page and light over a light one', async ({ open }) => {
  const tab = await open('themes.html');
  expect(await prefersDark(tab)).toBe(false);
  await waitForHighlights(tab);
  expect(await cardBackgroundAt(tab, '#in-dark', 'Huawei')).toBe(DARK);
  expect(await cardBackgroundAt(tab, '#nested-dark', 'Entity List')).toBe(DARK);
  expect(await cardBackgroundAt(tab, '#in-light', 'Huawei')).toBe(WHITE);
});

test('with a dark system theme, the card stays light on a light page, and is dark where the page follows the system', async ({ fixtureOrigin, launch }) => {
  const tab = await (await launch({ colorScheme: 'dark' })).newTab();
  await tab.goto(`${fixtureOrigin}/themes.html`);
  expect(await prefersDark(tab)).toBe(true);
  await waitForHighlights(tab);
  expect(await cardBackgroundAt(tab, '#in-light', 'Huawei')).toBe(WHITE);
  await tab.goto(`${fixtureOrigin}/themes-auto.html`);
  await waitForHighlights(tab);
  expect(await cardBackgroundAt(tab, '#text', 'Huawei')).toBe(DARK);
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { cardSettled, hoverText, popover, waitForHighlights } from './page-helpers';

// The card takes the theme of the page behind its mention, not the system's: a dark card on a
// white article (or a white one on a dark forum) would look pasted on.

const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(34, 39, 46)';

async function cardBackgroundAt(page: Page, selector: string, text: string): Promise<string> {
  await page.mouse.move(2, 2);
  await expect(popover(page)).toHaveCount(0);
  await hoverText(page, selector, text);
  await expect(popover(page)).toBeVisible();
  await cardSettled(page);
  return popover(page).evaluate((card) => getComputedStyle(card).backgroundColor);
}

test('with a light system theme, the card is dark over a dark part of the page and light over a light one', async ({ openFixture }) => {
  const page = await openFixture('themes.html');
  await waitForHighlights(page);
  expect(await cardBackgroundAt(page, '#in-dark', 'Huawei')).toBe(DARK);
  expect(await cardBackgroundAt(page, '#nested-dark', 'Entity List')).toBe(DARK);
  expect(await cardBackgroundAt(page, '#in-light', 'Huawei')).toBe(WHITE);
});

test('with a dark system theme, the card stays light on a light page, and is dark where the page follows the system', async ({ fixtureOrigin, launchBrowser }) => {
  const page = await (await launchBrowser({ colorScheme: 'dark' })).newPage();
  await page.goto(`${fixtureOrigin}/themes.html`);
  await waitForHighlights(page);
  expect(await cardBackgroundAt(page, '#in-light', 'Huawei')).toBe(WHITE);
  await page.goto(`${fixtureOrigin}/themes-auto.html`);
  await waitForHighlights(page);
  expect(await cardBackgroundAt(page, '#text', 'Huawei')).toBe(DARK);
});

import { ui } from './driver/locator';
import type { Realm } from './driver/types';
import { badgeText, openPopup, pressCommand, tabIdOf } from './extension-pages';
import { expect, test } from './fixtures';
import { highlightedTextsIn, hoverText, popover } from './page-helpers';

// A long page is read near the viewport first (a screen above and below it), and the rest as the
// reader scrolls towards it, or at once when the popup or the keyboard command needs the whole page
// (page/reading-plan.ts). Separately, a page with hundreds of mentions registers only those near the
// viewport: Chromium revisits every registered highlight range after each DOM change
// (page/highlighter.ts). Either way the reader sees every mention that comes into view.

const registered = (realm: Realm) =>
  realm.evaluate(() => [...(CSS.highlights as unknown as Map<string, Set<unknown>>)].filter(([name]) => name.startsWith('fact-context-')).reduce((sum, [, highlight]) => sum + highlight.size, 0));

test('a long thread is read near the viewport first, the rest as it comes into view, and all of it when the popup opens', async ({ driver, open }) => {
  const tab = await open('many-mentions.html');
  const tabId = await tabIdOf(driver, tab);
  await expect.poll(() => highlightedTextsIn(tab, '#reply-0')).toEqual(['Huawei']);
  // What is far below has not been read yet: the badge counts what has.
  expect(await highlightedTextsIn(tab, '#reply-499')).toEqual([]);
  const early = Number(await badgeText(driver, tabId));
  expect(early).toBeGreaterThan(20);
  expect(early).toBeLessThan(200);

  await tab.evaluate(() => document.getElementById('reply-499')!.scrollIntoView());
  await expect.poll(() => highlightedTextsIn(tab, '#reply-499')).toEqual(['Huawei']);
  await hoverText(tab, '#reply-499', 'Huawei');
  await expect(popover(tab)).toHaveAccessibleName('Huawei');
  expect(await registered(tab)).toBeLessThan(150);

  // The popup is about the whole page: opening it reads the rest (500 replies and the title's 3).
  const popup = await openPopup(driver, tabId);
  await expect(ui(popup).getByRole('region', { name: 'On this page' }).getByRole('button', { name: /^Huawei/ })).toContainText('501');
  await expect.poll(() => badgeText(driver, tabId)).toBe('503');
  await tab.bringToFront();
  await tab.evaluate(() => document.getElementById('reply-250')!.scrollIntoView({ block: 'center' }));
  await expect.poll(() => highlightedTextsIn(tab, '#reply-250')).toEqual(['Huawei']);
});

test('a long page opened at a fragment far down is read around that place first', async ({ open }) => {
  const tab = await open('many-mentions.html#reply-400');
  await expect.poll(() => highlightedTextsIn(tab, '#reply-400')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(tab, '#reply-410')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(tab, '#reply-0')).toEqual([]);
});

test('the keyboard command reaches mentions that were not read yet: "previous" from the top wraps round to the last one', async ({ driver, open }) => {
  const tab = await open('many-mentions.html');
  await expect.poll(() => highlightedTextsIn(tab, '#reply-0')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(tab, '#reply-499')).toEqual([]);
  await pressCommand(driver, tab, -1);
  await expect(popover(tab)).toHaveAccessibleName('Huawei');
  await expect(ui(tab).locator('#reply-499')).toBeInViewport();
  // Its topic's highlight, and the keyboard's mark on the mention it stepped to.
  await expect.poll(() => highlightedTextsIn(tab, '#reply-499')).toEqual(['Huawei', 'Huawei']);
});

test('a long page in columns, whose order on screen the layout does not follow, is read whole at once', async ({ driver, open }) => {
  const tab = await open('long-columns.html');
  const tabId = await tabIdOf(driver, tab);
  await expect.poll(() => badgeText(driver, tabId)).toBe('60');
  expect(await highlightedTextsIn(tab, '#item-599')).toEqual(['Entity List']);
});

test('text deep in a scrolling box is read when the box is scrolled to it', async ({ open }) => {
  const tab = await open('scroll-box.html');
  await expect.poll(() => highlightedTextsIn(tab, '#line-3')).toEqual(['Entity List']);
  expect(await highlightedTextsIn(tab, '#line-1900')).toEqual([]);
  // The page itself does not move: only the box scrolls.
  await tab.evaluate(() => document.getElementById('line-1900')!.scrollIntoView({ block: 'nearest' }));
  expect(await tab.evaluate(() => window.scrollY)).toBe(0);
  await expect.poll(() => highlightedTextsIn(tab, '#line-1900')).toEqual(['Huawei']);
  await hoverText(tab, '#line-1900', 'Huawei');
  await expect(popover(tab)).toHaveAccessibleName('Huawei');
});

test('the popup gets the whole page\'s counts even while the page never stops changing', async ({ driver, open }) => {
  const tab = await open('many-mentions.html');
  const tabId = await tabIdOf(driver, tab);
  await expect.poll(() => highlightedTextsIn(tab, '#reply-0')).toEqual(['Huawei']);
  // A ticker that replaces 400 lines every 16 ms, as long as the test runs.
  await tab.evaluate(() => {
    const ticker = document.createElement('section');
    document.body.prepend(ticker);
    let tick = 0;
    setInterval(() => {
      tick++;
      ticker.replaceChildren(...Array.from({ length: 400 }, (_, i) => Object.assign(document.createElement('div'), { textContent: `Quote ${i}, update ${tick}.` })));
    }, 16);
  });
  const popup = await openPopup(driver, tabId);
  await expect(ui(popup).getByRole('region', { name: 'On this page' }).getByRole('button', { name: /^Huawei/ })).toContainText('501');
});

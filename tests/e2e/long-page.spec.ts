import { badgeText, tabIdOf } from './extension-pages';
import { expect, test } from './fixtures';
import { highlightedTextsIn, hoverText, popover } from './page-helpers';

// A page with hundreds of mentions registers only those near the viewport: Chromium revisits every
// registered highlight range after each DOM change, so hundreds of them would slow the page's later
// changes (see lib/highlighter.ts). The reader sees no difference: what comes into view is painted.

test('on a page with 500 mentions, those near the viewport are painted, and the rest as they come into view', async ({ context, openFixture }) => {
  const page = await openFixture('many-mentions.html');
  const tabId = await tabIdOf(context, page);
  await expect.poll(() => badgeText(context, tabId)).toBe('503'); // all found: 500 replies and the title's 3
  const registered = () =>
    page.evaluate(() => [...(CSS.highlights as unknown as Map<string, Set<unknown>>)].filter(([name]) => name.startsWith('fact-context-')).reduce((sum, [, highlight]) => sum + highlight.size, 0));
  await expect.poll(registered).toBeGreaterThan(20);
  expect(await registered()).toBeLessThan(150);
  expect(await highlightedTextsIn(page, '#reply-0')).toEqual(['Huawei']);
  expect(await highlightedTextsIn(page, '#reply-499')).toEqual([]);

  await page.evaluate(() => document.getElementById('reply-499')!.scrollIntoView());
  await expect.poll(() => highlightedTextsIn(page, '#reply-499')).toEqual(['Huawei']);
  await hoverText(page, '#reply-499', 'Huawei');
  await expect(popover(page)).toHaveAccessibleName('Huawei');
  expect(await registered()).toBeLessThan(150);
});

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { pressCommand } from './extension-pages';
import { expect, test } from './fixtures';
import { highlightedTexts, hoverText, pointOnText, popover, waitForHighlights } from './page-helpers';

const currentMention = (page: Page) =>
  page.evaluate(() => [...([...(CSS.highlights as unknown as Map<string, Set<Range>>)].find(([name]) => name.startsWith('fact-context-current--'))?.[1] ?? [])].map((range) => range.toString()));

test.describe('the keyboard', () => {
  test('the command steps through the mentions, marks the current one, focuses its card and announces it', async ({ context, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    const total = Object.values(await highlightedTexts(page)).flat().length;

    await pressCommand(context, page, 1);
    const card = popover(page);
    await expect(card).toBeVisible();
    await expect(card).toBeFocused();
    await expect(card).toHaveAccessibleName('Huawei');
    expect(await currentMention(page)).toEqual(['Huawei']);
    await expect(page.getByRole('status').filter({ hasText: `Huawei: mention 1 of ${total}` })).toBeAttached();

    await pressCommand(context, page, 1);
    await expect(page.getByRole('status').filter({ hasText: `mention 2 of ${total}` })).toBeAttached();
    await expect(card).toHaveAccessibleName('5G and its standards');

    await pressCommand(context, page, -1);
    await pressCommand(context, page, -1); // wraps round to the last mention
    await expect(page.getByRole('status').filter({ hasText: `mention ${total} of ${total}` })).toBeAttached();
  });

  test('a card opened from the keyboard stays open while the mouse rests elsewhere on the page it scrolled', async ({ context, openFixture }) => {
    const page = await openFixture('seed-article.html');
    await waitForHighlights(page);
    await page.mouse.move(1200, 400); // over the page, on no mention
    for (let step = 0; step < 12; step++) await pressCommand(context, page, 1); // far enough down to scroll
    await expect(popover(page)).toBeFocused();
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
    await page.waitForTimeout(900); // longer than the 300 ms close grace
    await expect(popover(page)).toBeFocused();
  });

  test('Escape closes the card and returns focus to where it was', async ({ context, openFixture }) => {
    const page = await openFixture('interactions.html');
    await waitForHighlights(page);
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'page-button';
      button.textContent = 'A page button';
      document.querySelector('main')!.prepend(button);
      button.focus();
    });
    await pressCommand(context, page, 1);
    await expect(popover(page)).toBeFocused();
    await page.keyboard.press('Tab'); // into the card's controls
    await page.keyboard.press('Escape');
    await expect(popover(page)).toHaveCount(0);
    await expect(page.locator('#page-button')).toBeFocused();
    expect(await currentMention(page)).toEqual([]);
  });

  test('the card is a labelled dialog whose controls are reached with Tab', async ({ context, openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    await pressCommand(context, page, 1);
    // No landmarks inside the card: it must not add to the page's landmark list.
    await expect(popover(page)).toMatchAriaSnapshot(`
      - dialog "Huawei":
        - text: Huawei
        - button "Close"
        - paragraph: /Huawei is a Chinese maker/
        - heading /Which countries have restricted Huawei/ [level=2]
        - paragraph: /Countries like Canada and the UK/
        - group: 5 more questions on Huawei
        - button "Open in the FAQ"
        - button "Turn off on this site"
    `);
    const reached: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      reached.push(await popover(page).evaluate((card) => (card.getRootNode() as ShadowRoot).activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached).toEqual(['×', expect.stringMatching(/more questions on Huawei/), 'Open in the FAQ', 'Turn off on this site']);
  });

  test('with the card open, the page has no accessibility violations inside the card (axe-core)', async ({ openFixture }) => {
    const page = await openFixture('contexts.html');
    await waitForHighlights(page);
    await hoverText(page, '#ban', 'Huawei');
    await expect(popover(page)).toBeVisible();
    const hostTag = await page.evaluate(() => [...document.body.children].find((el) => el.localName.startsWith('fact-context-popover-'))!.localName);
    const results = await new AxeBuilder({ page }).include(hostTag).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test('with reduced motion the card appears without animation', async ({ fixtureOrigin, launchBrowser }) => {
  const still = await launchBrowser({ reducedMotion: 'reduce' });
  const page = await still.newPage();
  await page.goto(`${fixtureOrigin}/contexts.html`);
  await waitForHighlights(page);
  await hoverText(page, '#ban', 'Huawei');
  await expect(popover(page)).toBeVisible();
  expect(await popover(page).evaluate((card) => card.getAnimations().length)).toBe(0);
});

test.describe('touch', () => {
  const TOUCH_PHONE = { hasTouch: true, viewport: { width: 400, height: 800 } };

  test('a tap on a mention opens its card, a tap elsewhere closes it', async ({ fixtureOrigin, launchBrowser }) => {
    const page = await (await launchBrowser(TOUCH_PHONE)).newPage();
    await page.goto(`${fixtureOrigin}/contexts.html`);
    await waitForHighlights(page);
    const point = await pointOnText(page, '#spying', 'Huawei');
    await page.touchscreen.tap(point.x, point.y);
    await expect(popover(page)).toHaveAccessibleName('Huawei');
    await expect(popover(page).locator('.answer')).toContainText('espionage');
    await page.touchscreen.tap(10, 780);
    await expect(popover(page)).toHaveCount(0);
  });

  test('a tap on a mention inside a link follows the link', async ({ fixtureOrigin, launchBrowser }) => {
    const page = await (await launchBrowser(TOUCH_PHONE)).newPage();
    await page.goto(`${fixtureOrigin}/traps.html`);
    await waitForHighlights(page);
    const point = await pointOnText(page, '#linked', 'Entity List');
    await page.touchscreen.tap(point.x, point.y);
    await expect(page).toHaveURL(/#target$/);
    await expect(popover(page)).toHaveCount(0);
  });
});

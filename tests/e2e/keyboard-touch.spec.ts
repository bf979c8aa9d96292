import { cardStatus, ui } from './driver/locator';
import type { Tab } from './driver/types';
import { accessibilityViolations, pressCommand } from './extension-pages';
import { expect, test } from './fixtures';
import { currentMention, highlightedTexts, hoverText, pointOnText, popover, sleep, waitForHighlights } from './page-helpers';

/** The tag name of the card's host element (ours, with a random ending). */
const cardHostTag = (tab: Tab) =>
  tab.evaluate(() => [...document.body.children].find((element) => element.localName.startsWith('fact-context-popover-'))!.localName);

/** The text of the element focused inside the card's shadow root. */
const focusedInCard = (tab: Tab) =>
  tab.evaluate(() => {
    const host = [...document.body.children].find((element) => element.localName.startsWith('fact-context-popover-'));
    return host?.shadowRoot?.activeElement?.textContent?.trim() ?? '';
  });

/** Roles that make a landmark: none may be inside the card, or it would add to the page's landmark list. */
const LANDMARKS = ['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search'];

test.describe('the keyboard', () => {
  test('the command steps through the mentions, marks the current one, focuses its card and announces it', async ({ driver, open }) => {
    const tab = await open('contexts.html');
    await waitForHighlights(tab);
    const total = Object.values(await highlightedTexts(tab)).flat().length;

    await pressCommand(driver, tab, 1);
    const card = popover(tab);
    await expect(card).toBeVisible();
    await expect(card).toBeFocused();
    await expect(card).toHaveAccessibleName('Huawei');
    expect(await currentMention(tab)).toEqual(['Huawei']);
    await expect(cardStatus(tab).filter({ hasText: `Huawei: mention 1 of ${total}` })).toBeAttached();

    await pressCommand(driver, tab, 1);
    await expect(cardStatus(tab).filter({ hasText: `mention 2 of ${total}` })).toBeAttached();
    await expect(card).toHaveAccessibleName('5G and its standards');

    await pressCommand(driver, tab, -1);
    await pressCommand(driver, tab, -1); // wraps round to the last mention
    await expect(cardStatus(tab).filter({ hasText: `mention ${total} of ${total}` })).toBeAttached();
  });

  test('a card opened from the keyboard stays open while the mouse rests elsewhere on the page it scrolled', async ({ driver, open }) => {
    const tab = await open('seed-article.html');
    await waitForHighlights(tab);
    await tab.mouse.move(1200, 400); // over the page, on no mention
    for (let step = 0; step < 12; step++) await pressCommand(driver, tab, 1); // far enough down to scroll
    await expect(popover(tab)).toBeFocused();
    expect(await tab.evaluate(() => scrollY)).toBeGreaterThan(0);
    await sleep(900); // longer than the 300 ms close grace
    await expect(popover(tab)).toBeFocused();
  });

  test('Escape closes the card and returns focus to where it was', async ({ driver, open }) => {
    const tab = await open('interactions.html');
    await waitForHighlights(tab);
    await tab.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'page-button';
      button.textContent = 'A page button';
      document.querySelector('main')!.prepend(button);
      button.focus();
    });
    await pressCommand(driver, tab, 1);
    await expect(popover(tab)).toBeFocused();
    await tab.keyboard.press('Tab'); // into the card's controls
    await tab.keyboard.press('Escape');
    await expect(popover(tab)).toHaveCount(0);
    await expect(ui(tab).locator('#page-button')).toBeFocused();
    expect(await currentMention(tab)).toEqual([]);
  });

  test('the card is a labelled dialog whose controls are reached with Tab', async ({ driver, open }) => {
    const tab = await open('contexts.html');
    await waitForHighlights(tab);
    await pressCommand(driver, tab, 1);
    await expect(popover(tab)).toHaveAccessibleName('Huawei');
    const outline = (await popover(tab).ariaOutline())!;
    // What assistive technology is told, in this order (paragraphs have no role in dom-accessibility-api:
    // their text is checked on its own).
    const wanted: { role: string; name: string | RegExp; level?: number }[] = [
      { role: 'dialog', name: 'Huawei' },
      { role: 'button', name: 'Close' },
      { role: 'heading', name: /^Which countries have restricted Huawei/, level: 2 },
      { role: 'group', name: '' },
      { role: 'button', name: '5 more questions on Huawei' },
      { role: 'button', name: 'Open in the FAQ' },
      { role: 'button', name: 'Turn off on this site' },
    ];
    let found = 0;
    for (const { role, name, level } of outline) {
      const want = wanted[found];
      if (want && role === want.role && (typeof want.name === 'string' ? name === want.name : want.name.test(name)) && (want.level === undefined || level === want.level)) found++;
    }
    expect(wanted.slice(found), `not found in this order in the card's outline ${JSON.stringify(outline)}`).toEqual([]);
    await expect(popover(tab).locator('#fc-topic')).toHaveText('Huawei');
    await expect(popover(tab).getByText(/^Huawei is a Chinese maker/)).toBeVisible();
    await expect(popover(tab).getByText(/^Countries like Canada and the UK/)).toBeVisible();
    // The other questions: a closed group that shows only its summary.
    await expect(popover(tab).getByRole('group').first().getByText('5 more questions on Huawei')).toBeVisible();
    await expect(popover(tab).getByRole('group').first().getByText('Why was Huawei placed on the US trade blacklist?')).toBeHidden();
    // No landmarks inside the card: it must not add to the page's landmark list.
    expect(outline.filter(({ role }) => LANDMARKS.includes(role))).toEqual([]);

    const reached: string[] = [];
    for (let i = 0; i < 4; i++) {
      await tab.keyboard.press('Tab');
      reached.push(await focusedInCard(tab));
    }
    expect(reached).toEqual(['×', expect.stringMatching(/more questions on Huawei/), 'Open in the FAQ', 'Turn off on this site']);
  });

  test('with the card open, the page has no accessibility violations inside the card (axe-core)', async ({ open }) => {
    const tab = await open('contexts.html');
    await waitForHighlights(tab);
    await hoverText(tab, '#ban', 'Huawei');
    await expect(popover(tab)).toBeVisible();
    expect(await accessibilityViolations(tab, await cardHostTag(tab))).toEqual([]);
  });
});

test('with reduced motion the card appears without animation', async ({ fixtureOrigin, launch }) => {
  const still = await launch({ reducedMotion: 'reduce' });
  const tab = await still.newTab();
  await tab.goto(`${fixtureOrigin}/contexts.html`);
  await waitForHighlights(tab);
  await hoverText(tab, '#ban', 'Huawei');
  await expect(popover(tab)).toBeVisible();
  expect(await tab.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  const animations = await tab.evaluate(() => {
    const host = [...document.body.children].find((element) => element.localName.startsWith('fact-context-popover-'));
    return host!.shadowRoot!.querySelector('[role="dialog"]')!.getAnimations().length;
  });
  expect(animations).toBe(0);
});

test.describe('touch', () => {
  const TOUCH_PHONE = { hasTouch: true, viewport: { width: 400, height: 800 } };

  test('a tap on a mention opens its card, a tap elsewhere closes it', async ({ fixtureOrigin, launch }) => {
    const tab = await (await launch(TOUCH_PHONE)).newTab();
    await tab.goto(`${fixtureOrigin}/contexts.html`);
    await waitForHighlights(tab);
    const point = await pointOnText(tab, '#spying', 'Huawei');
    await tab.tap(point.x, point.y);
    await expect(popover(tab)).toHaveAccessibleName('Huawei');
    await expect(popover(tab).locator('.answer')).toContainText('espionage');
    await tab.tap(10, 780);
    await expect(popover(tab)).toHaveCount(0);
  });

  test('a tap on a mention inside a link follows the link', async ({ fixtureOrigin, launch }) => {
    const tab = await (await launch(TOUCH_PHONE)).newTab();
    await tab.goto(`${fixtureOrigin}/traps.html`);
    await waitForHighlights(tab);
    const point = await pointOnText(tab, '#linked', 'Entity List');
    await tab.tap(point.x, point.y);
    await expect(tab).toHaveURL(/#target$/);
    await expect(popover(tab)).toHaveCount(0);
  });

  test('a tap is a click whose pointer is a touch (what the content script tells taps by)', async ({ fixtureOrigin, launch }) => {
    const tab = await (await launch(TOUCH_PHONE)).newTab();
    await tab.goto(`${fixtureOrigin}/contexts.html`);
    await tab.evaluate(() => {
      const clicks: string[] = [];
      Object.defineProperty(window, '__clicks', { value: clicks });
      document.addEventListener('click', (event) => clicks.push((event as PointerEvent).pointerType), true);
    });
    await tab.tap(10, 780);
    await expect.poll(() => tab.evaluate(() => (window as unknown as { __clicks: string[] }).__clicks)).toEqual(['touch']);
  });
});

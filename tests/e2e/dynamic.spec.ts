import type { Frame, Page } from '@playwright/test';
import { badgeText, tabIdOf } from './extension-pages';
import { expect, test } from './fixtures';
import { highlightedTexts, highlightedTextsIn, hoverHighlight, popover, waitForHighlights } from './page-helpers';

const all = async (page: Page | Frame) => Object.values(await highlightedTexts(page as Page)).flat().sort();

/** Every highlighted range is on text that is still in the document. */
const allRangesConnected = (page: Page) =>
  page.evaluate(() =>
    [...(CSS.highlights as unknown as Map<string, Set<Range>>).entries()]
      .filter(([name]) => name.startsWith('fact-context-'))
      .every(([, ranges]) => [...ranges].every((range) => range.startContainer.isConnected && range.endContainer.isConnected)),
  );

test.describe('a page that changes', () => {
  let page: Page;
  test.beforeEach(async ({ openFixture }) => {
    page = await openFixture('dynamic.html');
    await waitForHighlights(page);
    await expect.poll(() => all(page)).toEqual(['Huawei']);
  });

  test('content appended by infinite scroll is highlighted, and its cards open', async () => {
    for (let i = 1; i <= 3; i++) {
      await page.evaluate(() => (window as unknown as { appendChunk(n: number): void }).appendChunk(5));
      await expect.poll(() => all(page)).toHaveLength(1 + 2 * i);
    }
    expect(await all(page)).toEqual(['Commerce Department', 'Commerce Department', 'Commerce Department', 'Huawei', 'Huawei', 'Huawei', 'Huawei']);
    await hoverHighlight(page, 'trade-blacklist', 2);
    await expect(popover(page)).toContainText('US trade blacklist');
  });

  test('a single-page-app route change replaces the old highlights with the new page’s', async () => {
    await page.getByRole('link', { name: 'Story' }).click();
    await expect(page).toHaveURL(/\/dynamic\/story$/);
    await expect.poll(() => all(page)).toEqual(['3GPP', '5G standards']);
    expect(await allRangesConnected(page)).toBe(true);
  });

  test('a mention typed into the page by script is picked up', async () => {
    await page.evaluate(() => (window as unknown as { typeMention(): void }).typeMention());
    await expect.poll(() => all(page)).toEqual(['Entity List', 'Huawei', 'Huawei']);
  });

  test('removing inline markup that split a word makes it a mention', async () => {
    await page.evaluate(() => (window as unknown as { joinWord(): void }).joinWord());
    await expect.poll(() => highlightedTextsIn(page, '#joined')).toEqual(['Huawei']);
  });

  test('removed text loses its highlight, and no highlight is left on detached nodes', async () => {
    await page.evaluate(() => (window as unknown as { removeIntro(): void }).removeIntro());
    await expect.poll(() => all(page)).toEqual([]);
    expect(await allRangesConnected(page)).toBe(true);
  });

  test('after a storm of changes the highlights catch up with what the page shows', async () => {
    await page.evaluate(() => (window as unknown as { storm(ms: number): Promise<void> }).storm(1500));
    // The last frame of the storm has 4 mentions of Huawei (ticks 0, 100, 200, 300), plus the intro.
    await expect.poll(() => all(page), { timeout: 10_000 }).toEqual(['Huawei', 'Huawei', 'Huawei', 'Huawei', 'Huawei']);
    expect(await allRangesConnected(page)).toBe(true);
  });
});

test.describe('web components', () => {
  test('mentions inside open shadow roots, nested ones too, are highlighted and styled there', async ({ openFixture }) => {
    const page = await openFixture('shadow.html');
    await waitForHighlights(page);
    await expect.poll(() => all(page)).toEqual(['5G standards', 'Entity List', 'Huawei']);
    // ::highlight() rules only paint inside a shadow root that has them.
    const styled = await page.evaluate(() => {
      const root = document.getElementById('card')!.shadowRoot!;
      return root.adoptedStyleSheets.some((sheet) => [...sheet.cssRules].some((rule) => rule.cssText.includes('::highlight(fact-context-huawei--')));
    });
    expect(styled).toBe(true);
  });

  test('text that arrives in a shadow root later is picked up', async ({ openFixture }) => {
    const page = await openFixture('shadow.html');
    await waitForHighlights(page);
    await page.evaluate(() => (window as unknown as { fillLate(): void }).fillLate());
    await expect.poll(() => all(page)).toEqual(['5G standards', 'Commerce Department', 'Entity List', 'Huawei', 'Huawei']);
  });

  test('the card opens for a mention inside a shadow root', async ({ openFixture }) => {
    const page = await openFixture('shadow.html');
    await waitForHighlights(page);
    await hoverHighlight(page, 'huawei', 0);
    await expect(popover(page)).toHaveAccessibleName('Huawei');
  });
});

test.describe('frames', () => {
  let page: Page;
  let tabId: number;
  test.beforeEach(async ({ openFixture, otherOrigin, context }) => {
    page = await openFixture(`frames.html?cross=${encodeURIComponent(otherOrigin)}`);
    tabId = await tabIdOf(context, page);
  });

  const frameById = async (id: string) => (await page.locator(`iframe#${id}`).elementHandle())?.contentFrame();

  for (const [id, expected] of [
    ['same', ['Commerce Department', 'Huawei']],
    ['cross', ['Commerce Department', 'Huawei']],
    ['srcdoc', ['Entity List']],
    ['blank', ['5G standards']],
  ] as const) {
    test(`a ${id} iframe gets its mentions highlighted`, async () => {
      await expect.poll(async () => {
        const frame = await frameById(id);
        return frame ? all(frame) : [];
      }).toEqual(expected);
    });
  }

  test('the toolbar badge adds up the mentions of every frame', async ({ context }) => {
    await expect.poll(() => badgeText(context, tabId)).toBe('6');
  });

  test('the card opens inside the frame', async () => {
    const frame = (await frameById('same'))!;
    await expect.poll(() => all(frame)).toEqual(['Commerce Department', 'Huawei']);
    const box = (await page.locator('#same').boundingBox())!;
    const point = await frame.evaluate(() => {
      const range = [...[...(CSS.highlights as unknown as Map<string, Set<Range>>)].find(([name]) => name.startsWith('fact-context-huawei--'))![1]][0];
      const rect = range.getClientRects()[0];
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    });
    await page.mouse.move(box.x + 1 + point.x, box.y + 1 + point.y, { steps: 4 });
    await expect(frame.getByRole('dialog')).toHaveAccessibleName('Huawei');
    expect(await all(page)).toEqual([]); // the top page has no mention of its own
  });
});

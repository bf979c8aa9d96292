import { expect, test } from './fixtures';
import { hoverText, pointOnText, popover, sleep, waitForHighlights } from './page-helpers';

const ANSWER = {
  q1: 'Huawei was added to the US trade blacklist due to concerns regarding national security',
  q3: 'Huawei has expressed its commitment to engaging in discussions',
  q4: 'Countries like Canada and the UK have either limited or excluded Huawei',
  q6: 'Setting standardized 5G protocols is crucial',
  q7: 'The US government has raised concerns about potential espionage risks',
  q11: '5G deployments have commenced in major cities worldwide',
};

test.describe('hovering a mention', () => {
  test.beforeEach(async ({ open }) => {
    await waitForHighlights(await open('contexts.html'));
  });

  for (const [paragraph, term, answer] of [
    ['#ban', 'Huawei', ANSWER.q4],
    ['#spying', 'Huawei', ANSWER.q7],
    ['#reply', 'Huawei', ANSWER.q3],
    ['#plain', 'Huawei', ANSWER.q1],
    ['#standards', '5G standards', ANSWER.q6],
    ['#rollout', '5G', ANSWER.q11],
  ] as const) {
    test(`in ${paragraph} shows the answer that fits the sentence`, async ({ tab }) => {
      await hoverText(tab, paragraph, term);
      const card = popover(tab);
      await expect(card).toBeVisible();
      await expect(card.locator('.answer')).toContainText(answer);
    });
  }

  test('opens only after the pointer rests, next to the mention', async ({ tab }) => {
    // Timed in the page: when the pointer last moved, and when the card opened. (Checking that no
    // card is there right after the move would depend on how fast the test machine runs the move.)
    await tab.evaluate(() => {
      const times = { lastMove: 0, opened: 0 };
      Object.defineProperty(window, '__times', { value: times });
      document.addEventListener('pointermove', () => (times.lastMove = performance.now()), true);
      document.addEventListener('toggle', (event) => {
        if ((event as ToggleEvent).newState === 'open' && !times.opened) times.opened = performance.now();
      }, true);
    });
    const point = await hoverText(tab, '#ban', 'Huawei');
    await expect(popover(tab)).toBeVisible();
    const times = await tab.evaluate(() => (window as unknown as { __times: { lastMove: number; opened: number } }).__times);
    expect(times.opened - times.lastMove).toBeGreaterThanOrEqual(350); // the 400 ms dwell, less timer slack
    const box = (await popover(tab).boundingBox())!;
    expect(box.y).toBeGreaterThan(point.y); // below the line…
    expect(box.y - point.y).toBeLessThan(40); // …and right next to it
    expect(Math.abs(box.x - point.x)).toBeLessThan(120);
  });

  test('shows the topic and its other questions, expandable in place', async ({ tab }) => {
    await hoverText(tab, '#ban', 'Huawei');
    const card = popover(tab);
    await expect(card).toHaveAccessibleName('Huawei');
    await expect(card.getByRole('heading', { level: 2 })).toHaveText('Which countries have restricted Huawei’s involvement in their 5G networks?');
    const other = card.getByText('Why was Huawei placed on the US trade blacklist?');
    await expect(other).toBeHidden();
    await card.getByText('5 more questions on Huawei').click();
    await expect(other).toBeVisible();
    await expect(card.getByText(ANSWER.q1)).toBeHidden();
    await other.click();
    await expect(card.getByText(ANSWER.q1)).toBeVisible();
  });

  test('shows a second answer, smaller, when the sentence fits two; opening another question closes it', async ({ tab }) => {
    // A vague sentence ("The story of Huawei in America.") that could ask why Huawei was listed or
    // how the US justified its concerns: the ranker's top two are close, so the card shows both.
    // (Which two follows the learned model: refitted, it may pick another close pair.)
    await hoverText(tab, '#unsure', 'Huawei');
    const card = popover(tab);
    await expect(card.locator('.answer')).toContainText(ANSWER.q1);
    const runnerUp = card.locator('.runner-up');
    await expect(runnerUp).toBeVisible();
    await expect(runnerUp).toContainText('Or perhaps');
    await expect(runnerUp).toContainText('How has the US government justified its concerns about Huawei’s involvement in 5G infrastructure?');
    await expect(card.getByText(ANSWER.q7)).toBeVisible();
    // Subordinate to the first answer: smaller text.
    expect(parseFloat((await card.locator('.runner-up-answer').computedStyle('font-size'))!)).toBeLessThan(parseFloat((await card.locator('.answer').computedStyle('font-size'))!));
    // The list holds the topic's other four; opening one closes the runner-up: two answers open at most.
    await card.getByText('4 more questions on Huawei').click();
    await card.getByText('How has Huawei responded to the new regulation from the US Commerce Department?').click();
    await expect(card.getByText(ANSWER.q3)).toBeVisible();
    await expect(card.getByText(ANSWER.q7)).toBeHidden();
    await expect(card.getByText(ANSWER.q1)).toBeVisible();
  });

  test('shows one answer when the sentence clearly asks one question', async ({ tab }) => {
    await hoverText(tab, '#ban', 'Huawei');
    const card = popover(tab);
    await expect(card.locator('.answer')).toContainText(ANSWER.q4);
    await expect(card.locator('.runner-up')).toHaveCount(0);
  });

  test('closes on Escape', async ({ tab }) => {
    await hoverText(tab, '#ban', 'Huawei');
    await expect(popover(tab)).toBeVisible();
    await tab.keyboard.press('Escape');
    await expect(popover(tab)).toHaveCount(0);
    // Resting on the same mention does not bring a dismissed card straight back.
    const point = await pointOnText(tab, '#ban', 'Huawei');
    await tab.mouse.move(point.x + 2, point.y);
    await sleep(800);
    await expect(popover(tab)).toHaveCount(0);
  });

  test('stays open while the pointer moves into it, and closes after it leaves', async ({ tab }) => {
    await hoverText(tab, '#ban', 'Huawei');
    const card = popover(tab);
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    await tab.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 5 });
    await sleep(800);
    await expect(card).toBeVisible();
    await tab.mouse.move(box.x + box.width / 2, box.y + box.height + 150, { steps: 3 });
    await expect(card).toHaveCount(0);
  });

  test('does not open over empty space beside a mention', async ({ tab }) => {
    const point = await pointOnText(tab, '#plain', 'markets.');
    await tab.mouse.move(point.x + 300, point.y, { steps: 3 });
    await sleep(900);
    await expect(popover(tab)).toHaveCount(0);
  });

  test('stays on its side of the mention when its list of questions opens', async ({ tab }) => {
    // How tall the card is as it opens, where there is room.
    await hoverText(tab, '#ban', 'Huawei');
    const card = popover(tab);
    await expect(card).toBeVisible();
    const openHeight = (await card.boundingBox())!.height;
    await tab.mouse.move(0, 0);
    await expect(popover(tab)).toHaveCount(0);
    // A long page, scrolled so that the room below the mention holds that card, but not the card
    // with its list open; there is more room above.
    const viewport = tab.viewport()!;
    await tab.evaluate(() => void (document.body.style.padding = '1500px 0'));
    const mention = await pointOnText(tab, '#ban', 'Huawei', { bottomAt: viewport.height - (openHeight + 60) });
    await tab.mouse.move(mention.x, mention.y, { steps: 4 });
    await expect(card).toBeVisible();
    await sleep(400); // (past the card's opening animation)
    const before = (await card.boundingBox())!;
    expect(before.y).toBeGreaterThan(mention.bottom);
    await card.getByText('5 more questions on Huawei').click();
    await expect(card.getByText('Why was Huawei placed on the US trade blacklist?')).toBeVisible();
    await sleep(300); // (the card is placed anew in the frame after it grows)
    const after = (await card.boundingBox())!;
    // What the reader just clicked has not jumped above the mention: the card stays below and
    // scrolls within the room there (the room it was given when placed caps its height, so it
    // never outgrows its side).
    expect(after.y).toBeCloseTo(before.y, 0);
    expect(after.y + after.height).toBeLessThanOrEqual(viewport.height);
  });

  test('stays inside the viewport for a mention in a corner', async ({ tab }) => {
    await hoverText(tab, '#bottom-right', 'Huawei');
    const card = popover(tab);
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    const viewport = tab.viewport();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  });
});

test('a mention inside a link keeps the link working', async ({ open }) => {
  const tab = await open('traps.html');
  await waitForHighlights(tab);
  await hoverText(tab, '#linked', 'Entity List');
  await expect(popover(tab)).toBeVisible();
  await tab.mouse.down();
  await tab.mouse.up();
  await expect(tab).toHaveURL(/#target$/);
});

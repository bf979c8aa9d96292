// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createLiveMentions } from '../../page/live-mentions';
import type { PageMention } from '../../page/page-mentions';
import type { Extent, Geometry } from '../../page/reading-plan';
import { factData } from '../../core/fact-data';
import { createMatcher, matcherConfigFromTopics } from '../../core/matcher';

const matcher = createMatcher(matcherConfigFromTopics(factData));

// happy-dom lays nothing out: an element's place comes from its data-top and data-height.
const fakeGeometry: Geometry = {
  extentOf(element) {
    const { top, height } = (element as HTMLElement).dataset;
    return top === undefined || height === undefined ? undefined : { top: Number(top), bottom: Number(top) + Number(height) };
  },
};

const PARAGRAPH_PX = 100;
/** A long page: `count` paragraphs of 100 px; every tenth mentions Huawei. */
function longPage(count: number) {
  const height = count * PARAGRAPH_PX;
  for (const element of [document.documentElement, document.body]) Object.assign(element.dataset, { top: '0', height: String(height) });
  document.body.innerHTML = `<main data-top="0" data-height="${height}">\n${Array.from({ length: count }, (_, i) =>
    `<p id="p${i}" data-top="${i * PARAGRAPH_PX}" data-height="${PARAGRAPH_PX}">${i % 10 === 0 ? `Paragraph ${i} is about Huawei.` : `Paragraph ${i} is about nothing.`}</p>`).join('\n')}\n</main>`;
}

/** The live page being followed in the current test, stopped after it. */
let stopFollowing: (() => void) | undefined;
afterEach(() => stopFollowing?.());

/** Starts following the page (its first scan done), with the viewport `viewport.top` px down it. */
async function startFollowing(viewport: { top: number }) {
  let latest: readonly PageMention[] = [];
  let changes = 0;
  const live = createLiveMentions({
    root: document.documentElement,
    matcher,
    isOwnElement: () => false,
    onShadowRoot: () => {},
    onChange: (mentions) => {
      latest = mentions;
      changes++;
    },
    reach: () => {
      const band: Extent = { top: -viewport.top - 1000, bottom: -viewport.top + 2000 };
      return { band, tallPx: 6000, geometry: fakeGeometry };
    },
  });
  const paragraphs = () => latest.map((mention) => (mention.startNode.parentElement as HTMLElement).id);
  stopFollowing = live.stop;
  await live.start();
  return { live, paragraphs, changes: () => changes };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('createLiveMentions on a long page', () => {
  it('reads near the viewport first, more as the reader scrolls, and everything when asked', async () => {
    longPage(1000); // 100,000 px
    const viewport = { top: 0 };
    const { live, paragraphs } = await startFollowing(viewport);
    expect(paragraphs()).toContain('p0');
    expect(paragraphs()).not.toContain('p500');
    expect(paragraphs().length).toBeLessThan(15);

    viewport.top = -50_000; // the page scrolled to its middle
    document.dispatchEvent(new Event('scroll'));
    await settle();
    expect(paragraphs()).toContain('p500');
    expect(paragraphs()).not.toContain('p990');

    await live.readEverything();
    expect(paragraphs()).toEqual(Array.from({ length: 100 }, (_, i) => `p${i * 10}`));
  });

  it('loses no text when the page removes the end of a part it had left for later', async () => {
    longPage(600);
    const { live, paragraphs } = await startFollowing({ top: 0 });
    // The last nodes of the run left for later: a blank line and the last paragraph.
    const main = document.querySelector('main')!;
    main.lastChild!.remove();
    main.lastChild!.remove();
    await settle();
    await live.readEverything();
    expect(paragraphs()).toEqual(Array.from({ length: 60 }, (_, i) => `p${i * 10}`));
  });

  it('reads a paragraph changed inside a part left for later once, not twice', async () => {
    longPage(600);
    const { live, paragraphs } = await startFollowing({ top: 0 });
    document.getElementById('p300')!.append(' And the Entity List.');
    await settle();
    await live.readEverything();
    const read = paragraphs();
    expect(read.filter((id) => id === 'p300')).toEqual(['p300', 'p300']); // Huawei and the Entity List
    expect(read).toHaveLength(61);
  });

  it('a change to the container of parts left for later plans it afresh instead of reading it all', async () => {
    longPage(1000);
    const { live, paragraphs } = await startFollowing({ top: 0 });
    // The page removes a blank line between two paragraphs far below: <main> itself changed.
    document.getElementById('p500')!.nextSibling!.remove();
    await settle();
    expect(paragraphs()).toContain('p0');
    expect(paragraphs()).not.toContain('p500');
    expect(paragraphs().length).toBeLessThan(15);
    await live.readEverything();
    expect(paragraphs()).toHaveLength(100);
  });

  it('answers a request for the whole page at once when nothing is left to read (the keyboard does not wait)', async () => {
    document.body.innerHTML = '<p>A short page about Huawei.</p>';
    const { live, paragraphs } = await startFollowing({ top: 0 });
    const first = await Promise.race([live.readEverything().then(() => 'read'), new Promise((resolve) => setTimeout(() => resolve('a timer'), 0))]);
    expect(first).toBe('read');
    expect(paragraphs()).toHaveLength(1);
  });

  it('reports nothing after a scroll back to parts already read', async () => {
    longPage(1000);
    const viewport = { top: 0 };
    const { live, changes, paragraphs } = await startFollowing(viewport);
    viewport.top = -50_000;
    document.dispatchEvent(new Event('scroll'));
    await settle();
    const before = { changes: changes(), paragraphs: paragraphs() };
    viewport.top = 0;
    document.dispatchEvent(new Event('scroll'));
    await settle();
    expect({ changes: changes(), paragraphs: paragraphs() }).toEqual(before);
  });
});

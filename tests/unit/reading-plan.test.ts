// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReading, runNodes, type Extent, type Geometry, type ReadingPlan, type SiblingRun } from '../../page/reading-plan';

// happy-dom lays nothing out: each element's place is given by its data-top and data-height
// attributes, and an element without them has no box (as with display: none).
const fakeGeometry: Geometry = {
  extentOf(element) {
    const { top, height } = (element as HTMLElement).dataset;
    if (top === undefined || height === undefined) return undefined;
    return { top: Number(top), bottom: Number(top) + Number(height) };
  },
};

/** A <main> of paragraphs with the given heights, stacked from y = 0 (blank lines between them, as in real markup). */
function column(heights: readonly number[]): HTMLElement {
  let y = 0;
  const paragraphs = heights.map((height, i) => {
    const html = `<p id="p${i}" data-top="${y}" data-height="${height}">Paragraph ${i}</p>`;
    y += height;
    return html;
  });
  document.body.innerHTML = `<main data-top="0" data-height="${y}">\n${paragraphs.join('\n')}\n</main>`;
  return document.querySelector('main')!;
}

const band = (top: number, bottom: number): Extent => ({ top, bottom });

/** The ids of the paragraphs each part of the plan covers. */
function idsIn(parts: readonly (Node | SiblingRun)[]): string[] {
  return parts.flatMap((part) => {
    const nodes = 'first' in part ? runNodes(part) : [part];
    return nodes.flatMap((node) => (node instanceof Element ? (node.matches('p') ? [node.id] : [...node.querySelectorAll('p')].map((p) => p.id)) : []));
  });
}

function split(plan: ReadingPlan) {
  return { now: idsIn(plan.now), later: idsIn(plan.later) };
}

describe('planReading', () => {
  it('reads a page no taller than the limit whole, at once', () => {
    const main = column(Array(30).fill(100));
    const plan = planReading(main, { band: band(0, 600), tallPx: 3000, geometry: fakeGeometry });
    expect(plan).toEqual({ now: [main], later: [] });
  });

  it('on a long column, reads the paragraphs near the band now and leaves the rest for later, losing none', () => {
    const main = column(Array(5000).fill(100)); // 500,000 px
    const { now, later } = split(planReading(main, { band: band(250_000, 251_000), tallPx: 3000, geometry: fakeGeometry }));
    const near = Array.from({ length: 10 }, (_, i) => `p${2500 + i}`);
    expect(now).toEqual(expect.arrayContaining(near));
    expect(now.length).toBeLessThanOrEqual(60); // a few screens, not the page
    expect([...now, ...later].sort()).toEqual(Array.from({ length: 5000 }, (_, i) => `p${i}`).sort());
  });

  it('with the band at the top, reads from the first paragraph and leaves only what follows', () => {
    const main = column(Array(2000).fill(50));
    const { now, later } = split(planReading(main, { band: band(-800, 1600), tallPx: 4800, geometry: fakeGeometry }));
    const index = (id: string) => Number(id.slice(1));
    expect(now.slice(0, 3)).toEqual(['p0', 'p1', 'p2']);
    expect(Math.min(...later.map(index))).toBe(Math.max(...now.map(index)) + 1);
  });

  it('reads a run later, in part, when the band reaches it', () => {
    const main = column(Array(3000).fill(100));
    const first = planReading(main, { band: band(0, 1000), tallPx: 3000, geometry: fakeGeometry });
    const rest = first.later.find((run) => idsIn([run]).includes('p2000'))!;
    const second = split(planReading(rest, { band: band(200_000, 201_000), tallPx: 3000, geometry: fakeGeometry }));
    expect(second.now).toEqual(expect.arrayContaining(['p2000', 'p2005']));
    expect(second.now).not.toContain('p100');
    expect([...second.now, ...second.later].length).toBe(idsIn([rest]).length);
  });

  it('reads whole a run whose children are not in document order on the page (columns, reordered grids)', () => {
    const main = column(Array(400).fill(100));
    // Reverse the order on the page: the first child is drawn last.
    for (const p of main.querySelectorAll('p')) p.dataset.top = String(39_900 - Number(p.dataset.top));
    const plan = planReading(main, { band: band(0, 1000), tallPx: 3000, geometry: fakeGeometry });
    expect(plan.later).toEqual([]);
    expect(idsIn(plan.now)).toHaveLength(400);
  });

  it('never splits a run where text flows across the split: a run of inline elements is read whole', () => {
    document.body.innerHTML = `<div data-top="0" data-height="40000">${Array.from({ length: 400 }, (_, i) => `<span data-top="${i * 100}" data-height="100">Word ${i}</span> `).join('')}</div>`;
    const plan = planReading(document.querySelector('div')!, { band: band(0, 1000), tallPx: 3000, geometry: fakeGeometry });
    expect(plan.later).toEqual([]);
    expect(plan.now).toHaveLength(1);
  });

  it('splits next to loose text far from the band, which is read with its own part later', () => {
    const main = column(Array(400).fill(100));
    main.insertBefore(document.createTextNode('Loose text about Huawei '), main.children[300]);
    const plan = planReading(main, { band: band(0, 1000), tallPx: 3000, geometry: fakeGeometry });
    const loose = plan.later.find((run) => runNodes(run).some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.includes('Loose')));
    expect(loose).toBeDefined();
    // The paragraphs on both sides of it are in the same part as the text.
    expect(idsIn([loose!])).toEqual(expect.arrayContaining(['p299', 'p300']));
  });

  it('reads now a child without a box, which cannot be placed', () => {
    document.body.innerHTML = `<main data-top="0" data-height="90000">
      <section id="a" data-top="0" data-height="1000"><p>near</p></section>
      <section id="hidden"><p>hidden</p></section>
      <section id="b" data-top="1000" data-height="89000"><p>far</p></section>
    </main>`;
    const plan = planReading(document.querySelector('main')!, { band: band(0, 800), tallPx: 3000, geometry: fakeGeometry });
    expect(plan.now.map((node) => (node as Element).id)).toEqual(['a', 'hidden']);
    expect(plan.later.map((run) => runNodes(run).map((node) => (node as Element).id ?? node.nodeName))).toEqual([['b', '#text']]);
  });

  it('finds no run once the page has moved its ends', () => {
    const main = column(Array(100).fill(100));
    const run: SiblingRun = { parent: main, first: main.children[10], last: main.children[20] };
    expect(runNodes(run)).toHaveLength(21); // 11 paragraphs and the 10 line breaks between them
    main.children[20].remove();
    expect(runNodes(run)).toEqual([]);
  });

  it('for any column and band: every paragraph is planned exactly once, and every one in the band is read now', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 1500 }),
        fc.integer({ min: -2000, max: 300_000 }),
        fc.integer({ min: 100, max: 3000 }),
        (heights, bandTop, bandHeight) => {
          const main = column(heights);
          const { now, later } = split(planReading(main, { band: band(bandTop, bandTop + bandHeight), tallPx: 2 * bandHeight, geometry: fakeGeometry }));
          expect([...now, ...later].sort()).toEqual(heights.map((_, i) => `p${i}`).sort());
          const readNow = new Set(now);
          let y = 0;
          heights.forEach((height, i) => {
            if (y < bandTop + bandHeight && y + height > bandTop) expect(readNow.has(`p${i}`)).toBe(true);
            y += height;
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('for any run mixing paragraphs with inline elements and loose text: nothing that flows together is split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('p', 'p', 'p', 'p', 'span', 'text'), { minLength: 13, maxLength: 800 }),
        fc.integer({ min: 0, max: 60_000 }),
        (kinds, bandTop) => {
          let y = 0;
          const html = kinds.map((kind, i) => {
            const at = y;
            y += 100;
            if (kind === 'text') return `Loose ${i} `;
            return `<${kind} id="n${i}" data-top="${at}" data-height="100">Node ${i}</${kind}>`;
          });
          document.body.innerHTML = `<main data-top="0" data-height="${y}">${html.join('\n')}</main>`;
          const main = document.querySelector('main')!;
          const plan = planReading(main, { band: band(bandTop, bandTop + 1000), tallPx: 3000, geometry: fakeGeometry });
          // Which part of the plan each child is in.
          const partOf = new Map<Node, number>();
          [...plan.now, ...plan.later].forEach((part, index) => {
            const nodes = 'first' in part ? runNodes(part) : part === main ? [...main.childNodes] : [part as ChildNode];
            for (const node of nodes) partOf.set(node, index);
          });
          const children = [...main.childNodes];
          expect(children.every((node) => partOf.has(node))).toBe(true);
          const flows = (node: Node) => node.nodeName === 'SPAN' || (node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent!));
          const meaningful = children.filter((node) => node.nodeType === Node.ELEMENT_NODE || flows(node));
          for (let i = 1; i < meaningful.length; i++) {
            if (flows(meaningful[i - 1]) || flows(meaningful[i])) expect(partOf.get(meaningful[i])).toBe(partOf.get(meaningful[i - 1]));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

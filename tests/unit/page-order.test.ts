// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageMention } from '../../page/page-mentions';
import { compareNodes, inPageOrder, mergeInPageOrder } from '../../page/page-order';

/** A tree of the given shape: each number is how many children the next node gets, breadth first. */
function buildTree(shape: readonly number[]): Node[] {
  document.body.innerHTML = '';
  const nodes: Node[] = [document.body];
  let next = 0;
  for (const count of shape) {
    const parent = nodes[next++];
    if (!parent) break;
    for (let i = 0; i < count; i++) {
      const child = i % 3 === 2 ? document.createTextNode(`t${nodes.length}`) : document.createElement('div');
      parent.appendChild(child);
      nodes.push(child);
    }
  }
  return nodes;
}

/** The browser's own answer, as a sign. */
const byDom = (a: Node, b: Node) => {
  if (a === b) return 0;
  const position = a.compareDocumentPosition(b);
  return position & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : position & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
};

/** A mention-shaped object on a text node, for ordering. */
function mentionOn(node: Text, offset = 0): PageMention {
  const range = new Range();
  range.setStart(node, offset);
  range.setEnd(node, offset);
  return { topic: 'huawei', term: 'Huawei', range, startNode: node, block: { text: '', nodes: [node], starts: [0] }, start: 0, end: 0 };
}

describe('compareNodes', () => {
  it('agrees with compareDocumentPosition for any two nodes of any tree', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }), fc.nat(), fc.nat(), (shape, i, j) => {
        const nodes = buildTree(shape);
        const a = nodes[i % nodes.length];
        const b = nodes[j % nodes.length];
        expect(Math.sign(compareNodes(a, b))).toBe(byDom(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it('says nothing about nodes in different trees', () => {
    document.body.innerHTML = '<p>in the page</p>';
    const detached = document.createElement('p');
    expect(compareNodes(document.body.firstChild!, detached)).toBe(byDom(document.body.firstChild!, detached));
  });
});

describe('mergeInPageOrder', () => {
  it('gives the same order as sorting everything afresh, whatever was read when', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), fc.nat(), (count, inFirstBatch, seed) => {
        document.body.innerHTML = Array.from({ length: count }, (_, i) => `<p>Paragraph ${i}</p>`).join('');
        const mentions = [...document.body.querySelectorAll('p')].map((p) => mentionOn(p.firstChild as Text));
        const first = mentions.filter((_, i) => inFirstBatch[i]);
        // The rest arrives in reading order, rotated: as runs read out of page order would.
        const rest = mentions.filter((_, i) => !inFirstBatch[i]);
        const cut = rest.length === 0 ? 0 : seed % rest.length;
        const fresh = [...rest.slice(cut), ...rest.slice(0, cut)];
        const merged = mergeInPageOrder([...first].sort(inPageOrder), fresh);
        expect(merged).toEqual(mentions);
      }),
      { numRuns: 100 },
    );
  });

  it('orders mentions in the same text node by offset', () => {
    document.body.innerHTML = '<p>Huawei, then Huawei again</p>';
    const text = document.body.querySelector('p')!.firstChild as Text;
    const early = mentionOn(text, 0);
    const late = mentionOn(text, 13);
    expect(mergeInPageOrder([late], [early])).toEqual([early, late]);
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMentionSet } from '../../page/mention-set';
import type { PageMention } from '../../page/page-mentions';

function mentionOn(node: Text, start: number, end: number): PageMention {
  const range = new Range();
  range.setStart(node, start);
  range.setEnd(node, end);
  return { topic: 'huawei', term: 'Huawei', range, startNode: node, block: { text: node.data, nodes: [node], starts: [0] }, start, end };
}

describe('createMentionSet', () => {
  it('keeps one mention per place: the same text read again replaces the first reading', () => {
    document.body.innerHTML = '<p>Huawei and Huawei</p>';
    const text = document.querySelector('p')!.firstChild as Text;
    const set = createMentionSet();
    const first = mentionOn(text, 0, 6);
    set.add(first);
    set.add(mentionOn(text, 11, 17));
    const again = mentionOn(text, 0, 6);
    set.add(again);
    expect(set.takeChanges()).toEqual([again, expect.objectContaining({ start: 11 })]);
    expect(set.startingIn(text)).toHaveLength(2);
    expect([...set.values()]).not.toContain(first);
  });

  it('reports only when something changed, and in page order whatever order it was read in', () => {
    document.body.innerHTML = '<p>one Huawei</p><p>two Huawei</p><p>three Huawei</p>';
    const [a, b, c] = [...document.querySelectorAll('p')].map((p) => mentionOn(p.firstChild as Text, 0, 3));
    const set = createMentionSet();
    set.add(c);
    set.add(a);
    expect(set.takeChanges()).toEqual([a, c]);
    expect(set.takeChanges()).toBeUndefined();
    set.add(b);
    set.remove(a);
    expect(set.takeChanges()).toEqual([b, c]);
    set.markChanged();
    expect(set.takeChanges()).toEqual([b, c]);
  });
});

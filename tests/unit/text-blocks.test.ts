// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mentionsInBlock } from '../../page/page-mentions';
import { candidateContainers, iterateTextBlocks, positionInBlock, type ScanOptions, type TextBlock } from '../../page/text-blocks';
import { factData } from '../../core/fact-data';
import { createMatcher, matcherConfigFromTopics } from '../../core/matcher';

const matcher = createMatcher(matcherConfigFromTopics(factData));

/** All the blocks under `root` in one go. */
function collectTextBlocks(root: Node, options: ScanOptions = {}): TextBlock[] {
  return [...iterateTextBlocks(root, options)].filter((block): block is TextBlock => block !== null);
}

const findPageMentions = (blocks: readonly TextBlock[]) => blocks.flatMap((block) => mentionsInBlock(block, matcher));

function blocksOf(html: string, options = {}): string[] {
  document.body.innerHTML = html;
  return collectTextBlocks(document.body, options).map((block) => block.text);
}

describe('collectTextBlocks', () => {
  beforeEach(() => {
    document.designMode = 'off';
  });

  it('joins text across inline elements and splits it at block elements', () => {
    expect(blocksOf('<p>The <b>Hua</b><i>wei</i> case</p><p>Next</p>')).toEqual(['The Huawei case', 'Next']);
    expect(blocksOf('<div>Before <p>inside</p> after</div>')).toEqual(['Before ', 'inside', ' after']);
    expect(blocksOf('<p>one<br>two</p>')).toEqual(['one', 'two']);
    expect(blocksOf('<ul><li>a <a href="#">link</a></li><li>b</li></ul>')).toEqual(['a link', 'b']);
  });

  it.each([
    ['<script>Huawei</script>'],
    ['<style>.huawei{}</style>'],
    ['<noscript>Huawei</noscript>'],
    ['<template><p>Huawei</p></template>'],
    ['<textarea>Huawei</textarea>'],
    ['<select><option>Huawei</option></select>'],
    ['<div contenteditable="true"><p>Huawei</p></div>'],
    ['<div contenteditable=""><span>Huawei</span></div>'],
  ])('skips %s', (html) => {
    expect(blocksOf(`${html}<p>prose</p>`)).toEqual(['prose']);
  });

  it('skips a document in design mode', () => {
    document.body.innerHTML = '<p>Huawei</p>';
    document.designMode = 'on';
    expect(collectTextBlocks(document.body)).toEqual([]);
  });

  it('skips our own UI', () => {
    const blocks = blocksOf('<fact-context-popover><p>Huawei</p></fact-context-popover><p>prose</p>', {
      isOwnElement: (element: Element) => element.tagName === 'FACT-CONTEXT-POPOVER',
    });
    expect(blocks).toEqual(['prose']);
  });

  it('maps block offsets back to text nodes', () => {
    document.body.innerHTML = '<p>ab<b>cd</b>ef</p>';
    const [block] = collectTextBlocks(document.body);
    expect(positionInBlock(block, 2)).toMatchObject({ node: { data: 'cd' }, offset: 0 });
    expect(positionInBlock(block, 2, true)).toMatchObject({ node: { data: 'ab' }, offset: 2 });
    expect(positionInBlock(block, 5)).toMatchObject({ node: { data: 'ef' }, offset: 1 });
  });
});

describe('mentionsInBlock', () => {
  it('returns ranges that cover exactly the mentioned text, across elements', () => {
    document.body.innerHTML = '<p>Canada excluded <b>Hua</b>wei’s gear; the <a href="#">Entity List</a> grew.</p>';
    const mentions = findPageMentions(collectTextBlocks(document.body));
    expect(mentions.map((m) => [m.topic, m.range.toString()])).toEqual([
      ['huawei', 'Huawei’s'],
      ['trade-blacklist', 'Entity List'],
    ]);
  });
});

describe('candidateContainers', () => {
  const ends = (text: string) => matcher.candidateEnds(text);
  const containersOf = (root: Node) => [...candidateContainers(root, ends, matcher.longestTerm)].filter((item): item is Node => item !== null);

  it('names the blocks where a mention may be, and only those', () => {
    document.body.innerHTML = '<p id="a">Nothing here.</p><div><p id="b">About <b>Hua</b>wei.</p></div><p id="c">Rivers.</p>';
    expect(containersOf(document.body).map((node) => (node as Element).id)).toEqual(['b']);
  });

  it('in a large page, goes down only to the blocks with candidates, past script text and across split words', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i} about rivers and mountains.</p>`).join('');
    document.body.innerHTML =
      `<section>${filler(800)}<div><p id="split">About <b>Hua</b><i>wei</i> again.</p></div>${filler(400)}</section>` +
      `<script>const note = "Huawei";</script><section>${filler(900)}<p id="last">The Entity List.</p></section>`;
    expect(document.body.textContent!.length).toBeGreaterThan(2 * 32_768); // read in several pieces
    const read: number[] = [];
    const counting = (text: string) => {
      read.push(text.length);
      return ends(text);
    };
    const found = [...candidateContainers(document.body, counting, matcher.longestTerm)].filter((item): item is Node => item !== null);
    expect(found.map((node) => (node as Element).id)).toEqual(['split', 'last']);
    // The candidate pass read the page's text once, in pieces, and nothing twice.
    expect(read.reduce((a, b) => a + b, 0)).toBeLessThan(document.body.textContent!.length + read.length * matcher.longestTerm + 1);
  });

  it('reads one huge text node in pieces, and finds a mention that straddles two pieces', () => {
    const filler = 'lorem ipsum '.repeat(3000); // ~36,000 characters: more than one piece
    document.body.innerHTML = '<p id="huge"></p>';
    const paragraph = document.getElementById('huge')!;
    paragraph.append(document.createTextNode(`${filler.slice(0, 32_763)} Huawei ${filler}`)); // "Huawei" spans offset 32,768
    const yielded = [...candidateContainers(document.body, ends, matcher.longestTerm)];
    expect(yielded.filter((item) => item === null).length).toBeGreaterThan(1); // it paused between pieces
    expect(containersOf(document.body)).toEqual([paragraph]);
    expect(findPageMentions(collectTextBlocks(paragraph)).map((m) => m.range.toString())).toEqual(['Huawei']);
  });
});

describe('items that touch (a tag row, a breadcrumb, a chip list) and words in styled inline spans', () => {
  /** The mentions a reader would see highlighted in `html`, block by block. */
  function mentionsOf(html: string): string[] {
    document.body.innerHTML = html;
    return collectTextBlocks(document.body).flatMap((block) => matcher.findMentions(block.text).map((mention) => block.text.slice(mention.start, mention.end)));
  }
  const matcher = createMatcher(matcherConfigFromTopics(factData));

  // (happy-dom computes `display`, not gaps or flex items: those cases, and ::after separators,
  // are in tests/e2e/touching-items.spec.ts, in both browsers.)
  it.each([
    ['inline-block tags', '<style>.tag { display: inline-block }</style><p><a class="tag" href="#">Huawei</a><a class="tag" href="#">Telecoms</a></p>', ['Huawei']],
    ['inline-block chips, one inside a link', '<style>.chip { display: inline-block }</style><p><a href="#"><span class="chip">Entity List</span></a><span class="chip">Trade</span><span class="chip">5G</span></p>', ['Entity List', '5G']],
  ])('%s are separate words: the mention is found', (_, html, expected) => {
    expect(mentionsOf(html)).toEqual(expected);
  });

  it.each([
    ['a bold half', '<p>Hua<b>wei</b> said so.</p>', ['Huawei']],
    ['a coloured first letter', '<p><span style="color: red">H</span>uawei said so.</p>', ['Huawei']],
    ['kerning spans, one per letter', '<p><span>H</span><span>u</span><span>a</span><span>w</span><span>e</span><span>i</span> said so.</p>', ['Huawei']],
    ['a link inside a word', '<p>Huawei<a href="#">Land</a> is a park.</p>', []],
  ])('%s joins into one word as the reader sees it', (_, html, expected) => {
    expect(mentionsOf(html)).toEqual(expected);
  });
});

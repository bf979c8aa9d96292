// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mentionContext, sectionHeadingOf, tableHeadersOf } from '../../page/mention-context';
import { mentionsInBlock, type PageMention } from '../../page/page-mentions';
import { iterateTextBlocks } from '../../page/text-blocks';
import { factData } from '../../core/fact-data';
import { createMatcher, matcherConfigFromTopics } from '../../core/matcher';

// What a card's answer is chosen from, read from the page (page/mention-context.ts): the same code
// the page evaluation reads pages with (scripts/eval-pages.mjs).

const matcher = createMatcher(matcherConfigFromTopics(factData));

function mentionsOf(html: string): PageMention[] {
  document.body.innerHTML = html;
  return [...iterateTextBlocks(document.body)].flatMap((block) => (block ? mentionsInBlock(block, matcher) : []));
}

afterEach(() => {
  document.body.innerHTML = '';
  document.title = '';
});

describe('sectionHeadingOf', () => {
  it('finds the nearest heading before an element, in a sibling, inside one, or beside an ancestor', () => {
    document.body.innerHTML = `
      <h2>First</h2><p id="a">A</p>
      <section><div><h3>Nested <em>heading</em></h3></div><div><p id="b">B</p></div></section>
      <article><p id="c">C</p></article>
      <div role="heading" aria-level="2">By role</div><p id="d">D</p>`;
    const heading = (id: string) => sectionHeadingOf(document.getElementById(id)!);
    expect(heading('a')).toBe('First');
    expect(heading('b')).toBe('Nested heading');
    expect(heading('c')).toBe('Nested heading');
    expect(heading('d')).toBe('By role');
  });

  it('gives nothing for text in a heading, or before any heading', () => {
    document.body.innerHTML = '<p id="a">A</p><h2 id="h">Huawei <span id="in">news</span></h2>';
    expect(sectionHeadingOf(document.getElementById('a')!)).toBe('');
    expect(sectionHeadingOf(document.getElementById('in')!)).toBe('');
  });

  it('collapses white space and cuts a heading that is really a paragraph', () => {
    document.body.innerHTML = `<h2>  Two\n   lines  </h2><p id="a">A</p><h2>${'word '.repeat(200)}</h2><p id="b">B</p>`;
    expect(sectionHeadingOf(document.getElementById('a')!)).toBe('Two lines');
    expect(sectionHeadingOf(document.getElementById('b')!).length).toBeLessThanOrEqual(300);
  });
});

describe('tableHeadersOf', () => {
  it('names a cell by its column header and its row header', () => {
    document.body.innerHTML = `<table><thead><tr><th>Country</th><th>Measure</th></tr></thead>
      <tbody><tr><th>Canada</th><td id="cell">Huawei excluded</td></tr></tbody></table>`;
    expect(tableHeadersOf(document.getElementById('cell')!)).toBe('Measure · Canada');
  });

  it('gives nothing outside a table, and no header for the row header itself', () => {
    document.body.innerHTML = '<p id="p">Huawei</p><table><tr><th id="h">Huawei</th><td>x</td></tr></table>';
    expect(tableHeadersOf(document.getElementById('p')!)).toBe('');
    expect(tableHeadersOf(document.getElementById('h')!)).toBe('');
  });
});

describe('mentionContext', () => {
  it('sends the sentence, paragraph, title, section heading and the page headline, lead and outline', () => {
    document.title = 'A page';
    const lead = 'Washington has spent years arguing that equipment made by the Chinese vendor could be used to spy on networks.';
    const [mention] = mentionsOf(`<main><h1>The headline</h1><p>By a reporter</p><p>${lead}</p>
      <h2>Espionage fears</h2><p>Nobody agrees. Then there is Huawei. And more.</p><h2>Second section</h2></main>`);
    expect(mentionContext(mention)).toEqual({
      sentence: 'Then there is Huawei.',
      paragraph: 'Nobody agrees. Then there is Huawei. And more.',
      title: 'A page',
      heading: 'Espionage fears',
      headline: 'The headline',
      lead,
      outline: 'Espionage fears · Second section',
    });
  });

  it('leaves out what the page does not have', () => {
    const [mention] = mentionsOf('<p>Huawei.</p>');
    expect(mentionContext(mention)).toEqual({ sentence: 'Huawei.', paragraph: 'Huawei.', title: '' });
  });

  it('reads the page again when its headline changes (a single-page app moved on)', () => {
    const [first] = mentionsOf('<h1>Before</h1><p>Huawei.</p>');
    expect(mentionContext(first).headline).toBe('Before');
    const [second] = mentionsOf('<h1>After</h1><p>Huawei.</p>');
    expect(mentionContext(second).headline).toBe('After');
  });
});

import { describe, expect, it } from 'vitest';
import { sentenceAround } from '../../core/sentence-context';

describe('sentenceAround', () => {
  const text = 'Huawei makes phones. Canada banned Huawei from 5G. Why? Nobody knows.';
  it.each([
    ['Huawei makes', 'Huawei makes phones.'],
    ['Canada', 'Canada banned Huawei from 5G.'],
    ['5G', 'Canada banned Huawei from 5G.'],
    ['Nobody', 'Nobody knows.'],
  ])('finds the sentence around %j', (needle, expected) => {
    const start = text.indexOf(needle);
    expect(sentenceAround(text, start, start + needle.length)).toBe(expected);
  });

  it('takes every sentence a span touches', () => {
    const start = text.indexOf('phones');
    expect(sentenceAround(text, start, text.indexOf('banned'))).toBe('Huawei makes phones. Canada banned Huawei from 5G.');
  });
});

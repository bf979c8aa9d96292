import { describe, expect, it } from 'vitest';
import { createMatcher, matcherConfigFromTopics } from '../../utils/matcher';
import { factData } from '../../utils/fact-data';

const matcher = createMatcher(matcherConfigFromTopics(factData));

/** The mentions as `topic:page text`, which is what a reader sees highlighted. */
function mentionsIn(text: string): string[] {
  return matcher.findMentions(text).map((m) => `${m.topic}:${text.slice(m.start, m.end)}`);
}

describe('createMatcher with the bundled topics', () => {
  it.each([
    ['Huawei said on Monday.', ['huawei:Huawei']],
    ['HUAWEI and huawei and HuaWei', ['huawei:HUAWEI', 'huawei:huawei', 'huawei:HuaWei']],
    ["Huawei's equipment", ["huawei:Huawei's"]],
    ['Huawei\u2019s equipment', ['huawei:Huawei\u2019s']],
    ['Huawei Technologies Co. Ltd', ['huawei:Huawei Technologies Co']],
    ['Huawei  Technologies', ['huawei:Huawei  Technologies']],
    ['华为发布了新手机', ['huawei:华为']],
    ['the new 5G standards', ['5g-standards:5G standards']],
    ['a 5G standard for phones', ['5g-standards:5G standard']],
    ['work on 5G standardization', ['5g-standards:5G standardization']],
    ['3GPP met in May', ['5g-standards:3GPP']],
    ['standard-setting bodies', ['5g-standards:standard-setting']],
    ['the standards bodies agreed', ['5g-standards:standards bodies']],
    ['5G networks are coming', ['5g-standards:5G']],
    ['5G-enabled phones', ['5g-standards:5G']],
    ['the US trade blacklist', ['trade-blacklist:trade blacklist']],
    ['added to the Entity List', ['trade-blacklist:Entity List']],
    ['an export blacklist', ['trade-blacklist:export blacklist']],
    ['the Commerce Department said', ['trade-blacklist:Commerce Department']],
    ['the Department of Commerce said', ['trade-blacklist:Department of Commerce']],
    ['the US Commerce Department said', ['trade-blacklist:US Commerce Department']],
    ['Huawei was blacklisted', ['huawei:Huawei', 'trade-blacklist:blacklisted']],
    ['The blacklist bars exports to the firm.', ['trade-blacklist:blacklist']],
    ['5G\nstandards', ['5g-standards:5G\nstandards']],
    ['Hua\u00adwei', ['huawei:Hua\u00adwei']],
  ])('finds the mention in %j', (text, expected) => {
    expect(mentionsIn(text)).toEqual(expected);
  });

  it.each([
    ['Huaweiland is a theme park'],
    ['MyHuawei app'],
    ['a 5GHz channel'],
    ['the 5 GHz band'],
    ['switch to the Wi-Fi 5G band'],
    ['my router has a 5G Wi-Fi network'],
    ['a 2.4G/5G dual-band router'],
    ['add the domain to your blacklist'],
    ['blacklisted IP addresses'],
    ['an e-commerce blacklist of fraudsters'],
    ['the entity list in the ORM'],
    ['Use the standard setting on the camera'],
    ['5Gbps links'],
    ['G5G model'],
  ])('finds nothing in %j', (text) => {
    expect(mentionsIn(text)).toEqual([]);
  });

  it('reports offsets that slice back to the page text', () => {
    const text = 'After Huawei was put on the Entity List, 3GPP meetings went on.';
    for (const m of matcher.findMentions(text)) {
      expect(text.slice(m.start, m.end)).toMatch(/Huawei|Entity List|3GPP/);
    }
    expect(matcher.findMentions(text).map((m) => m.term)).toEqual(['Huawei', 'Entity List', '3GPP']);
  });

  it('prefers the longest term at the same place', () => {
    expect(mentionsIn('Huawei Technologies and 5G standardization')).toEqual([
      'huawei:Huawei Technologies',
      '5g-standards:5G standardization',
    ]);
  });
});

describe('createMatcher with other terms', () => {
  it('compiles any number of terms into one matcher', () => {
    const terms = Array.from({ length: 2000 }, (_, i) => ({ text: `term${i}`, topic: 't' }));
    const many = createMatcher({ terms, contextCues: [], notMentions: [] });
    expect(many.findMentions('term1999 and term7 but not term20000').map((m) => m.term)).toEqual(['term1999', 'term7']);
  });

  it('matches overlapping terms with the automaton', () => {
    const m = createMatcher({ terms: [{ text: 'she', topic: 'a' }, { text: 'he said', topic: 'b' }], contextCues: [], notMentions: [] });
    expect(m.findMentions('he said she said').map((x) => x.term)).toEqual(['he said', 'she']);
  });
});

import { describe, expect, it } from 'vitest';
import { createMatcher, matcherConfigFromTopics } from '../../core/matcher';
import { factData } from '../../core/fact-data';

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
    // Standards bodies are many (accounting, food, the web): these count beside a telecom cue.
    ['standard-setting bodies for mobile networks', ['5g-standards:standard-setting']],
    ['the wireless industry\'s standards bodies agreed', ['5g-standards:standards bodies']],
    ['the ITU and other standards bodies', ['5g-standards:standards bodies']],
    ['5G networks are coming', ['5g-standards:5G']],
    ['5G-enabled phones', ['5g-standards:5G']],
    ['the US trade blacklist', ['trade-blacklist:trade blacklist']],
    ['added to the Entity List', ['trade-blacklist:Entity List']],
    ['an export blacklist', ['trade-blacklist:export blacklist']],
    // The Commerce Department also reports GDP and retail sales: it counts beside a cue of the
    // blacklist's (its own word "commerce" does not vouch for it), another mention, or a page about it.
    ['the Commerce Department said the export rule stands', ['trade-blacklist:Commerce Department']],
    ['the Department of Commerce added sanctions', ['trade-blacklist:Department of Commerce']],
    ['the US Commerce Department said the trade curbs stay', ['trade-blacklist:US Commerce Department']],
    ['the Commerce Department and Huawei', ['trade-blacklist:Commerce Department', 'huawei:Huawei']],
    ['Huawei was blacklisted', ['huawei:Huawei', 'trade-blacklist:blacklisted']],
    ['The blacklist bars exports to the firm.', ['trade-blacklist:blacklist']],
    ['5G\nstandards', ['5g-standards:5G\nstandards']],
    ['Hua\u00adwei', ['huawei:Hua\u00adwei']],
    // The words the press uses (issue 14): the agency, its rules, the founder and the chip unit.
    ['the Bureau of Industry and Security said', ['trade-blacklist:Bureau of Industry and Security']],
    ['items subject to the Export Administration Regulations', ['trade-blacklist:Export Administration Regulations']],
    ['the foreign-produced direct product rule', ['trade-blacklist:foreign-produced direct product rule']],
    ['an Entity-listed supplier', ['trade-blacklist:Entity-listed']],
    ['a review of all Entity Listings', ['trade-blacklist:Entity Listings']],
    ['Exports to the firm stopped once it was placed on the list.', ['trade-blacklist:placed on the list']],
    ['The firm was added to the list of export-restricted companies.', ['trade-blacklist:added to the list']],
    ['HiSilicon designs the chips', ['huawei:HiSilicon']],
    ['founder Ren Zhengfei said', ['huawei:Ren Zhengfei']],
    ['Meng Wanzhou returned to China', ['huawei:Meng Wanzhou']],
    ['IMT-2020 is the ITU name', ['5g-standards:IMT-2020']],
    ['ETSI published the specification', ['5g-standards:ETSI']],
    ['fifth-generation mobile networks', ['5g-standards:fifth-generation']],
    // A hyphen after a word is not a network's name.
    ['anti-5G protesters gathered at the mast', ['5g-standards:5G']],
    ['the pre-5G era and Post-5G planning', ['5g-standards:5G', '5g-standards:5G']],
    // A quoted term is still a mention; only a quoted suffix ("-5G") is not.
    ['what “5G” means for phones, and anti-5G rallies', ['5g-standards:5G', '5g-standards:5G']],
    ['-5G handsets sold out', ['5g-standards:5G']],
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
    // A Wi-Fi network's name for its 5 GHz band.
    ['Two networks appear, HomeHub-2.4G and HomeHub-5G.'],
    ['Connect to NETGEAR45-5G for the faster band.'],
    ['Why do I see a guest network ending in “-5G”?'],
    ['names that end in "-5G" are the 5 GHz band'],
    ['add the domain to your blacklist'],
    ['blacklisted IP addresses'],
    ['an e-commerce blacklist of fraudsters'],
    ['the entity list in the ORM'],
    ['Use the standard setting on the camera'],
    ['The accounting standards body issued new rules.'],
    ['The Commerce Department said retail sales rose 0.4% in May.'],
    ['The U.S. Commerce Department revised its GDP estimate.'],
    ['The W3C is the web\'s standards body.'],
    ['a standard-setting role in food safety'],
    ['5Gbps links'],
    ['G5G model'],
    // The press's words are not mentions where they mean something else.
    ['She was placed on the list of speakers.'],
    ['Milk was added to the list.'],
    ['the entity listed below'],
    ['a fifth-generation fighter jet'],
    ['the fifth generation of the family'],
    ['Bis morgen!'],
    ['hisilicon'],
    ['the etsi'],
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

describe('candidateEnds', () => {
  /** Every mention's end (before a possessive) is among the candidate ends. */
  function coversEveryMention(text: string) {
    const ends = new Set(matcher.candidateEnds(text));
    const missed = matcher.findMentions(text).filter((m) => !ends.has(m.end) && !ends.has(m.end - 2));
    return missed.map((m) => text.slice(m.start, m.end));
  }

  it.each([
    ['Huawei and the Entity List'],
    ['HUAWEI’s 5G STANDARDS'],
    ['Entity      \n\t   List, and 5G\n\n\n      standards bodies'],
    ['Hua\u00adwei with a soft hyphen'],
    ['İstanbul and Huawei (a lower case that changes length)'],
    ['the standard-setting and standards-setting bodies, U.S. Commerce Department'],
    ['华为与美国商务部'],
  ])('covers every mention in %j', (text) => {
    expect(coversEveryMention(text)).toEqual([]);
  });

  it('covers every mention in generated text, whatever the spacing and case', () => {
    // A small seeded generator: terms, words and white space of every kind, in random case.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ['Huawei', 'huawei’s', '5G', 'standards', 'Entity', 'List', 'trade', 'blacklist', 'Commerce', 'Department', 'of', 'the', 'network', '3GPP', 'standard-setting', 'bodies', 'x'];
    const spaces = [' ', '  ', '\n', '\t \n ', '', '-', ', '];
    for (let round = 0; round < 300; round++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        const piece = pieces[Math.floor(random() * pieces.length)];
        text += (random() < 0.3 ? piece.toUpperCase() : piece) + spaces[Math.floor(random() * spaces.length)];
      }
      expect(coversEveryMention(text), text).toEqual([]);
    }
  });

  it('finds nothing where no term is', () => {
    expect(matcher.candidateEnds('a plain sentence about rivers and mountains')).toEqual([]);
  });

  // Found by fast-check (tests/unit/matcher.property.test.ts): lower-casing a whole text is not
  // the one-character folding of the automaton for a final sigma or a capital outside the BMP.
  it.each([
    ['AΣ', 'aσ', 'a final capital sigma'],
    ['\u{10400}', '\u{10400}', 'a capital outside the BMP'],
  ])('covers a term written %j (data: %j), %s', (written, term) => {
    const greek = createMatcher({ terms: [{ text: term, topic: 't' }], contextCues: [], notMentions: [] });
    const text = ` ${written} `;
    const mentions = greek.findMentions(text);
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual([written]);
    expect(greek.candidateEnds(text)).toContain(mentions[0].end);
  });
});

describe('the page as evidence for ambiguous terms', () => {
  const found = (text: string, pageTopics?: ReadonlySet<string>) =>
    matcher.findMentions(text, pageTopics).map((m) => `${text.slice(m.start, m.end)}:${m.topic}`);

  it('reads the topics a page is about from its title and headline: cues and unambiguous mentions', () => {
    expect(matcher.pageTopicsIn(['Huawei and the Commerce rule: what changes for US firms'])).toEqual(new Set(['huawei', 'trade-blacklist']));
    expect(matcher.pageTopicsIn(['', 'Is 5G worth it?'])).toEqual(new Set(['5g-standards']));
    expect(matcher.pageTopicsIn(['Export controls, explained'])).toEqual(new Set(['trade-blacklist']));
  });

  it('takes no evidence from an ambiguous word alone, or from a page about something else', () => {
    expect(matcher.pageTopicsIn(['How to blacklist spam senders'])).toEqual(new Set());
    // The word "commerce" inside "Commerce Department" does not vouch for it; Huawei vouches for the blacklist.
    expect(matcher.pageTopicsIn(['Commerce Department: retail sales rose in May'])).toEqual(new Set());
    expect(matcher.pageTopicsIn(['Huawei and the Commerce Department'])).toEqual(new Set(['huawei', 'trade-blacklist']));
    expect(matcher.pageTopicsIn(['The Hollywood blacklist, 1947–1960', 'Recipes for a fifth generation farm kitchen'])).toEqual(new Set());
  });

  it('lets an ambiguous term count in a block with no cue when the page is about its topic', () => {
    const reply = 'The blacklist is here to stay, whatever anyone says.';
    expect(found(reply)).toEqual([]);
    expect(found(reply, new Set(['trade-blacklist']))).toEqual(['blacklist:trade-blacklist']);
    expect(found('Good luck getting off the list once you are blacklisted.', new Set(['trade-blacklist']))).toEqual(['blacklisted:trade-blacklist']);
    expect(found('It is the fifth generation of networks, after all.', new Set(['5g-standards']))).toEqual(['fifth generation:5g-standards']);
  });

  it('but never over a counter-cue in the same block, nor for another topic', () => {
    const page = new Set(['trade-blacklist', '5g-standards']);
    expect(found('Add the sender to your spam blacklist.', page)).toEqual([]);
    expect(found('Our mail server landed on a DNS blacklist last week.', page)).toEqual([]);
    expect(found('Dalton Trumbo wrote under other names while on the Hollywood blacklist.', page)).toEqual([]);
    expect(found('Block the number: put the caller on your phone’s blacklist.', page)).toEqual([]);
    expect(found('Pilots call it a fifth-generation fighter.', page)).toEqual([]);
    expect(found('The blacklist is here to stay.', new Set(['5g-standards']))).toEqual([]);
  });

  it('keeps the block’s own rules: a block cue or another mention still counts, whatever the page', () => {
    expect(found('The trade blacklist grew, and the blacklist keeps growing.')).toEqual(['trade blacklist:trade-blacklist', 'blacklist:trade-blacklist']);
    expect(found('Huawei is on the blacklist.', new Set())).toEqual(['Huawei:huawei', 'blacklist:trade-blacklist']);
  });

  it('does not let another topic’s mention vouch for an ambiguous term over a counter-cue of its own topic', () => {
    // A carrier's help page: "5G" is a mention, the IMEI's blacklist is not the trade one.
    expect(found('If your phone shows no service at all, rather than just no 5G, its IMEI may be on the blacklist of phones reported stolen.')).toEqual(['5G:5g-standards']);
    expect(found('Your 5G router keeps a blacklist of devices: add the IP of the old laptop.')).toEqual(['5G:5g-standards']);
    // A cue word of the term's own topic still counts, as before.
    expect(found('Washington blacklisted Huawei over sanctions, and now our firewall vendor has to be replaced.')).toEqual(['blacklisted:trade-blacklist', 'Huawei:huawei']);
    // So does a plain mention of the term's own topic: the forum reply that tells the trade
    // blacklist from a router.
    expect(found('The US Commerce Department added Huawei to the Entity List. That says nothing about your router.')).toEqual([
      'US Commerce Department:trade-blacklist',
      'Huawei:huawei',
      'Entity List:trade-blacklist',
    ]);
  });

  it('takes "Huawei" as weaker evidence for the trade blacklist than a cue word: a counter-cue outweighs it', () => {
    // A phone's call blacklist, on a Huawei phone.
    expect(found('Nuisance calls? On older Huawei software the list is labelled “Blacklist”.')).toEqual(['Huawei:huawei']);
    expect(found('On the Huawei B818 router you can blacklist MAC addresses under Security.')).toEqual(['Huawei:huawei']);
    expect(found('Huawei was blacklisted in 2019.')).toEqual(['Huawei:huawei', 'blacklisted:trade-blacklist']);
    // A stolen phone's blacklist on a marketplace page about Huawei phones.
    expect(found('Blacklisted phones (reported lost or stolen) cannot be listed.', new Set(['trade-blacklist']))).toEqual([]);
    expect(found('Block or blacklist unwanted numbers', new Set(['trade-blacklist']))).toEqual([]);
  });
});

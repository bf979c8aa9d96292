import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { factData } from '../../core/fact-data';
import { addPack, EMPTY_LIBRARY, ownPacks, packFile, readManagedPacks, readPackLibrary, removePack, setPackEnabled, type PackLibrary } from '../../core/pack-library';

// The installed packs as storage.local keeps them: adding, replacing, turning off, removing, and
// reading back what was stored, where a pack that no longer reads is set aside, never lost.

const sampleText = readFileSync(new URL('../../data/packs/sample-5g-security.json', import.meta.url), 'utf8');
const bundled = { topics: factData.topics, faqIds: new Set(factData.faq.map((entry) => entry.id)) };
const withVersion = (version: string, change: (pack: any) => void = () => {}) => {
  const pack = JSON.parse(sampleText);
  pack.version = version;
  change(pack);
  return JSON.stringify(pack);
};
const added = (library: PackLibrary, text: string) => {
  const change = addPack(library, text, bundled);
  if (!change.ok) throw new Error(change.problems.join('\n'));
  return change;
};

describe('the pack library', () => {
  it('adds a pack, on, and says so', () => {
    const change = added(EMPTY_LIBRARY, sampleText);
    expect(change.message).toBe('Added "Sample: 5G security decisions in Europe" 1.0.0.');
    expect(change.library.packs.map(({ pack, enabled }) => [pack.id, enabled])).toEqual([['sample-5g-security', true]]);
  });

  it('refuses the same version twice, and a refused pack changes nothing', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    expect(addPack(library, sampleText, bundled)).toEqual({ ok: false, problems: ['Pack "Sample: 5G security decisions in Europe" version 1.0.0 is already installed.'] });
    const broken = addPack(library, withVersion('1.1.0', (pack) => delete pack.faq[0].answer), bundled);
    expect(broken.ok).toBe(false);
    expect(library.packs).toHaveLength(1);
  });

  it('replaces a pack by a newer version of it, keeping whether it was on', () => {
    const first = added(EMPTY_LIBRARY, sampleText).library;
    const off = setPackEnabled(first, 'sample-5g-security', false);
    const change = added(off, withVersion('1.1.0', (pack) => (pack.faq[1].answer += ' Updated.')));
    expect(change.message).toBe('Replaced "Sample: 5G security decisions in Europe" 1.0.0 with 1.1.0.');
    expect(change.library.packs).toHaveLength(1);
    expect(change.library.packs[0].enabled).toBe(false);
    expect(change.library.packs[0].pack.faq[1].answer).toMatch(/Updated\.$/);
  });

  it('refuses a second pack whose terms clash with the first, naming it', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    const other = withVersion('1.0.0', (pack) => {
      pack.id = 'other-pack';
      pack.name = 'Other pack';
      pack.topics[0].id = 'other-topic';
    });
    const change = addPack(library, other, bundled);
    expect(change.ok ? [] : change.problems).toContain('Pack "Other pack", topics[0] (topic "other-topic") terms: "5G Toolbox" is already a term of the pack "Sample: 5G security decisions in Europe".');
  });

  it('turns a pack off and on, and removes it', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    expect(setPackEnabled(library, 'sample-5g-security', false).packs[0].enabled).toBe(false);
    expect(removePack(library, 'sample-5g-security').packs).toEqual([]);
  });

  it('exports a pack as a file that adds it again', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    const again = added(EMPTY_LIBRARY, packFile(library.packs[0].pack));
    expect(again.library).toEqual(library);
  });
});

describe('readPackLibrary', () => {
  it('reads back what was stored', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    const stored = JSON.parse(JSON.stringify(setPackEnabled(library, 'sample-5g-security', false)));
    expect(readPackLibrary(stored, bundled)).toEqual({ library: setPackEnabled(library, 'sample-5g-security', false), setAside: [], givenWay: [] });
  });

  it('reads nothing stored as no packs', () => {
    expect(readPackLibrary(undefined, bundled)).toEqual({ library: EMPTY_LIBRARY, setAside: [], givenWay: [] });
  });

  it('sets a corrupt pack aside with its reasons, keeping what was stored, and reads the others', () => {
    const { library } = added(EMPTY_LIBRARY, sampleText);
    const corrupt = { pack: { format: 1, id: 'broken', name: 'Broken pack', version: '1', faq: [{ id: 'x', question: 'Q?' }] }, enabled: true };
    const stored = { format: 1, packs: [corrupt, ...library.packs] };
    const read = readPackLibrary(stored, bundled);
    expect(read.library.packs.map(({ pack }) => pack.id)).toEqual(['sample-5g-security']);
    expect(read.setAside).toEqual([{ stored: corrupt, name: 'Broken pack', reasons: [expect.stringMatching(/^Pack "Broken pack", faq\[0\] \(entry "x"\) answer: /)] }]);
  });

  it('sets aside a list it cannot read at all, whole', () => {
    const read = readPackLibrary({ format: 7, packs: 'many' }, bundled);
    expect(read.library).toEqual(EMPTY_LIBRARY);
    expect(read.setAside).toEqual([{ stored: { format: 7, packs: 'many' }, name: 'The list of packs', reasons: ['It is not in a form this version can read.'] }]);
  });
});

describe("the organisation's packs (storage.managed)", () => {
  /** A pack of one topic of its own whose only term is "Open RAN", and nothing for the bundled topics. */
  const openRanPack = (id: string, name: string) =>
    withVersion('1.0.0', (pack) => {
      pack.id = id;
      pack.name = name;
      pack.topics[0].id = `${id}-topic`;
      pack.topics[0].terms = ['Open RAN'];
      pack.topics[0].properNames = [];
      pack.extends = [];
    });
  const otherPack = openRanPack('other', 'Other');

  it('reads each pack of the policy, as text or as an object; always on and managed', () => {
    const { packs, problems } = readManagedPacks([sampleText, JSON.parse(otherPack)], bundled);
    expect(problems).toEqual([]);
    expect(packs.map(({ pack, enabled, managed }) => [pack.id, enabled, managed])).toEqual([
      ['sample-5g-security', true, true],
      ['other', true, true],
    ]);
  });

  it('leaves out a pack that does not read, saying which and why, and keeps the others', () => {
    const { packs, problems } = readManagedPacks(['{"format": 1', sampleText], bundled);
    expect(packs.map(({ pack }) => pack.id)).toEqual(['sample-5g-security']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Your organisation's pack 1 was not added: .*JSON/);
    expect(readManagedPacks('not a list', bundled).problems).toEqual(["Your organisation's policy has topicPacks that is not a list of packs."]);
    expect(readManagedPacks(undefined, bundled)).toEqual({ packs: [], problems: [] });
  });

  it('comes first; the reader cannot turn it off, remove it or replace it, and it is never stored as the reader\'s', () => {
    const managed = readManagedPacks([sampleText], bundled).packs;
    const own = added(EMPTY_LIBRARY, otherPack).library;
    const { library, setAside } = readPackLibrary(JSON.parse(JSON.stringify(own)), bundled, managed);
    expect(setAside).toEqual([]);
    expect(library.packs.map(({ pack, managed }) => [pack.id, managed ?? false])).toEqual([
      ['sample-5g-security', true],
      ['other', false],
    ]);
    expect(setPackEnabled(library, 'sample-5g-security', false).packs[0].enabled).toBe(true);
    expect(removePack(library, 'sample-5g-security').packs.map(({ pack }) => pack.id)).toEqual(['sample-5g-security', 'other']);
    const replaced = addPack(library, withVersion('2.0.0'), bundled);
    expect(replaced).toEqual({ ok: false, problems: ['Pack "Sample: 5G security decisions in Europe" is managed by your organisation: it cannot be replaced here.'] });
    expect(ownPacks(library).packs.map(({ pack }) => pack.id)).toEqual(['other']);
  });

  it("gives way to it: a reader's own pack of the same id stays stored but unused", () => {
    const managed = readManagedPacks([withVersion('2.0.0')], bundled).packs;
    const own = added(EMPTY_LIBRARY, sampleText).library;
    const stored = JSON.parse(JSON.stringify(own));
    const { library, setAside, givenWay } = readPackLibrary(stored, bundled, managed);
    expect(setAside).toEqual([]);
    expect(library.packs.map(({ pack, managed }) => [pack.version, managed])).toEqual([['2.0.0', true]]);
    expect(givenWay).toEqual([{ stored: stored.packs[0], name: 'Sample: 5G security decisions in Europe', reasons: ['Your organisation sets a pack of the same id ("Sample: 5G security decisions in Europe").'] }]);
  });

  it("gives way to a pack of the organisation's added later whose terms it repeats: kept as stored, not set aside, and used again once the policy drops it", () => {
    // The reader added their pack first; then the organisation set one with the same term.
    const own = added(EMPTY_LIBRARY, otherPack).library;
    const stored = JSON.parse(JSON.stringify(own));
    const managed = readManagedPacks([openRanPack('org', 'Organisation')], bundled).packs;
    expect(managed.map(({ pack }) => pack.id)).toEqual(['org']);
    const withPolicy = readPackLibrary(stored, bundled, managed);
    expect(withPolicy.setAside).toEqual([]);
    expect(withPolicy.library.packs.map(({ pack }) => pack.id)).toEqual(['org']);
    expect(withPolicy.givenWay).toHaveLength(1);
    expect(withPolicy.givenWay[0].stored).toBe(stored.packs[0]);
    expect(withPolicy.givenWay[0].reasons.join(' ')).toMatch(/Open RAN/);
    // The same stored list once the policy no longer sets the pack: the reader's is used again.
    const without = readPackLibrary(stored, bundled);
    expect(without.library.packs.map(({ pack }) => pack.id)).toEqual(['other']);
    expect(without.givenWay).toEqual([]);
  });

  it('still sets aside a pack that clashes with another of the reader\'s own, with or without a policy', () => {
    const twice = { format: 1, packs: [...JSON.parse(JSON.stringify(added(EMPTY_LIBRARY, otherPack).library)).packs, { pack: { ...JSON.parse(otherPack), id: 'other-copy' }, enabled: true }] };
    const managed = readManagedPacks([sampleText], bundled).packs;
    for (const policy of [[], managed]) {
      const { setAside, givenWay } = readPackLibrary(twice, bundled, policy);
      expect(setAside.map((item) => item.name)).toEqual(['Other']);
      expect(givenWay).toEqual([]);
    }
  });
});

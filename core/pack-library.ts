import type { FactData } from './data-schema';
import { readTopicPack, termsOfPack, type InstalledFacts, type TopicPack } from './topic-packs';

/**
 * The topic packs a reader has added, as kept in storage.local: each pack with whether it is on.
 * Pure: what to store after adding, replacing, turning off or removing a pack, and what to make of
 * what was stored (read again on every load, like the settings: a pack that no longer reads is set
 * aside with its reason, never dropped in silence).
 */

export interface InstalledPack {
  pack: TopicPack;
  enabled: boolean;
  /**
   * Pushed by the reader's organisation through the browser's policy (storage.managed): always
   * on, and not replaced, turned off or removed here; never written to storage.local.
   */
  managed?: boolean;
}

export interface PackLibrary {
  format: 1;
  packs: InstalledPack[];
}

/** A stored pack that no longer reads (corrupt, or clashing with one read before it), kept as it was. */
export interface SetAsidePack {
  /** What was stored, untouched, so that nothing is lost. */
  stored: unknown;
  /** Its name where it has one. */
  name: string;
  reasons: string[];
}

export const EMPTY_LIBRARY: PackLibrary = { format: 1, packs: [] };

/** What a pack is checked against in the bundled data: its topics and FAQ ids. */
export function bundledFactsOf(data: Pick<FactData, 'topics' | 'faq'>): Pick<InstalledFacts, 'topics' | 'faqIds'> {
  return { topics: data.topics, faqIds: new Set(data.faq.map((entry) => entry.id)) };
}

/** What is already there, for checking a pack: the bundled topics, and every pack but `except`. */
export function installedFacts(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>, library: PackLibrary, except?: string): InstalledFacts {
  const others = library.packs.filter(({ pack }) => pack.id !== except).map(({ pack }) => pack);
  return {
    topics: [
      ...bundled.topics,
      ...others.flatMap((pack) => pack.topics.map((topic) => ({ id: topic.id, label: topic.label, terms: topic.terms, properNames: topic.properNames, ambiguousTerms: topic.ambiguousTerms }))),
    ],
    faqIds: new Set([...bundled.faqIds, ...others.flatMap((pack) => pack.faq.map((entry) => `${pack.id}/${entry.id}`))]),
    packs: others.map((pack) => ({ id: pack.id, name: pack.name, terms: termsOfPack(pack) })),
  };
}

/**
 * A pack of the reader's own that stays stored but unused while the organisation's policy sets a
 * pack it clashes with: one of the same id, or one whose terms or entries it repeats. It is used
 * again once the policy no longer sets that pack.
 */
export interface GivenWayPack {
  /** What was stored, untouched. */
  stored: unknown;
  name: string;
  reasons: string[];
}

/**
 * Reads what storage.local held: every pack that still reads, in order (each checked against the
 * bundled data, the organisation's packs and the packs before it); those that clash only with the
 * organisation's packs, given way; and those that do not read, set aside with their reasons.
 */
export function readPackLibrary(
  stored: unknown,
  bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>,
  managed: readonly InstalledPack[] = [],
): { library: PackLibrary; setAside: SetAsidePack[]; givenWay: GivenWayPack[] } {
  // The organisation's packs come first; the reader's own are checked against them too.
  const library: PackLibrary = { format: 1, packs: [...managed] };
  const setAside: SetAsidePack[] = [];
  const givenWay: GivenWayPack[] = [];
  if (stored === undefined || stored === null) return { library, setAside, givenWay };
  const list = (stored as { format?: unknown; packs?: unknown }).packs;
  if (typeof stored !== 'object' || (stored as { format?: unknown }).format !== 1 || !Array.isArray(list)) {
    return { library, setAside: [{ stored, name: 'The list of packs', reasons: ['It is not in a form this version can read.'] }], givenWay };
  }
  for (const item of list as unknown[]) {
    const pack = (item as { pack?: unknown } | null)?.pack;
    const name = typeof (pack as { name?: unknown } | null)?.name === 'string' ? (pack as { name: string }).name : 'A pack';
    const sameId = managed.find((installed) => installed.pack.id === (pack as { id?: unknown } | null)?.id);
    if (sameId) {
      givenWay.push({ stored: item, name, reasons: [`Your organisation sets a pack of the same id ("${sameId.pack.name}").`] });
      continue;
    }
    const fileText = JSON.stringify(pack ?? null);
    const reading = readTopicPack(fileText, installedFacts(bundled, library));
    if (!reading.ok) {
      // A pack that reads beside the reader's own packs alone clashes only with the organisation's.
      if (managed.length > 0 && readTopicPack(fileText, installedFacts(bundled, ownPacks(library))).ok) givenWay.push({ stored: item, name, reasons: reading.problems });
      else setAside.push({ stored: item, name, reasons: reading.problems });
      continue;
    }
    library.packs.push({ pack: reading.pack, enabled: (item as { enabled?: unknown }).enabled !== false });
  }
  return { library, setAside, givenWay };
}

/**
 * The packs of the organisation's policy (storage.managed `topicPacks`: a list of pack files, each
 * as its text or as an object), each read like a pack added by hand, against the bundled data and
 * the policy's packs before it. A pack that does not read is left out, with its problems.
 */
export function readManagedPacks(policy: unknown, bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>): { packs: InstalledPack[]; problems: string[] } {
  const packs: InstalledPack[] = [];
  const problems: string[] = [];
  if (policy === undefined || policy === null) return { packs, problems };
  if (!Array.isArray(policy)) return { packs, problems: ["Your organisation's policy has topicPacks that is not a list of packs."] };
  policy.forEach((item: unknown, index) => {
    const fileText = typeof item === 'string' ? item : JSON.stringify(item);
    const reading = readTopicPack(fileText, installedFacts(bundled, { format: 1, packs }));
    if (reading.ok) packs.push({ pack: reading.pack, enabled: true, managed: true });
    else problems.push(`Your organisation's pack ${index + 1} was not added: ${reading.problems.join(' ')}`);
  });
  return { packs, problems };
}

/** What is written to storage.local: the reader's own packs, not the organisation's. */
export const ownPacks = (library: PackLibrary): PackLibrary => ({ format: 1, packs: library.packs.filter((installed) => !installed.managed) });

export type PackChange = { ok: true; library: PackLibrary; message: string; notes: string[] } | { ok: false; problems: string[] };

/**
 * Adds a pack from its file's text, or replaces the installed pack of the same id with it (a newer
 * or older version; the same version again is refused). A refused pack changes nothing.
 */
export function addPack(library: PackLibrary, fileText: string, bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>): PackChange {
  const probe = (() => {
    try {
      return JSON.parse(fileText) as { id?: unknown; version?: unknown };
    } catch {
      return undefined;
    }
  })();
  const id = typeof probe?.id === 'string' ? probe.id : undefined;
  const existing = library.packs.find(({ pack }) => pack.id === id);
  if (existing?.managed) {
    return { ok: false, problems: [`Pack "${existing.pack.name}" is managed by your organisation: it cannot be replaced here.`] };
  }
  if (existing && existing.pack.version === probe?.version) {
    return { ok: false, problems: [`Pack "${existing.pack.name}" version ${existing.pack.version} is already installed.`] };
  }
  const reading = readTopicPack(fileText, installedFacts(bundled, library, existing?.pack.id));
  if (!reading.ok) return { ok: false, problems: reading.problems };
  const added: InstalledPack = { pack: reading.pack, enabled: existing?.enabled ?? true };
  const packs = existing ? library.packs.map((installed) => (installed === existing ? added : installed)) : [...library.packs, added];
  const message = existing
    ? `Replaced "${existing.pack.name}" ${existing.pack.version} with ${reading.pack.version}.`
    : `Added "${reading.pack.name}" ${reading.pack.version}.`;
  return { ok: true, library: { format: 1, packs }, message, notes: reading.notes };
}

/** (The organisation's packs stay on.) */
export function setPackEnabled(library: PackLibrary, id: string, enabled: boolean): PackLibrary {
  return { format: 1, packs: library.packs.map((installed) => (installed.pack.id === id && !installed.managed ? { ...installed, enabled } : installed)) };
}

/** (The organisation's packs stay.) */
export function removePack(library: PackLibrary, id: string): PackLibrary {
  return { format: 1, packs: library.packs.filter(({ pack, managed }) => pack.id !== id || managed) };
}

/** The pack's file, as it would be added again (for export). */
export function packFile(pack: TopicPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

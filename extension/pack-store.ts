import { browser } from 'wxt/browser';
import type { FactData } from '../core/data-schema';
import { bundledFactsOf, ownPacks, readManagedPacks, readPackLibrary, type GivenWayPack, type InstalledPack, type PackLibrary, type SetAsidePack } from '../core/pack-library';
import { packMatcher, packPageData, withPacks } from '../core/pack-merge';
import { bundledMatcher } from '../core/bundled-matcher';
import { pageTopicData } from '../core/page-topic-data';
import { loadManagedPolicy } from './managed-policy';
import { PACK_MATCHER_KEY } from './pack-matcher';
import { PACK_PAGE_KEY, PACK_PROBE_KEY } from './pack-page';
import type { InstalledFacts } from '../core/topic-packs';

// The reader's topic packs live in storage.local (sync's 100 KB quota is too small for them),
// validated on every read like the settings (core/pack-library.ts). A stored pack that no longer
// reads is moved, as it was, to a list of its own and reported: never dropped in silence.
const KEY = 'topicPacks';
const SET_ASIDE_KEY = 'topicPacksSetAside';

// An organisation can push packs through the browser's policy: storage.managed, key `topicPacks`
// (public/managed-schema.json). They come first, always on, and are never written here.

export interface LoadedPacks {
  /** The organisation's packs (`managed`), then the reader's own. */
  library: PackLibrary;
  /** Every pack ever set aside, with its reasons (kept until the reader removes it). */
  setAside: SetAsidePack[];
  /** Why packs of the organisation's policy were not added. */
  managedProblems: string[];
  /** The reader's own packs kept stored but unused while the organisation's packs clash with them. */
  givenWay: GivenWayPack[];
}

/** The organisation's packs; none where no policy sets them. */
async function loadManagedPacks(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>, policy: Promise<Record<string, unknown>>): Promise<{ packs: InstalledPack[]; problems: string[] }> {
  return readManagedPacks((await policy).topicPacks, bundled);
}

/** The packs, with the organisation's from `policy` (by default read now). */
export async function loadPacks(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>, policy: Promise<Record<string, unknown>> = loadManagedPolicy()): Promise<LoadedPacks> {
  const [stored, managed] = await Promise.all([browser.storage.local.get([KEY, SET_ASIDE_KEY]), loadManagedPacks(bundled, policy)]);
  const { library, setAside, givenWay } = readPackLibrary(stored[KEY], bundled, managed.packs);
  const earlier = Array.isArray(stored[SET_ASIDE_KEY]) ? (stored[SET_ASIDE_KEY] as SetAsidePack[]) : [];
  if (setAside.length === 0) return { library, setAside: earlier, managedProblems: managed.problems, givenWay };
  const all = [...earlier, ...setAside];
  await browser.storage.local.set({ [KEY]: storedForm(library, givenWay), [SET_ASIDE_KEY]: all });
  return { library, setAside: all, managedProblems: managed.problems, givenWay };
}

/** The bundled data with the reader's topic packs that are on; the bundled data alone where they cannot be read. */
export async function loadFactsWithPacks(data: FactData, policy?: Promise<Record<string, unknown>>): Promise<FactData> {
  try {
    return withPacks(data, (await loadPacks(bundledFactsOf(data), policy)).library.packs);
  } catch {
    return data;
  }
}

/**
 * What storage.local keeps: the reader's own packs, and those that give way to the organisation's
 * as they were stored (one the reader has since added anew, by id, replaces it).
 */
function storedForm(library: PackLibrary, givenWay: readonly GivenWayPack[]): { format: 1; packs: unknown[] } {
  const own = ownPacks(library);
  const ownIds = new Set(own.packs.map(({ pack }) => pack.id));
  const kept = givenWay.filter((item) => !ownIds.has((item.stored as { pack?: { id?: string } } | null)?.pack?.id ?? ''));
  return { format: 1, packs: [...own.packs, ...kept.map((item) => item.stored)] };
}

/** Stores the packs; fails with the browser's message (a full storage quota) and changes nothing then. */
export async function savePacks(library: PackLibrary, givenWay: readonly GivenWayPack[] = []): Promise<void> {
  await browser.storage.local.set({ [KEY]: storedForm(library, givenWay) });
  // (The background then writes what pages read of them: storePackPage.)
}

/**
 * What pages read of the packs (extension/pack-page.ts): kept beside them, so no page reads the
 * packs themselves; and the page reader's matcher with their terms, compiled here once rather
 * than on every page. The matcher goes first: open pages follow the change of `packPage`, and
 * then find the matcher that goes with it. Where it cannot be stored (a full quota), pages
 * compile their own. Written by the background only, one write after the other (see there), so
 * that an older reading of the packs never overwrites a newer one.
 */
export async function storePackPage(library: PackLibrary): Promise<void> {
  const page = packPageData(library.packs);
  if (!page) {
    await browser.storage.local.remove([PACK_PAGE_KEY, PACK_MATCHER_KEY, PACK_PROBE_KEY]);
    return;
  }
  await browser.storage.local
    .set({ [PACK_MATCHER_KEY]: packMatcher(pageTopicData, page, bundledMatcher.digest ?? '') })
    .catch(() => browser.storage.local.remove(PACK_MATCHER_KEY));
  await browser.storage.local.set({ [PACK_PAGE_KEY]: page, [PACK_PROBE_KEY]: page.probe });
}

export async function forgetSetAsidePacks(): Promise<void> {
  await browser.storage.local.remove(SET_ASIDE_KEY);
}

import { browser } from 'wxt/browser';
import type { FactData } from '../core/data-schema';
import { bundledFactsOf, ownPacks, readManagedPacks, readPackLibrary, type InstalledPack, type PackLibrary, type SetAsidePack } from '../core/pack-library';
import { packMatcher, packPageData, withPacks } from '../core/pack-merge';
import { bundledMatcher } from '../core/bundled-matcher';
import { pageTopicData } from '../core/page-topic-data';
import { loadManagedPolicy } from './managed-policy';
import { PACK_MATCHER_KEY } from './pack-matcher';
import { PACK_PAGE_KEY } from './pack-page';
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
}

/** The organisation's packs; none where no policy sets them. */
async function loadManagedPacks(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>): Promise<{ packs: InstalledPack[]; problems: string[] }> {
  return readManagedPacks((await loadManagedPolicy()).topicPacks, bundled);
}

export async function loadPacks(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>): Promise<LoadedPacks> {
  const [stored, managed] = await Promise.all([browser.storage.local.get([KEY, SET_ASIDE_KEY]), loadManagedPacks(bundled)]);
  const { library, setAside } = readPackLibrary(stored[KEY], bundled, managed.packs);
  const earlier = Array.isArray(stored[SET_ASIDE_KEY]) ? (stored[SET_ASIDE_KEY] as SetAsidePack[]) : [];
  if (setAside.length === 0) return { library, setAside: earlier, managedProblems: managed.problems };
  const all = [...earlier, ...setAside];
  await browser.storage.local.set({ [KEY]: ownPacks(library), [SET_ASIDE_KEY]: all });
  return { library, setAside: all, managedProblems: managed.problems };
}

/** The bundled data with the reader's topic packs that are on; the bundled data alone where they cannot be read. */
export async function loadFactsWithPacks(data: FactData): Promise<FactData> {
  try {
    return withPacks(data, (await loadPacks(bundledFactsOf(data))).library.packs);
  } catch {
    return data;
  }
}

/** Stores the packs; fails with the browser's message (a full storage quota) and changes nothing then. */
export async function savePacks(library: PackLibrary): Promise<void> {
  // A pack of the reader's own that gives way to the organisation's of the same id is kept stored.
  const managedIds = new Set(library.packs.filter((installed) => installed.managed).map(({ pack }) => pack.id));
  const stored = managedIds.size > 0 ? ((await browser.storage.local.get(KEY))[KEY] as { packs?: unknown } | undefined) : undefined;
  const givenWay = (Array.isArray(stored?.packs) ? stored.packs : []).filter((item: { pack?: { id?: unknown } } | null) => managedIds.has(item?.pack?.id as string));
  const own = ownPacks(library);
  await browser.storage.local.set({ [KEY]: { ...own, packs: [...own.packs, ...givenWay] } });
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
    await browser.storage.local.remove([PACK_PAGE_KEY, PACK_MATCHER_KEY]);
    return;
  }
  await browser.storage.local
    .set({ [PACK_MATCHER_KEY]: packMatcher(pageTopicData, page, bundledMatcher.digest ?? '') })
    .catch(() => browser.storage.local.remove(PACK_MATCHER_KEY));
  await browser.storage.local.set({ [PACK_PAGE_KEY]: page });
}

export async function forgetSetAsidePacks(): Promise<void> {
  await browser.storage.local.remove(SET_ASIDE_KEY);
}

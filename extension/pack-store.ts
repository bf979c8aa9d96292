import { browser } from 'wxt/browser';
import type { FactData } from '../core/data-schema';
import { bundledFactsOf, readPackLibrary, type PackLibrary, type SetAsidePack } from '../core/pack-library';
import { packMatcher, packPageData, withPacks } from '../core/pack-merge';
import { bundledMatcher } from '../core/bundled-matcher';
import { pageTopicData } from '../core/page-topic-data';
import { PACK_MATCHER_KEY } from './pack-matcher';
import { PACK_PAGE_KEY } from './pack-page';
import type { InstalledFacts } from '../core/topic-packs';

// The reader's topic packs live in storage.local (sync's 100 KB quota is too small for them),
// validated on every read like the settings (core/pack-library.ts). A stored pack that no longer
// reads is moved, as it was, to a list of its own and reported: never dropped in silence.
const KEY = 'topicPacks';
const SET_ASIDE_KEY = 'topicPacksSetAside';

export interface LoadedPacks {
  library: PackLibrary;
  /** Every pack ever set aside, with its reasons (kept until the reader removes it). */
  setAside: SetAsidePack[];
}

export async function loadPacks(bundled: Pick<InstalledFacts, 'topics' | 'faqIds'>): Promise<LoadedPacks> {
  const stored = await browser.storage.local.get([KEY, SET_ASIDE_KEY]);
  const { library, setAside } = readPackLibrary(stored[KEY], bundled);
  const earlier = Array.isArray(stored[SET_ASIDE_KEY]) ? (stored[SET_ASIDE_KEY] as SetAsidePack[]) : [];
  if (setAside.length === 0) return { library, setAside: earlier };
  const all = [...earlier, ...setAside];
  await browser.storage.local.set({ [KEY]: library, [SET_ASIDE_KEY]: all });
  await storePackPage(library);
  return { library, setAside: all };
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
  await browser.storage.local.set({ [KEY]: library });
  await storePackPage(library);
}

/**
 * What pages read of the packs (extension/pack-page.ts): kept beside them, so no page reads the
 * packs themselves; and the page reader's matcher with their terms, compiled here once rather
 * than on every page. The matcher goes first: open pages follow the change of `packPage`, and
 * then find the matcher that goes with it. Where it cannot be stored (a full quota), pages
 * compile their own.
 */
async function storePackPage(library: PackLibrary): Promise<void> {
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

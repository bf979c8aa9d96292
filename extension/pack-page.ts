import type { PackPageData } from '../core/pack-merge';
import type { ProbeSource } from '../core/term-anchors';
import { directStorage, type StorageAccess } from './storage-access';

/** Where the background keeps what pages need of the topic packs (core/pack-merge.ts packPageData). */
export const PACK_PAGE_KEY = 'packPage';
/** Where it keeps the packs' probe alone, for frames (entrypoints/document.ts): a few KB, not the whole page data. */
export const PACK_PROBE_KEY = 'packProbe';
/**
 * What the topic packs that are on add to a page's reading, or nothing: read by the content script
 * with the settings (one storage read, in parallel with theirs). Written only by the extension's
 * background (extension/pack-store.ts storePackPage); a value of another shape (an older
 * version's) is ignored, never thrown on.
 */
export async function loadPackPage(storage: StorageAccess = directStorage): Promise<PackPageData | undefined> {
  try {
    return asPackPage((await storage.get('local', PACK_PAGE_KEY))[PACK_PAGE_KEY]);
  } catch {
    return undefined;
  }
}

/** The probe of the packs' terms, for a frame whose text the build's probe found nothing in; undefined without packs that add terms. */
export async function loadPackProbe(storage: StorageAccess = directStorage): Promise<ProbeSource | undefined> {
  try {
    return asMentionProbeSource((await storage.get('local', PACK_PROBE_KEY))[PACK_PROBE_KEY]);
  } catch {
    return undefined; // the extension was reloaded or updated
  }
}

function asPackPage(value: unknown): PackPageData | undefined {
  const page = value as PackPageData | undefined;
  const ok = page && Array.isArray(page.topics) && Array.isArray(page.extends) && asMentionProbeSource(page.probe);
  return ok ? page : undefined;
}

/** The probe's expressions, if that is what the value holds (a stored value may be an older version's). */
function asMentionProbeSource(value: unknown): ProbeSource | undefined {
  const probe = value as ProbeSource | undefined;
  return typeof probe?.anchors === 'string' && typeof probe?.terms === 'string' ? probe : undefined;
}

/**
 * Calls `onChange` with what pages read of the packs whenever the packs change (a pack
 * added, replaced, turned on or off, removed), so that open pages follow at once. Returns the
 * function that stops watching.
 */
export function watchPackPage(onChange: (packPage: PackPageData | undefined) => void, storage: StorageAccess = directStorage): () => void {
  return storage.watch((changes, area) => {
    if (area === 'local' && PACK_PAGE_KEY in changes) onChange(asPackPage(changes[PACK_PAGE_KEY].newValue));
  });
}

import { browser } from 'wxt/browser';
import type { PackPageData } from '../core/pack-merge';

/** Where the options page keeps what pages need of the topic packs (core/pack-merge.ts packPageData). */
export const PACK_PAGE_KEY = 'packPage';

/**
 * What the topic packs that are on add to a page's reading, or nothing: read by the content script
 * with the settings (one storage read, in parallel with theirs). Written only by the extension's
 * options page; a value of another shape (an older version's) is ignored, never thrown on.
 */
export async function loadPackPage(): Promise<PackPageData | undefined> {
  try {
    const value = (await browser.storage.local.get(PACK_PAGE_KEY))[PACK_PAGE_KEY] as PackPageData | undefined;
    const ok = value && Array.isArray(value.topics) && Array.isArray(value.extends) && typeof value.probe?.anchors === 'string' && typeof value.probe?.terms === 'string';
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

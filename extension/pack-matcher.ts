import { bundledMatcher } from '../core/bundled-matcher';
import type { CompiledMatcher } from '../core/matcher';
import type { PackMatcher } from '../core/pack-merge';
import type { StorageAccess } from './storage-access';

// Apart from extension/pack-page.ts, which the every-page content script imports: this one brings
// the build's compiled matcher with it, which only the page reader needs.

/** Where the background keeps the page reader's matcher with the packs' terms, compiled (core/pack-merge.ts packMatcher). */
export const PACK_MATCHER_KEY = 'packMatcher';

/**
 * The page reader's matcher with the packs' terms as the background compiled it, if it was
 * compiled with this version's bundled topics and has the shape of one; otherwise nothing, and
 * the reader compiles its own. Read by the page reader only (pages with something to read).
 */
export async function loadPackMatcher(storage: StorageAccess): Promise<CompiledMatcher | undefined> {
  try {
    const stored = (await storage.get('local', PACK_MATCHER_KEY))[PACK_MATCHER_KEY] as PackMatcher | undefined;
    if (!stored || !bundledMatcher.digest || stored.basedOn !== bundledMatcher.digest) return undefined;
    const { patterns, termAnchors, allAnchors, automaton } = stored.compiled ?? {};
    const arrays = [patterns, termAnchors, allAnchors, automaton?.classes, automaton?.parent, automaton?.edgeClass, automaton?.fail, automaton?.outputs];
    const ok = arrays.every(Array.isArray) && automaton.parent.length === automaton.fail.length && automaton.parent.length === automaton.edgeClass.length && automaton.classCount >= 2;
    return ok ? stored.compiled : undefined;
  } catch {
    return undefined;
  }
}


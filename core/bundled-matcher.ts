import compiledJson from '../data/topics.json?matcher';
import type { CompiledMatcher } from './matcher';

/**
 * The bundled topics' matcher, compiled at build time (`?matcher`, wxt.config.ts topicsFileParts),
 * so that the page reader does not fold the terms and build the automaton cold on every page.
 * Where topic packs add terms, the page reader compiles its matcher itself.
 */
export const bundledMatcher = compiledJson as CompiledMatcher;

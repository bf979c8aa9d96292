// Matcher micro-benchmarks in Node, with tinybench: core/matcher.ts is loaded through Vite's SSR
// module loader (the same TypeScript transform the build uses), so no separate compile step is needed.
import { createTsModuleLoader } from '../scripts/ts-module-loader.mjs';
import { Bench } from 'tinybench';
import { bigPack, randomTerms } from './pages.mjs';

/** The size of the bench's topic pack, in terms (issue 17: "a 5,000-term pack keeps the scan flat"). */
export const PACK_TERMS = 5000;

/**
 * The bench's pack, generated (bench/pages.mjs bigPack), read and installed as the options page does
 * (core/pack-library.ts addPack), and what pages then read of it (core/pack-merge.ts packPageData).
 * @param {{ load(path: string): Promise<any> }} modules @param {any} factData @param {Set<string>} vocabulary
 */
async function installBenchPack(modules, factData, vocabulary) {
  const { addPack, EMPTY_LIBRARY, bundledFactsOf } = /** @type {typeof import('../core/pack-library.ts')} */ (await modules.load('/core/pack-library.ts'));
  const { packPageData } = /** @type {typeof import('../core/pack-merge.ts')} */ (await modules.load('/core/pack-merge.ts'));
  const packFile = JSON.stringify(bigPack(PACK_TERMS, vocabulary));
  const startedAt = performance.now();
  const added = addPack(EMPTY_LIBRARY, packFile, bundledFactsOf(factData));
  const addMs = performance.now() - startedAt;
  if (!added.ok) throw new Error(`the bench's pack was refused: ${added.problems.join('; ')}`);
  return { packFile, addMs, packPage: /** @type {import('../core/pack-merge.ts').PackPageData} */ (packPageData(added.library.packs)) };
}

/**
 * What the options page stores for pages when the bench's pack is added (extension/pack-store.ts):
 * what pages read of it, and the page reader's matcher with its terms, compiled.
 * @param {string} root repository root @param {Set<string>} vocabulary
 */
export async function benchPackStorage(root, vocabulary) {
  const modules = await createTsModuleLoader(root);
  try {
    const { factData } = await modules.load('/core/fact-data.ts');
    const { compileMatcher, matcherConfigFromTopics, matcherDigest } = /** @type {typeof import('../core/matcher.ts')} */ (await modules.load('/core/matcher.ts'));
    const { packMatcher } = /** @type {typeof import('../core/pack-merge.ts')} */ (await modules.load('/core/pack-merge.ts'));
    const { packPage } = await installBenchPack(modules, factData, vocabulary);
    // (The build's digest of its compiled matcher of the bundled topics: wxt.config.ts topicsFileParts.)
    const bundledDigest = matcherDigest(compileMatcher(matcherConfigFromTopics(factData)));
    return { packPage, packMatcher: packMatcher(factData, packPage, bundledDigest) };
  } finally {
    await modules.close();
  }
}

/**
 * @param {string} root repository root
 * @param {{ textWithMentions: string, textWithout: string, expectedMentions: number, vocabulary: Set<string>, extraTerms?: number }} input
 */
export async function runMatcherBench(root, { textWithMentions, textWithout, expectedMentions, vocabulary, extraTerms = 10000 }) {
  const modules = await createTsModuleLoader(root);
  try {
    const { createMatcher, matcherConfigFromTopics } = /** @type {typeof import('../core/matcher.ts')} */ (/** @type {unknown} */ (await modules.load('/core/matcher.ts')));
    const { factData } = /** @type {typeof import('../core/fact-data.ts')} */ (/** @type {unknown} */ (await modules.load('/core/fact-data.ts')));

    const ownConfig = matcherConfigFromTopics(factData);
    const extra = randomTerms(extraTerms, vocabulary);
    const bigConfig = { ...ownConfig, terms: [...ownConfig.terms, ...extra.map((text) => ({ text, topic: 'bench-random' }))] };
    const own = createMatcher(ownConfig);
    const big = createMatcher(bigConfig);

    // Sanity: the generated texts hold exactly the mentions we put in, for every matcher (the pack's below).
    const check = {
      ownOnMentions: own.findMentions(textWithMentions).length,
      bigOnMentions: big.findMentions(textWithMentions).length,
      ownOnNone: own.findMentions(textWithout).length,
      bigOnNone: big.findMentions(textWithout).length,
      packOnMentions: NaN,
      packOnNone: NaN,
    };
    const checkOk = () => check.ownOnMentions === expectedMentions && check.bigOnMentions === expectedMentions && check.ownOnNone === 0 && check.bigOnNone === 0 && check.packOnMentions === expectedMentions && check.packOnNone === 0;

    let sink = 0;
    const scan = new Bench({ name: 'findMentions', time: 1500, iterations: 10, warmupTime: 200, warmupIterations: 3 });
    scan.add(`own terms (${ownConfig.terms.length})`, () => { sink += own.findMentions(textWithMentions).length; });
    scan.add(`own + ${extra.length} random terms`, () => { sink += big.findMentions(textWithMentions).length; });

    // A real topic pack of PACK_TERMS terms, read and installed as the options page does
    // (core/pack-library.ts), then what pages read of it (core/pack-merge.ts packPageData) and the
    // page reader's matcher with it (the bundled topics with the pack's).
    const { withPackTopics } = /** @type {typeof import('../core/pack-merge.ts')} */ (await modules.load('/core/pack-merge.ts'));
    const { packFile, addMs, packPage } = await installBenchPack(modules, factData, vocabulary);
    const packConfig = matcherConfigFromTopics(withPackTopics(factData, packPage));
    const withPack = createMatcher(packConfig);
    const startedAt = performance.now();
    const firstScanWithPack = withPack.findMentions(textWithMentions).length; // builds the automaton
    const firstScanMs = performance.now() - startedAt;
    check.packOnMentions = firstScanWithPack;
    check.packOnNone = withPack.findMentions(textWithout).length;

    scan.add(`own + a pack of ${PACK_TERMS} terms`, () => { sink += withPack.findMentions(textWithMentions).length; });
    await scan.run();

    const build = new Bench({ name: 'createMatcher', time: 800, iterations: 5, warmupTime: 100, warmupIterations: 2 });
    build.add('own terms', () => { sink += createMatcher(ownConfig) ? 1 : 0; });
    build.add(`own + ${extra.length} random terms`, () => { sink += createMatcher(bigConfig) ? 1 : 0; });
    await build.run();
    if (sink < 0) console.log(sink); // keeps the results alive

    const stats = (/** @type {import('tinybench').Task} */ task) => {
      const r = /** @type {any} */ (task.result);
      if (!r.latency) throw new Error(`${task.name}: ${r.state}${r.error ? `: ${r.error.message}` : ''}`);
      return { medianMs: r.latency.p50, meanMs: r.latency.mean, rmePercent: r.latency.rme, opsPerSec: r.throughput.mean, samples: r.latency.samplesCount };
    };
    const [scanOwn, scanBig, scanPack] = scan.tasks.map(stats);
    const [buildOwn, buildBig] = build.tasks.map(stats);
    return {
      textChars: textWithMentions.length,
      ownTermCount: ownConfig.terms.length,
      bigTermCount: bigConfig.terms.length,
      check: { ...check, expectedMentions, ok: checkOk() },
      findMentions: { own: scanOwn, big: scanBig, ratio: scanBig.medianMs / scanOwn.medianMs },
      createMatcher: { own: buildOwn, big: buildBig },
      pack: {
        terms: PACK_TERMS,
        fileBytes: packFile.length,
        pageBytes: JSON.stringify(packPage).length,
        addMs,
        firstScanMs,
        findMentions: { withPack: scanPack, ratio: scanPack.medianMs / scanOwn.medianMs },
      },
    };
  } finally {
    await modules.close();
  }
}

// Matcher micro-benchmarks in Node, with tinybench: core/matcher.ts is loaded through Vite's SSR
// module loader (the same TypeScript transform the build uses), so no separate compile step is needed.
import { createTsModuleLoader } from '../scripts/ts-module-loader.mjs';
import { Bench } from 'tinybench';
import { randomTerms } from './pages.mjs';

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

    // Sanity: the generated texts hold exactly the mentions we put in, for both matchers.
    const check = {
      ownOnMentions: own.findMentions(textWithMentions).length,
      bigOnMentions: big.findMentions(textWithMentions).length,
      ownOnNone: own.findMentions(textWithout).length,
      bigOnNone: big.findMentions(textWithout).length,
    };
    const checkOk = check.ownOnMentions === expectedMentions && check.bigOnMentions === expectedMentions && check.ownOnNone === 0 && check.bigOnNone === 0;

    let sink = 0;
    const scan = new Bench({ name: 'findMentions', time: 1500, iterations: 10, warmupTime: 200, warmupIterations: 3 });
    scan.add(`own terms (${ownConfig.terms.length})`, () => { sink += own.findMentions(textWithMentions).length; });
    scan.add(`own + ${extra.length} random terms`, () => { sink += big.findMentions(textWithMentions).length; });
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
    const [scanOwn, scanBig] = scan.tasks.map(stats);
    const [buildOwn, buildBig] = build.tasks.map(stats);
    return {
      textChars: textWithMentions.length,
      ownTermCount: ownConfig.terms.length,
      bigTermCount: bigConfig.terms.length,
      check: { ...check, expectedMentions, ok: checkOk },
      findMentions: { own: scanOwn, big: scanBig, ratio: scanBig.medianMs / scanOwn.medianMs },
      createMatcher: { own: buildOwn, big: buildBig },
    };
  } finally {
    await modules.close();
  }
}

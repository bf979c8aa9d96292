// `npm run train`: fits data/answer-model.json, the learned layer of utils/answer-ranking.ts, on the
// tune half of tests/eval/sentences.json, and prints its 5-fold cross-validated accuracy on that half
// (the test half is never read here). Deterministic: the same sentences give the same file.
//
// The model is a softmax over the twelve answers whose score for answer a is
//   lexicalScale × lexical(a) + topic weight(topic, a) + Σ over context words w: value(w) × weight(w, a)
// where lexical(a) is the hand-built BM25 + keyword + topic-prior score, and value(w) is 1 in the
// sentence and less in the rest of the paragraph and the title (`contextWords`). It is fitted by
// full-batch Adam on the log of the probability given to the item's good answers, with an L2 penalty
// that keeps rare words from carrying much. Weights under PRUNE_BELOW are dropped from the file.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTsModuleLoader } from './ts-module-loader.mjs';
import { idsDigest, readEvalItems, topicResolver } from './eval-items.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = new URL('../data/answer-model.json', import.meta.url);

/** Chosen by 5-fold cross-validation on the tune half (2026-11-26); see the README. */
const SETTINGS = { l2: 0.001, iterations: 300, learningRate: 0.05, reach: { paragraph: 0.7, title: 0.3 } };
const PRUNE_BELOW = 0.01;
const FOLDS = 5;

/**
 * @typedef {{ id: string, lexical: Float64Array, features: [string, number][], good: number[] }} Example
 * @typedef {{ lexicalScale: number, weights: Map<string, Float64Array> }} Fitted
 */

/**
 * Fits the weights on `examples`. Features are strings ("w:<stem>" or "t:<topic>") with values.
 * @param {Example[]} examples @param {number} answerCount @returns {Fitted}
 */
function fit(examples, answerCount) {
  const K = answerCount;
  /** @type {Map<string, number>} */
  const column = new Map();
  for (const example of examples) for (const [feature] of example.features) if (!column.has(feature)) column.set(feature, column.size);
  const rows = examples.map((example) => example.features.map(([feature, value]) => /** @type {[number, number]} */ ([column.get(feature) ?? 0, value])));
  const size = column.size * K;
  const W = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  let scale = 0.3;
  let mScale = 0;
  let vScale = 0;
  const { l2, iterations, learningRate: lr } = SETTINGS;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const z = new Float64Array(K);
  const p = new Float64Array(K);
  for (let t = 1; t <= iterations; t++) {
    const G = new Float64Array(size);
    let gScale = 0;
    examples.forEach((example, n) => {
      for (let a = 0; a < K; a++) z[a] = scale * example.lexical[a];
      for (const [j, x] of rows[n]) for (let a = 0; a < K; a++) z[a] += W[j * K + a] * x;
      let max = -Infinity;
      for (let a = 0; a < K; a++) max = Math.max(max, z[a]);
      let sum = 0;
      for (let a = 0; a < K; a++) sum += p[a] = Math.exp(z[a] - max);
      let good = 0;
      for (let a = 0; a < K; a++) p[a] /= sum;
      for (const a of example.good) good += p[a];
      // d(-log Σ_good p)/dz_a = p_a − (a good ? p_a / Σ_good p : 0)
      for (let a = 0; a < K; a++) {
        const g = p[a] - (example.good.includes(a) ? p[a] / good : 0);
        gScale += g * example.lexical[a];
        for (const [j, x] of rows[n]) G[j * K + a] += g * x;
      }
    });
    const correction1 = 1 - b1 ** t;
    const correction2 = 1 - b2 ** t;
    for (let q = 0; q < size; q++) {
      const g = G[q] / examples.length + l2 * W[q];
      m[q] = b1 * m[q] + (1 - b1) * g;
      v[q] = b2 * v[q] + (1 - b2) * g * g;
      W[q] -= (lr * (m[q] / correction1)) / (Math.sqrt(v[q] / correction2) + eps);
    }
    gScale /= examples.length;
    mScale = b1 * mScale + (1 - b1) * gScale;
    vScale = b2 * vScale + (1 - b2) * gScale * gScale;
    scale -= (lr * (mScale / correction1)) / (Math.sqrt(vScale / correction2) + eps);
  }
  /** @type {Map<string, Float64Array>} */
  const weights = new Map();
  for (const [feature, j] of column) weights.set(feature, W.slice(j * K, (j + 1) * K));
  return { lexicalScale: scale, weights };
}

/**
 * @param {Fitted} fitted @param {string[]} answerIds
 * @param {{ items: number, idsDigest: string, crossValidated: { top1: number, top3: number } }} trainedOn
 */
function toModelFile(fitted, answerIds, trainedOn) {
  const round = (/** @type {number} */ x) => Math.round(x * 1000) / 1000;
  /** @param {Float64Array} weights */
  const sparse = (weights) => {
    /** @type {Record<string, number>} */
    const out = {};
    weights.forEach((w, a) => {
      if (Math.abs(w) >= PRUNE_BELOW) out[answerIds[a]] = round(w);
    });
    return out;
  };
  /** @type {Record<string, Record<string, number>>} */
  const topics = {};
  /** @type {Record<string, Record<string, number>>} */
  const words = {};
  for (const [feature, weights] of [...fitted.weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const entry = sparse(weights);
    if (Object.keys(entry).length === 0) continue;
    if (feature.startsWith('t:')) topics[feature.slice(2)] = entry;
    else words[feature.slice(2)] = entry;
  }
  return {
    about: 'Learned layer of utils/answer-ranking.ts. Generated by `npm run train` from the tune half of tests/eval/sentences.json; do not edit by hand.',
    trainedOn: trainedOn,
    settings: { ...SETTINGS, pruneBelow: PRUNE_BELOW },
    lexicalScale: round(fitted.lexicalScale),
    reach: SETTINGS.reach,
    topics,
    words,
  };
}

/** JSON with one line per top-level key and per topic or word: readable diffs when it is refitted. */
function serialise(/** @type {Record<string, unknown>} */ file) {
  const block = (/** @type {Record<string, unknown>} */ entries) =>
    `{\n${Object.entries(entries).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n')}\n  }`;
  const lines = Object.entries(file).map(([key, value]) =>
    `  ${JSON.stringify(key)}: ${key === 'topics' || key === 'words' ? block(/** @type {Record<string, unknown>} */ (value)) : JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

async function main() {
  const items = readEvalItems().filter((item) => item.half === 'tune');
  const modules = await createTsModuleLoader(ROOT);
  try {
    const { rankAnswers, contextWords } = /** @type {typeof import('../utils/answer-ranking.ts')} */ (/** @type {unknown} */ (await modules.load('/utils/answer-ranking.ts')));
    const { createMatcher, matcherConfigFromTopics } = /** @type {typeof import('../utils/matcher.ts')} */ (/** @type {unknown} */ (await modules.load('/utils/matcher.ts')));
    const { factData } = /** @type {typeof import('../utils/fact-data.ts')} */ (/** @type {unknown} */ (await modules.load('/utils/fact-data.ts')));
    const topicOf = topicResolver(createMatcher(matcherConfigFromTopics(factData)), factData);
    const answerIds = factData.faq.map((entry) => entry.id);

    /** @type {Example[]} */
    const examples = items.map((item) => {
      const topicId = topicOf(item);
      const context = { sentence: item.sentence, paragraph: item.paragraph, title: item.title };
      // The lexical score alone: no model in the input.
      const ranked = rankAnswers({ topicId, topics: factData.topics, faq: factData.faq, answerKeywords: factData.answerKeywords, context });
      const lexical = new Float64Array(answerIds.length);
      for (const { id, score } of ranked) lexical[answerIds.indexOf(id)] = score;
      const features = /** @type {[string, number][]} */ ([[`t:${topicId}`, 1], ...[...contextWords(context, SETTINGS.reach)].map(([word, value]) => [`w:${word}`, value])]);
      return { id: item.id, lexical, features, good: item.answers.map((id) => answerIds.indexOf(id)) };
    });

    /** @param {Fitted} fitted @param {Example} example answer indexes, best first */
    const predict = (fitted, example) => {
      const scores = Array.from(example.lexical, (x) => x * fitted.lexicalScale);
      for (const [feature, value] of example.features) fitted.weights.get(feature)?.forEach((w, a) => (scores[a] += w * value));
      return scores.map((score, a) => ({ score, a })).sort((x, y) => y.score - x.score).map(({ a }) => a);
    };
    /** @param {Example} example @param {number[]} order */
    const hits = (example, order) => [example.good.includes(order[0]), order.slice(0, 3).some((a) => example.good.includes(a))];

    // Cross-validation: folds by a hash of the id, so they do not follow the file's order (by annotator).
    const foldOf = (/** @type {string} */ id) => parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % FOLDS;
    let [lexicalTop1, lexicalTop3, modelTop1, modelTop3] = [0, 0, 0, 0];
    for (let fold = 0; fold < FOLDS; fold++) {
      const fitted = fit(examples.filter((e) => foldOf(e.id) !== fold), answerIds.length);
      for (const example of examples.filter((e) => foldOf(e.id) === fold)) {
        const [m1, m3] = hits(example, predict(fitted, example));
        const [l1, l3] = hits(example, predict({ lexicalScale: 1, weights: new Map() }, example));
        modelTop1 += +m1;
        modelTop3 += +m3;
        lexicalTop1 += +l1;
        lexicalTop3 += +l3;
      }
      console.log(`fold ${fold + 1}/${FOLDS} fitted`);
    }
    const percent = (/** @type {number} */ n) => `${((100 * n) / examples.length).toFixed(1)} %`;
    console.log(`${FOLDS}-fold cross-validation on the tune half (${examples.length} sentences), top-1 / top-3:`);
    console.log(`  lexical score alone: ${percent(lexicalTop1)} / ${percent(lexicalTop3)}`);
    console.log(`  with the learned layer: ${percent(modelTop1)} / ${percent(modelTop3)}`);

    const fitted = fit(examples, answerIds.length);
    const file = toModelFile(fitted, answerIds, { items: examples.length, idsDigest: idsDigest(examples.map((e) => e.id)), crossValidated: { top1: Math.round((1000 * modelTop1) / examples.length) / 1000, top3: Math.round((1000 * modelTop3) / examples.length) / 1000 } });
    writeFileSync(MODEL, serialise(file));
    console.log(`wrote data/answer-model.json: ${Object.keys(file.words).length} words, lexical scale ${file.lexicalScale}`);
  } finally {
    await modules.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`train could not run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = 1;
  });
}

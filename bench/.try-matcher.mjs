import { generatePages } from './pages.mjs';
import { runMatcherBench } from './matcher-bench.mjs';
const root = process.cwd();
let t = performance.now();
const g = generatePages(root, root + '/bench/.pages');
console.log('gen ms', performance.now() - t, Object.fromEntries(Object.entries(g.pages).map(([k, v]) => [k, { ...v, text: undefined }])));
t = performance.now();
const r = await runMatcherBench(root, { textWithMentions: g.pages.withMentions.text, textWithout: g.pages.noMentions.text, expectedMentions: 200, vocabulary: g.vocabularySet });
console.log('bench ms', performance.now() - t, JSON.stringify(r, null, 1));

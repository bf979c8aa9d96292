import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { validateAnswerModel, validateFactData, type TopicsFile } from './core/data-schema';
import { compileMatcher, foldedTerms, matcherConfigFromTopics, matcherDigest } from './core/matcher';
import { probeSource } from './core/term-anchors';

/**
 * Lets the bundler treat webextension-polyfill (a UMD file) as an ES module with a default export.
 * As CommonJS, its default import goes through the bundler's interop helper, which copies every
 * property of the exported object: in Chromium that object is the native `browser` namespace, and
 * reading each property's descriptor instantiates every extension API binding (`app`, `i18n`…) on
 * every page load, 1-2 ms of the content script's start measured in a CPU profile.
 */
function polyfillAsModule(): Plugin {
  return {
    name: 'fact-context:polyfill-as-module',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill(\.min)?\.js$/.test(id)) return null;
      // The UMD wrapper hands its factory `module` when `exports` exists: give it both as parameters.
      return { code: `const polyfill = { exports: {} };\n(function (module, exports) {\n${code}\n}).call(globalThis, polyfill, polyfill.exports);\nexport default polyfill.exports;\n`, map: null };
    },
  };
}

/**
 * The content script and the page reader talk to the browser through its own promise-based API
 * (`browser` in Firefox, `chrome` in Chromium's Manifest V3), not the polyfill: they run on every
 * page, and the polyfill was ~10 KB (3 KB gzipped) for the few calls they make (storage, messages,
 * getURL), which both APIs answer the same way. The background and the extension's pages keep the
 * polyfill (the `wxt/browser` alias of @wxt-dev/webextension-polyfill); the card makes no call.
 * The namespace is looked up on first use, not at load: a frame whose probe finds nothing never
 * touches the browser's API (see entrypoints/document.ts).
 */
function nativeBrowserApi(): Plugin {
  const id = '\0fact-context:native-browser';
  return {
    name: 'fact-context:native-browser',
    enforce: 'pre',
    resolveId: (source) => (source === '@wxt-dev/webextension-polyfill/browser' ? id : null),
    load: (source) =>
      source === id
        ? 'let api;\nexport const browser = new Proxy({}, { get: (_, key) => (api ??= globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome)[key] });\n'
        : null,
  };
}

/**
 * Puts Chromium's compile hint (COMPILE_WHOLE) at the top of a classic script. After WXT has made
 * its script's function anonymous (which it does by matching the file's start), hence not a banner.
 */
function compileWhole(): Plugin {
  return {
    name: 'fact-context:compile-whole',
    generateBundle: {
      order: 'post',
      handler(_, bundle) {
        for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) chunk.code = `${COMPILE_WHOLE}\n${chunk.code}`;
      },
    },
  };
}

/**
 * Parts of data/topics.json for the every-page content script, so that it does not bundle the whole
 * file: `import ids from '…/topics.json?ids'` (core/topic-ids.ts), the topics' ids; and
 * `import probe from '…/topics.json?probe'` (core/topic-probe.ts), the regular expressions its
 * probe looks for the terms with, made here from the terms as the matcher's own code folds them;
 * and `?matcher` (core/bundled-matcher.ts), the page reader's matcher compiled.
 */
export function topicsFileParts(): Plugin {
  const prefix = '\0fact-context:topics-part:';
  const parts: Record<string, (file: TopicsFile) => unknown> = {
    ids: (file) => file.topics.map((topic) => topic.id),
    probe: (file) => probeSource(foldedTerms(matcherConfigFromTopics(file))),
    // The page reader's matcher, compiled here rather than on every page (core/bundled-matcher.ts).
    // Its digest tells a matcher the options page compiled with the packs' terms (extension/pack-store.ts)
    // from one compiled with the topics of an older version of the extension.
    matcher: (file) => {
      const compiled = compileMatcher(matcherConfigFromTopics(file));
      return { ...compiled, digest: matcherDigest(compiled) };
    },
    // What pages read: the file without what only the background's answer ranking reads.
    page: (file) => ({ ...file, topics: file.topics.map(({ termAnswers: _rankingOnly, ...topic }) => topic) }),
  };
  return {
    name: 'fact-context:topics-parts',
    enforce: 'pre',
    async resolveId(source, importer) {
      const part = /\.json\?(\w+)$/.exec(source)?.[1];
      if (!part || !(part in parts)) return null;
      const resolved = await this.resolve(source.slice(0, -`?${part}`.length), importer, { skipSelf: true });
      // (Not ending in .json, which Vite's JSON plugin would take for its own.)
      return resolved ? `${prefix}${part}:${resolved.id}.js` : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const [, part, file] = /^(\w+):(.*)\.js$/.exec(id.slice(prefix.length))!;
      return `export default ${JSON.stringify(parts[part](JSON.parse(readFileSync(file, 'utf8')) as TopicsFile))};\n`;
    },
  };
}

/** The entrypoints built as ES modules for content scripts to import (extension/module-loader.ts). */
const MODULE_ENTRYPOINTS = ['reader', 'card'];
/** What runs on pages, and talks to the browser without the polyfill (see nativeBrowserApi). */
const NATIVE_API_ENTRYPOINTS = ['document', 'reader'];

/** Chromium's explicit compile hint: compile every function of the file at once (other browsers ignore it). */
const COMPILE_WHOLE = '//# allFunctionsCalledOnLoad';

const readData = (file: string) => readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');
// Name, description and version live in package.json only (WXT takes the version from there).
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { displayName: string; description: string };

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    name: pkg.displayName,
    description: pkg.description,
    // The only permission. storage: the reader's settings (storage.sync, or storage.local where
    // sync is unavailable). The content script's <all_urls> match is what lets it read pages; the
    // extension has no host permissions beyond it and makes no network requests. Icons come from
    // public/icon/<size>.png (drawn by scripts/make-icons.mjs).
    permissions: ['storage'],
    // The modules the content script imports (extension/module-loader.ts): the page reader where the
    // extension is on, the card on first need. In Chromium a content script may import only
    // web-accessible files; `use_dynamic_url` serves them at a per-session random ID instead of the
    // extension's ID, so no page can probe for them. Firefox lets a content script import its own
    // extension's files without this entry.
    ...(browser !== 'firefox' && {
      web_accessible_resources: [{ resources: MODULE_ENTRYPOINTS.map((name) => `${name}.js`), matches: ['<all_urls>'], use_dynamic_url: true }],
    }),
    // The one content script, in every document (entrypoints/document.ts): the top document's start,
    // a frame's probe. At document_start so that, where the extension is on, the highlights' style
    // sheet is added before the page is styled: added later, it makes the browser restyle every
    // element (about 0.1 s on a 50,000-element page; docs/performance.md). The reading waits for
    // the page's first idle moment. In about:blank and srcdoc frames too (ad slots are often filled
    // that way), and in a top-level about:blank tab, where it stops at once (extension/content-start.ts).
    content_scripts: [{ matches: ['<all_urls>'], js: ['document.js'], run_at: 'document_start', all_frames: true, match_about_blank: true, match_origin_as_fallback: true }],
    action: { default_title: pkg.displayName },
    // What an organisation's policy may set (storage.managed; extension/pack-store.ts): its topic
    // packs. Chromium checks policies against it; Firefox reads managed storage without one.
    ...(browser !== 'firefox' && { storage: { managed_schema: 'managed-schema.json' } }),
    // Mentions drawn with the Custom Highlight API are invisible to assistive technology: these
    // commands reach them from the keyboard (changeable at chrome://extensions/shortcuts).
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next highlighted mention and explain it' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous highlighted mention' },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'fact-context@fact-context.app',
          // The CSS Custom Highlight API reached Firefox in 140; the data-collection key on Android, 142.
          strict_min_version: '142.0',
          // Nothing leaves the reader's machine (Firefox's data-collection declaration).
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  // No module-preload polyfill: it is a fetch() the extension has no use for (its files are local).
  vite: () => ({ plugins: [topicsFileParts(), polyfillAsModule(), preact()], build: { modulePreload: { polyfill: false } } }),
  zip: {
    // The sources archive Firefox's review asks for: what `npm ci && npm run build:firefox` needs.
    excludeSources: ['bench/results/**', 'docs/**', 'assets/**'],
  },
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      // `imports: false` turns WXT's auto-imports off in the types, but its build still runs
      // unimport, which adds an import for any name it knows that a module uses without declaring
      // at its top: a local variable called `storage` brought all of @wxt-dev/storage (9 KB) into the
      // content script. Every import here is written out, so the plugin goes.
      config.plugins = (config.plugins ?? []).flat().filter((plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'unimport'));
      const module = entrypoints.length === 1 && MODULE_ENTRYPOINTS.includes(entrypoints[0].name) ? entrypoints[0] : undefined;
      // What runs on pages (the content script and the page reader): without the polyfill (see nativeBrowserApi).
      if (entrypoints.some((entry) => NATIVE_API_ENTRYPOINTS.includes(entry.name))) config.plugins = [nativeBrowserApi(), ...(config.plugins ?? [])];
      // The content script, compiled on the page's main thread on every page (content scripts get no
      // code cache): compiled whole at once (the compile hint below), rather than pre-parsed and then
      // parsed again function by function as they are first called. Nearly every function of the top
      // document's start runs, and a frame's probe is most of the rest. Measured, 16 interleaved loads,
      // CPU time: 8 KB article 7.88 -> 7.58 ms, page without a mention 4.22 -> 3.87 ms, 10 empty
      // frames 8.11 -> 7.67 ms (docs/performance.md).
      if (entrypoints.length === 1 && entrypoints[0].name === 'document') config.plugins = [...(config.plugins ?? []), compileWhole()];
      if (!module || !config.build?.lib) return;
      // The modules content scripts import (entrypoints/reader.ts, entrypoints/card.ts) are built as
      // ES modules of their exports, instead of WXT's script that runs a main function.
      config.build.lib = { ...config.build.lib, entry: module.inputPath, formats: ['es'] };
      const output = config.build.rollupOptions?.output;
      if (output && !Array.isArray(output)) {
        // Vite keeps an ES library's whitespace, for bundlers that import it: these files are loaded as they are.
        output.minify = true;
        // Chromium's explicit compile hint: compile every function while the module is streamed in,
        // off the page's main thread, instead of lazily on it at first call. Nearly all of the
        // reader's functions run at load, and the card's at its first showing. Measured on the
        // bench's 8 KB article: the extension's main-thread time 16-19 ms without it, 9-13 ms with
        // it; the first card on screen 39-44 ms after the open delay without it on card.js, 29-35 ms
        // with it. Other browsers ignore the comment.
        output.postBanner = COMPILE_WHOLE;
      }
    },
    // Malformed data fails the build, with a message that names the entry.
    'build:before': () => {
      const data = validateFactData({
        faqMarkdown: readData('faq.md'),
        topicsJson: JSON.parse(readData('topics.json')),
        answerKeywordsJson: JSON.parse(readData('answer-keywords.json')),
      });
      validateAnswerModel(JSON.parse(readData('answer-model.json')), data);
    },
  },
});

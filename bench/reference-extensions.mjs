// Reference extensions for the bench: the least a content script can do, measured the same way
// and in the same run as ours, so that a target can be read against what the browser itself
// charges. Each is a real unpacked extension loaded into Chromium beside nothing else.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A top-document script that reads the settings and the packs' page data (the first use of the
 * extension's API in its world), adopts a highlight style sheet, and then runs `lines`.
 * @param {string[]} lines
 */
function afterSettings(lines) {
  return [
    "chrome.storage.sync.get(null, () => chrome.storage.local.get('packPage', () => {",
    '  const sheet = new CSSStyleSheet();',
    "  sheet.replaceSync('::highlight(fact-context) { background: #ffe58a }');",
    '  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];',
    ...lines.map((line) => `  ${line}`),
    '}));',
    '',
  ].join('\n');
}

/**
 * The references, by name. `allFrames`: injected where ours is injected in frames (every frame,
 * about:blank and srcdoc ones too, at document_start); otherwise in the top document only.
 */
export const REFERENCE_SCRIPTS = /** @type {const} */ ({
  // What any extension that reads frames pays per frame before its script does anything: the
  // browser's set-up of the script's world.
  empty: { allFrames: true, permissions: [], script: 'void 0;\n' },
  // The least a frame's script can do and still wake up when text arrives later (issue 18): watch
  // the document. Its first touch of the DOM in the frame's fresh world is most of the cost.
  observer: {
    allFrames: true,
    permissions: [],
    script: 'new MutationObserver(() => {}).observe(document, { childList: true, characterData: true, subtree: true });\n',
  },
  // The least the top document's script does where the extension is on (issue 15): read the
  // settings and the topic packs' page data from storage, then adopt a highlight style sheet.
  settings: { allFrames: false, permissions: ['storage'], script: afterSettings([]) },
  // The least a reader does at load (issue 15: "settings check, matcher, scan, highlighter, hover
  // intent"): the settings, the style sheet, then, once the page is parsed, a watch on the document,
  // one walk over its text with one regular expression for a few of the terms, a range per match
  // in one registered highlight, and a pointer listener. No rules, no cues, no reading plan, no card.
  reader: {
    allFrames: false,
    permissions: ['storage'],
    script: afterSettings([
      'const read = () => {',
      '  new MutationObserver(() => {}).observe(document, { childList: true, characterData: true, subtree: true });',
      '  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);',
      '  const terms = /huawei|5g|entity list|standards/gi;',
      '  const highlight = new Highlight();',
      '  for (let node = walker.nextNode(); node; node = walker.nextNode()) {',
      '    terms.lastIndex = 0;',
      '    for (let match = terms.exec(node.data); match; match = terms.exec(node.data)) {',
      '      const range = new Range();',
      '      range.setStart(node, match.index);',
      '      range.setEnd(node, match.index + match[0].length);',
      '      highlight.add(range);',
      '    }',
      '  }',
      "  CSS.highlights.set('fact-context', highlight);",
      "  document.addEventListener('pointermove', () => {}, { passive: true });",
      '};',
      "if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', read);",
      'else read();',
    ]),
  },
});

/**
 * Writes the reference extension `name` into `dir` and returns `dir`.
 * @param {keyof typeof REFERENCE_SCRIPTS} name @param {string} dir
 */
export function writeReferenceExtension(name, dir) {
  const { allFrames, permissions, script } = REFERENCE_SCRIPTS[name];
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: `Reference content script: ${name} (bench)`,
    version: '1.0',
    permissions,
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'], run_at: 'document_start', all_frames: allFrames, match_about_blank: allFrames, match_origin_as_fallback: allFrames }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'background.js'), '// (a service worker, so that the launcher can tell the extension is loaded)\n');
  writeFileSync(join(dir, 'content.js'), script);
  return dir;
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The folders say which side a module is on, and this holds them to it (the way refined-github
// checks its features): core/ is pure logic that runs anywhere (Node, the background, a page),
// page/ touches the page's DOM but not the extension's APIs, extension/ talks to the browser and
// wires the two. Every module is on docs/architecture.md's map, and the docs' links and commands
// are alive.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SIDES = ['core', 'page', 'extension'] as const;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const modulesIn = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((name) => /\.tsx?$/.test(name) && !name.endsWith('.d.ts'))
    .map((name) => `${dir}/${name}`);

/** The code without comments and string contents: what a module does, not what it says. */
function codeOf(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1')
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

/** The modules a source imports (static, dynamic and type imports), as written. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3],
  );
}

/** `spec` imported from `file`, as a path from the repository root (undefined for a package). */
function resolveImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = normalize(join(dirname(file), spec.split('?')[0]));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (existsSync(join(ROOT, candidate)) && /\.\w+$/.test(candidate)) return candidate;
  return base;
}

const DOM_AND_BROWSER = /\b(?:document|window|navigator|browser|chrome|globalThis\.document|HTMLElement|MutationObserver|getComputedStyle|requestIdleCallback|requestAnimationFrame|CSS\.highlights|customElements)\b/;
const EXTENSION_API = /\b(?:browser|chrome)\s*\.\s*(?:runtime|storage|tabs|action|i18n|scripting|commands)\b/;

describe('the folders say which side a module is on', () => {
  it.each(modulesIn('core'))('%s is pure: no DOM, no browser API, nothing from page/ or extension/', (file) => {
    const source = read(file);
    for (const spec of importsOf(source)) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^(?:wxt|webextension-polyfill|preact|@floating-ui)/);
      const target = resolveImport(file, spec);
      if (target) expect(target, `${file} imports ${spec}`).toMatch(/^(?:core|data)\//);
    }
    expect(codeOf(source), `${file} uses a DOM or browser global`).not.toMatch(DOM_AND_BROWSER);
  });

  it.each(modulesIn('page'))('%s touches the page, not the extension: no extension API, nothing from extension/', (file) => {
    const source = read(file);
    for (const spec of importsOf(source)) {
      expect(spec, `${file} imports ${spec}`).not.toMatch(/^(?:wxt\/browser|webextension-polyfill)/);
      const target = resolveImport(file, spec);
      if (target) expect(target, `${file} imports ${spec}`).not.toMatch(/^extension\//);
    }
    expect(codeOf(source), `${file} calls an extension API`).not.toMatch(EXTENSION_API);
  });

  it('no two modules of core/, page/ and extension/ import each other, even through others', () => {
    const files = SIDES.flatMap(modulesIn);
    const edges = new Map(files.map((file) => [file, importsOf(read(file)).flatMap((spec) => resolveImport(file, spec) ?? []).filter((target) => files.includes(target))]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('every module is on the map in docs/architecture.md', () => {
    const map = read('docs/architecture.md');
    const files = [...SIDES.flatMap(modulesIn), ...modulesIn('components'), ...modulesIn('entrypoints')];
    expect(files.filter((file) => !map.includes(`\`${file}\``))).toEqual([]);
  });
});

describe('the README and docs/', () => {
  const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`), 'bench/README.md', 'tests/eval/pages/README.md'];
  const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

  it.each(docs)('%s links only to files that exist', (doc) => {
    const links = [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((link) => !/^(?:[a-z]+:|#)/.test(link));
    const dead = links.filter((link) => !existsSync(join(ROOT, dirname(doc), decodeURIComponent(link.split('#')[0]))));
    expect(dead).toEqual([]);
  });

  it.each(docs)('%s names only npm scripts that exist', (doc) => {
    const named = [...read(doc).matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('the README is a front door: at most 200 lines, the two commands in its first screen', () => {
    const lines = read('README.md').split('\n');
    expect(lines.length).toBeLessThanOrEqual(200);
    const firstScreen = lines.slice(0, 40).join('\n');
    expect(firstScreen).toContain('npm run demo');
    expect(firstScreen).toContain('npm test');
  });
});


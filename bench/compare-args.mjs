// What compare-builds.mjs and compare-firefox.mjs share: their command line, the bench page they
// load (generated if missing), and the quartiles they print.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePages } from './pages.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PAGES_DIR = join(ROOT, 'bench/.pages');

/**
 * `[--page FILE] [--loads N] [--OPTION VALUE…] NAME=DIR …` from `argv`; exits with `usage` if no
 * build is named, or a build's directory (other than `none` where `allowNone`) has no manifest.
 * @param {string[]} argv @param {{ usage: string, loads: number, options?: Record<string, string>, allowNone?: boolean }} spec
 */
export function parseCompareArgs(argv, spec) {
  const args = [...argv];
  /** @param {string} name @param {string} fallback */
  const option = (name, fallback) => {
    const at = args.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const [value] = args.splice(at, 2).slice(1);
    return value;
  };
  const pageFile = option('page', 'text-8kb-3.html');
  const loads = Number.parseInt(option('loads', String(spec.loads)), 10);
  const options = Object.fromEntries(Object.entries(spec.options ?? {}).map(([name, fallback]) => [name, option(name, fallback)]));
  const builds = args.map((arg) => {
    const [name, dir] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, arg];
    return { name, dir: spec.allowNone && dir === 'none' ? undefined : resolve(dir) };
  });
  if (builds.length === 0 || !Number.isFinite(loads) || loads < 1) {
    console.error(`usage: ${spec.usage}`);
    process.exit(2);
  }
  for (const { name, dir } of builds) {
    if (dir && !existsSync(join(dir, 'manifest.json'))) {
      console.error(`${name}: no manifest.json in ${dir}`);
      process.exit(2);
    }
  }
  if (!existsSync(join(PAGES_DIR, pageFile))) {
    mkdirSync(PAGES_DIR, { recursive: true });
    generatePages(ROOT, PAGES_DIR);
  }
  return { pageFile, loads, options, builds };
}

/** @param {number[]} values @param {number} q */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
}

import { browser } from 'wxt/browser';

/** The extension's own ES modules that content scripts import (each an entrypoint, see wxt.config.ts). */
interface Modules {
  '/reader.js': typeof import('../entrypoints/reader');
  '/card.js': typeof import('../entrypoints/card');
}

const loading = new Map<keyof Modules, Promise<unknown>>();

/**
 * One of the extension's modules, imported from the content script's own world the first time it
 * is needed. Imported rather than bundled with the content script: the browser parses and compiles
 * an imported module off the page's main thread (Chromium streams it), where the content script is
 * compiled on it; and what is never needed is never loaded. In Chromium the files are
 * web-accessible resources with `use_dynamic_url`: their URL (from runtime.getURL) has a
 * per-session random ID, so no page can probe for them. In Firefox they are not web-accessible at
 * all (a content script may import its own extension's files without it). A failed load is tried
 * again at the next need.
 */
export function loadModule<Path extends keyof Modules>(path: Path): Promise<Modules[Path]> {
  let module = loading.get(path) as Promise<Modules[Path]> | undefined;
  if (!module) {
    module = (import(/* @vite-ignore */ browser.runtime.getURL(path)) as Promise<Modules[Path]>).catch((error: unknown) => {
      loading.delete(path);
      throw error;
    });
    loading.set(path, module);
  }
  return module;
}

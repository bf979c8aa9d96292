import { browser } from 'wxt/browser';

type CardModule = typeof import('../entrypoints/card');

let loading: Promise<CardModule> | undefined;

/**
 * The card's module (entrypoints/card.ts), imported the first time it may be needed: when the
 * pointer first rests on a mention, so that it is ready before the open delay ends, or on a
 * keyboard command or a tap. A dynamic import from a content script runs in the content script's
 * own world. In Chromium the file is a web-accessible resource with `use_dynamic_url`: its URL
 * (from runtime.getURL) has a per-session random ID, so no page can probe for it. In Firefox it is
 * not web-accessible at all (a content script's import of its own extension's file needs no such
 * entry there). A failed load is tried again at the next need.
 */
export function loadCardModule(): Promise<CardModule> {
  loading ??= (import(/* @vite-ignore */ browser.runtime.getURL('/card.js')) as Promise<CardModule>).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

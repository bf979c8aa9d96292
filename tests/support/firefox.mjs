// Plain JavaScript so the bench can use it without a TypeScript loader (as chromium.mjs).
import { resolve } from 'node:path';

/** The Firefox build (`npm run build:firefox`). */
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv2');
/** Debian's Firefox ESR by default; set FIREFOX_PATH to use another Firefox. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

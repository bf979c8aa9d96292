// Plain JavaScript (with JSDoc types) so the demo script can use it without a TypeScript loader.
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
/** Debian's Chromium by default; set CHROMIUM_PATH to use another build (e.g. Playwright's own). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @param {string} [extensionDir] */
export function chromiumArgs(extensionDir) {
  return [
    // Playwright passes --disable-extensions; this lets ours through.
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    // No DNS look-ups on a closed network; fixture pages are on 127.0.0.1.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  ];
}

/**
 * Launches Chromium with the built extension loaded, in a throwaway profile, or in `profileDir`
 * (kept on close: a browser started again on it is a restart).
 * @param {{ headless?: boolean, colorScheme?: 'light' | 'dark', viewport?: { width: number, height: number } | null, hasTouch?: boolean, reducedMotion?: 'reduce' | 'no-preference', extensionDir?: string, profileDir?: string }} [options] extensionDir: another unpacked extension (the bench's reference)
 */
export async function launchWithExtension({ headless = true, colorScheme, viewport = { width: 1280, height: 800 }, hasTouch = false, reducedMotion, extensionDir = EXTENSION_DIR, profileDir } = {}) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'fact-context-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: chromiumArgs(extensionDir),
    viewport,
    colorScheme,
    hasTouch,
    reducedMotion,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return {
    context,
    extensionId: new URL(worker.url()).host,
    close: async () => {
      await context.close();
      if (!profileDir) rmSync(profile, { recursive: true, force: true });
    },
  };
}

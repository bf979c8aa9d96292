// `node scripts/make-icons.mjs`: draws the extension's icon (assets/icon.svg) at every size the
// stores and browsers ask for, into public/icon/<size>.png, where WXT finds them for the manifest.
// Rendered by the same Chromium the tests use; the PNGs are committed, so a build needs no browser.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CHROMIUM_PATH } from '../tests/support/chromium.mjs';

// 16/32: toolbar; 48: extension pages; 96: Firefox's add-ons manager (2×48); 128: Chrome Web Store and install.
const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
try {
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
    await page.close();
    console.log(`public/icon/${size}.png`);
  }
} finally {
  await browser.close();
}

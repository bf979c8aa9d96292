import { defineConfig } from '@playwright/test';
import type { Engine } from './tests/e2e/driver/types';

// End-to-end tests load the built extension into real browsers: Chromium (.output/chrome-mv3,
// `npm run build`) through Playwright, and Firefox ESR (.output/firefox-mv2, `npm run
// build:firefox`) through puppeteer-core over WebDriver BiDi. The same specs run in both
// projects; tests/e2e/driver/ holds what differs. `npm test` runs the two projects one after the
// other (scripts/test-all.mjs): on two cores, two browsers at once would fight for them.
export default defineConfig<object, { engine: Engine }>({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON ?? '.output/test-results/playwright.json' }]],
  outputDir: '.output/test-results/playwright',
  projects: [
    // Tests tagged @firefox-only prove the Firefox driver itself (its error log).
    { name: 'chromium', use: { engine: 'chromium' }, grepInvert: /@firefox-only/ },
    // Tests tagged @chromium-only use Chromium's own tools (CDP, the service worker): README, "Testing".
    { name: 'firefox', use: { engine: 'firefox' }, grepInvert: /@chromium-only/ },
  ],
});

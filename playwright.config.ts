import { defineConfig } from '@playwright/test';

// End-to-end tests load the built extension (.output/chrome-mv3, made by `npm run build`) into
// real Chromium. See tests/e2e/fixtures.ts for the launch.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: '.output/test-results/playwright.json' }]],
  outputDir: '.output/test-results/playwright',
  use: { viewport: { width: 1280, height: 800 } },
});

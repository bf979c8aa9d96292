import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { topicsFileParts } from './wxt.config';

export default defineConfig({
  // WXT's test plugin does not add the build's own Vite plugins: the `?ids` / `?probe` imports need theirs.
  plugins: [WxtVitest(), topicsFileParts()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
  },
});

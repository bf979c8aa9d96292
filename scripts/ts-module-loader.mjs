// Loads the project's TypeScript modules in Node through Vite's SSR module loader (the same
// transform the build uses), for the scripts that run outside the test runners (eval, bench).
import { createServer } from 'vite';

/**
 * Starts a loader rooted at `root`; `load('/core/matcher.ts')` returns the module. Close it when done.
 * @param {string} root the repository root
 */
export async function createTsModuleLoader(root) {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  return {
    /** @param {string} path a path from the root, like /core/matcher.ts */
    load: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}

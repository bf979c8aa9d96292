import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * The page reader, as an ES module (`/reader.js`) that the content script imports where the
 * extension is on (extension/page-reader.ts). Built by wxt.config.ts as a module of its exports; the
 * default export is there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});
export { readPage } from '../extension/page-reader';

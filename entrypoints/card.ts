import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * The card, as an ES module (`/card.js`) that the page reader imports on first need
 * (lib/module-loader.ts). wxt.config.ts builds this entrypoint as a module of its exports; the
 * default export is there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});
export { createCardUi } from '../lib/card-ui';

import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

/**
 * The card and the reading of a mention's context, as an ES module (`/card.js`) that the page reader imports on first need
 * (extension/module-loader.ts). wxt.config.ts builds this entrypoint as a module of its exports; the
 * default export is there only for WXT to find the entrypoint, and never runs.
 */
export default defineUnlistedScript(() => {});
export { createCardUi } from '../page/card-ui';
// What a card's answer is chosen from, read from the page when the pointer first rests on a mention:
// needed only then, so it is loaded with the card rather than on every page the reader reads.
export { mentionContext } from '../page/mention-context';

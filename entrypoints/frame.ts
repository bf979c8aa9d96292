import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isHtmlDocument } from '../extension/content-start';
import { probeForMentions } from '../page/mention-probe';
import { loadModule } from '../extension/module-loader';
import { createMentionProbe } from '../core/term-anchors';
import { topicProbeSource } from '../core/topic-probe';

/**
 * What runs in every frame of every page (`frame.js`, a content script of its own, listed in the
 * manifest by wxt.config.ts): the probe alone (page/mention-probe.ts), with no call to the
 * browser's API and none of the content script's set-up. Most frames (ad slots, widgets, tracking
 * pixels) never hold a mention, and pay only this. When the probe finds something, now or as text
 * arrives, the frame imports what the top document runs at once (entrypoints/frame-start.ts):
 * the settings check, then the page reader where the extension is on.
 */
export default defineUnlistedScript(() => {
  // The top document has the full content script (entrypoints/content/index.ts).
  if (window === window.top || !isHtmlDocument()) return;
  probeForMentions(document, createMentionProbe(topicProbeSource), () => {
    loadModule('/frame-start.js').then(
      (module) => module.startInFrame(),
      () => {}, // the extension was reloaded or updated
    );
  });
});

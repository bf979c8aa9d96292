import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isHtmlDocument } from '../extension/content-start';
import { probeForMentions, type MentionProbe } from '../page/mention-probe';
import { loadModule } from '../extension/module-loader';
import { loadPackProbe } from '../extension/pack-page';
import { createMentionProbe } from '../core/term-anchors';
import { topicProbeSource } from '../core/topic-probe';

/**
 * Text of a sentence or more (twelve words): what makes a frame worth a look for the topic packs'
 * terms. An empty slot, a pixel, an ad's few words or a button's label pay nothing for them.
 */
const SENTENCE = /(?:\p{L}+[^\p{L}]+){11}\p{L}/u;

/**
 * What runs in every frame of every page (`frame.js`, a content script of its own, listed in the
 * manifest by wxt.config.ts): the probe alone (page/mention-probe.ts), with no call to the
 * browser's API and none of the content script's set-up. Most frames (ad slots, widgets, tracking
 * pixels) never hold a mention, and pay only this. When the probe finds something, now or as text
 * arrives, the frame imports what the top document runs at once (entrypoints/frame-start.ts):
 * the settings check, then the page reader where the extension is on.
 *
 * The probe knows the build's terms. The reader's topic packs may add others: a frame with a
 * sentence of text but none of the build's terms reads the packs' probe once (one storage read,
 * about 0.6 ms of the frame's script, and nothing more where no pack adds terms) and looks for
 * their terms the same way.
 */
export default defineUnlistedScript(() => {
  // The top document has the full content script (entrypoints/content/index.ts).
  if (window === window.top || !isHtmlDocument()) return;
  const probes: MentionProbe[] = [];
  let started = false;
  const start = () => {
    started = true;
    for (const probe of probes) probe.stop();
    loadModule('/frame-start.js').then(
      (module) => module.startInFrame(),
      () => {}, // the extension was reloaded or updated
    );
  };
  const bundled = createMentionProbe(topicProbeSource);
  let packsAsked = false;
  const lookForPackTerms = () => {
    packsAsked = true;
    void loadPackProbe().then((source) => {
      if (source && !started) probes.push(probeForMentions(document, createMentionProbe(source), start));
    });
  };
  probes.push(
    probeForMentions(
      document,
      (text) => {
        if (bundled(text)) return true;
        if (!packsAsked && SENTENCE.test(text)) lookForPackTerms();
        return false;
      },
      start,
    ),
  );
});

import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isHtmlDocument, startContent } from '../extension/content-start';
import { RuntimeContext } from '../extension/runtime-context';
import { probeForMentions, type MentionProbe } from '../page/mention-probe';
import { loadPackProbe } from '../extension/pack-page';
import { contentStorage } from '../extension/content-storage';
import { createMentionProbe } from '../core/term-anchors';
import { topicProbeSource } from '../core/topic-probe';

/**
 * Text of a sentence or more (twelve words): what makes a frame worth a look for the topic packs'
 * terms. An empty slot, a pixel, an ad's few words or a button's label pay nothing for them.
 */
const SENTENCE = /(?:\p{L}+[^\p{L}]+){11}\p{L}/u;

/**
 * The extension's one content script (`document.js`, listed in the manifest by wxt.config.ts), in
 * every document of every page: the top document's and each frame's.
 *
 * In the top document it starts at once (extension/content-start.ts: the settings check, the
 * probe, the page reader where something may be a mention), with a context of its own
 * (extension/runtime-context.ts). One script rather than one for the top document and one for
 * frames: the top document evaluated the frames' script too, only for it to return, while a frame
 * compiles the larger script from V8's per-process cache (docs/performance.md: a page without a
 * mention, 16 interleaved loads, 5.04 -> 4.70 ms of CPU time; 10 empty frames cost no more).
 *
 * In a frame, the probe alone (page/mention-probe.ts), with no call to the browser's API and none of
 * the content script's set-up. Most frames (ad slots, widgets, tracking pixels) never hold a
 * mention, and pay only this. When the probe finds something, now or as text arrives, the frame
 * starts as the top document does (the start is in this script already: no module to import).
 *
 * The probe knows the build's terms. The reader's topic packs may add others: a frame with a
 * sentence of text but none of the build's terms reads the packs' probe once (one storage read,
 * about 0.6 ms of the frame's script, and nothing more where no pack adds terms) and looks for
 * their terms the same way.
 */
export default defineUnlistedScript(() => {
  if (window === window.top) return void startContent(new RuntimeContext(), { probed: false });
  if (isHtmlDocument()) probeFrame();
});

/** A frame's probe, until it finds something that may be a mention. */
function probeFrame() {
  const probes: MentionProbe[] = [];
  let started = false;
  const start = () => {
    if (started) return; // (the build's terms and the packs' have probes of their own)
    started = true;
    for (const probe of probes) probe.stop();
    void startContent(new RuntimeContext(), { probed: true });
  };
  const bundled = createMentionProbe(topicProbeSource);
  let packsAsked = false;
  const lookForPackTerms = () => {
    packsAsked = true;
    void loadPackProbe(contentStorage).then((source) => {
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
}

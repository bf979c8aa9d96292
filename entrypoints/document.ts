import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { isHtmlDocument } from '../extension/content-start';
import { probeForMentions, type MentionProbe } from '../page/mention-probe';
import { loadModule } from '../extension/module-loader';
import { loadPackProbe } from '../extension/pack-page';
import { createEscapeKeyListener } from '../extension/escape-key';
import { createMentionProbe } from '../core/term-anchors';
import { topicProbeSource } from '../core/topic-probe';

/**
 * Text of a sentence or more (twelve words): what makes a frame worth a look for the topic packs'
 * terms. An empty slot, a pixel, an ad's few words or a button's label pay nothing for them.
 */
const SENTENCE = /(?:\p{L}+[^\p{L}]+){11}\p{L}/u;

/**
 * The content script of every document of every page (`document.js`, listed in the manifest by
 * wxt.config.ts; the extension's only one). It stays small, because the browser compiles a
 * content script on the page's main thread, on every page.
 *
 * In the top document it listens for Escape at once (extension/escape-key.ts), then imports the
 * start (entrypoints/start.ts, `start.js`): the settings check, the probe, then the page reader
 * where the extension is on.
 *
 * In a frame it runs the probe alone (page/mention-probe.ts), with no call to the browser's API
 * and none of the start's set-up. Most frames (ad slots, widgets, tracking pixels) never hold a
 * mention, and pay only this. When the probe finds something, now or as text arrives, the frame
 * imports the same start.
 *
 * The probe knows the build's terms. The reader's topic packs may add others: a frame with a
 * sentence of text but none of the build's terms reads the packs' probe once (one storage read,
 * about 0.6 ms of the frame's script, and nothing more where no pack adds terms) and looks for
 * their terms the same way.
 */
export default defineUnlistedScript(() => {
  if (window === window.top) {
    const escapeKey = createEscapeKeyListener();
    if (isHtmlDocument()) escapeKey.listen();
    loadModule('/start.js').then(
      (module) => module.startInTop(escapeKey),
      () => escapeKey.stop(), // the extension was reloaded or updated
    );
    return;
  }
  if (!isHtmlDocument()) return;
  const probes: MentionProbe[] = [];
  let started = false;
  const start = () => {
    started = true;
    for (const probe of probes) probe.stop();
    loadModule('/start.js').then(
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

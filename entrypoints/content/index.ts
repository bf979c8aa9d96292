import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createHighlightStyles, type HighlightStyles } from '../../lib/highlight-styles';
import { probeForMentions, type MentionProbe } from '../../lib/mention-probe';
import { loadModule } from '../../lib/module-loader';
import type { PageReader } from '../../lib/page-reader';
import { loadSettings, updateSettings, watchSettings } from '../../lib/settings-store';
import { createMentionProbe } from '../../utils/term-anchors';
import { topicProbeSource } from '../../utils/topic-probe';
import { topicIds } from '../../utils/topic-ids';
import { isMessageUItoCS, type MessageUItoCS, type PageSummary } from '../../utils/messages';
import { setSiteEnabled, type Settings } from '../../utils/settings';
import { isEnabledForHost } from '../../utils/site-rules';

/** The site a frame belongs to: its own host, or its parent's for about:blank and srcdoc frames. */
function frameHost(): string {
  return location.hostname || hostOf(location.ancestorOrigins?.[0]);
}

/** The site of the tab's top page, whose on/off also covers the frames inside it. */
function topHost(): string {
  const origins = location.ancestorOrigins;
  return origins && origins.length > 0 ? hostOf(origins[origins.length - 1]) : frameHost();
}

function hostOf(origin: string | undefined): string {
  try {
    return origin ? new URL(origin).hostname : '';
  } catch {
    return '';
  }
}

/**
 * What runs on every page and in every frame: the settings check, and where the extension is on,
 * the probe (lib/mention-probe.ts): does the text hold a word that every term contains? Only then
 * does it import the page reader (lib/page-reader.ts, `reader.js`), which does everything else.
 * Most pages, and nearly every ad or widget frame, never get that far. Where the extension is off,
 * or in a document that is not HTML, nothing more is built (no style sheet, probe, matcher,
 * observer or listener) until the reader turns it on.
 */
export default defineContentScript({
  matches: ['<all_urls>'],
  // Early so that, where the extension is on, the highlight style sheet is added before the page
  // is styled: added later, it makes the browser restyle every element (~0.4 s on a 50,000-element
  // page). The reading waits for the page's first idle moment.
  runAt: 'document_start',
  cssInjectionMode: 'manual',
  // Frames of every kind get their own copy, and their cards open inside them.
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // WXT would also announce each start with window.postMessage: every page's own "message"
  // listeners would receive it (and could tell the extension is there), and on a slow machine the
  // call cost 7-9 ms of the script's start. Its document event alone does the job.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    const host = frameHost();
    // A top-level about:blank tab has no site to apply the reader's site rules to, nor one for the
    // popup to name. (Firefox runs matchAboutBlank scripts there too, Chromium does not; pages a
    // script opens and fills in via window.open are left alone in both.)
    if (!host && location.protocol === 'about:') return;
    // HTML, XHTML and plain text (shown as HTML) only: an SVG image, a feed or another XML document
    // has no prose to explain, and no popover API. (The type is known this early, the root element
    // may not be. Chromium shows an XML file as a tree of HTML elements: its type still says XML.)
    const isHtml = /^(text\/html|text\/plain|application\/xhtml\+xml)$/.test(document.contentType);
    const mayHoldMention = createMentionProbe(topicProbeSource);
    // In a frame the probe comes first, before any call to the browser's API: most frames (ads,
    // widgets, pixels) never hold a mention, and pay only this. (The popup and the keyboard
    // commands talk to the top document alone.)
    const inFrame = window !== window.top;
    if (inFrame) {
      if (!isHtml) return;
      await new Promise<void>((resolve) => ctx.onInvalidated(probeForMentions(document, mayHoldMention, resolve).stop));
    }
    const hostsToCheck = [...new Set([host, topHost()])];
    let settings: Settings = (await loadSettings(topicIds)).settings;
    const isOn = () => settings.enabled && hostsToCheck.every((h) => isEnabledForHost(h, settings.siteMode, settings.sites));
    const shouldRead = () => isHtml && isOn();

    let styles: HighlightStyles | undefined;
    let probe: MentionProbe | undefined;
    let reader: Promise<PageReader | undefined> | undefined;
    const startReading = () => {
      reader ??= loadModule('/reader.js').then(
        (module) =>
          module.readPage(ctx, {
            host,
            settings: () => settings,
            isOn,
            turnOffSite: () => void updateSettings(topicIds, (current) => setSiteEnabled(current, host, false)),
            styles,
          }),
        () => undefined, // the extension was reloaded or updated
      );
    };
    /** Once the reader has started, it follows the settings; until then, the probe is on where the extension is. */
    const followSettings = () => {
      if (reader) return void reader.then((started) => started?.render());
      if (shouldRead()) {
        // The highlights' style sheet goes in now, before the page is styled (lib/highlight-styles.ts).
        styles ??= createHighlightStyles(topicIds);
        if (inFrame) startReading(); // (its probe found something)
        else probe ??= probeForMentions(document, mayHoldMention, startReading);
      } else {
        probe?.stop();
        probe = undefined;
        styles?.remove();
        styles = undefined;
      }
    };
    followSettings();
    ctx.onInvalidated(
      watchSettings(topicIds, (next) => {
        settings = next;
        followSettings();
      }),
    );
    ctx.onInvalidated(() => {
      probe?.stop();
      if (!reader) styles?.remove(); // (the reader takes its own away)
    });

    // What a page the extension is not reading answers: its site, and nothing found.
    const notReading = (message: MessageUItoCS): PageSummary | boolean =>
      message.type === 'getPageSummary' ? { host, counts: Object.fromEntries(topicIds.map((id) => [id, 0])) } : false;
    // Answered with sendResponse (and `true` to keep it open), which both browsers' own APIs
    // support: this script talks to the browser without the polyfill (see wxt.config.ts).
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
      if (!isMessageUItoCS(message)) return undefined;
      void (reader ?? Promise.resolve(undefined)).then((started) => (started ? started.answer(message) : notReading(message))).then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      try {
        browser.runtime.onMessage.removeListener(onMessage);
      } catch {
        // The extension was reloaded or updated: its runtime, and the listener with it, are gone.
      }
    });
  },
});

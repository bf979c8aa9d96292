import { browser } from 'wxt/browser';
import type { PageContext } from '../page/page-context';
import { createHighlightStyles, type HighlightStyles } from '../page/highlight-styles';
import { probeForMentions, type MentionProbe } from '../page/mention-probe';
import { loadModule } from './module-loader';
import { yieldToPage } from '../page/yield-to-page';
import { loadPackPage, watchPackPage } from './pack-page';
import type { PackPageData } from '../core/pack-merge';
import type { PageReader } from './page-reader';
import { loadSettings, updateSettings, watchSettings } from './settings-store';
import { contentStorage } from './content-storage';
import { createMentionProbe } from '../core/term-anchors';
import { topicProbeSource } from '../core/topic-probe';
import { topicIds } from '../core/topic-ids';
import { isMessageUItoCS, type MessageCStoBG, type PageSummary } from '../core/messages';
import { setSiteEnabled, type Settings } from '../core/settings';
import { isEnabledForHost } from '../core/site-rules';
import { escapeOutcome } from '../core/escape-key';

/** The types of document with prose to read (a list, not a regular expression: cheaper cold). */
const PROSE_TYPES = ['text/html', 'text/plain', 'application/xhtml+xml'];

/**
 * Whether the document has prose to read: HTML, XHTML and plain text (shown as HTML) only. An SVG
 * image, a feed or another XML document has no prose to explain, and no popover API. (The type is
 * known at document_start, the root element may not be. Chromium shows an XML file as a tree of
 * HTML elements: its type still says XML.)
 */
export const isHtmlDocument = () => PROSE_TYPES.includes(document.contentType);

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

/** Whether text may hold a term: of the bundled topics (the build's probe), or of the packs that are on. */
function mayHoldMention(packPage: PackPageData | undefined): (text: string) => boolean {
  const bundled = createMentionProbe(topicProbeSource);
  if (!packPage) return bundled;
  const packs = createMentionProbe(packPage.probe);
  return (text) => bundled(text) || packs(text);
}

/**
 * What the content script (entrypoints/document.ts) does in a document, once it knows it is worth
 * it: in the top document at once, in a frame once the frame's probe has found something
 * (`probed`). Reads the settings; where the extension is on, adopts the highlights' style sheet
 * and (in the top document, after its own probe, page/mention-probe.ts) imports the page reader
 * (extension/page-reader.ts, `reader.js`), which does everything else. Where it is off, or in a document that is not HTML, nothing more is built
 * (no style sheet, probe, matcher, observer or listener) until the reader turns it on. Answers
 * the popup's messages either way.
 */
export async function startContent(ctx: PageContext, { probed }: { probed: boolean }): Promise<void> {
  const host = frameHost();
  // A top-level about:blank tab has no site to apply the reader's site rules to, nor one for the
  // popup to name. (Firefox runs matchAboutBlank scripts there too, Chromium does not; pages a
  // script opens and fills in via window.open are left alone in both.)
  if (!host && location.protocol === 'about:') return;
  const isHtml = isHtmlDocument();
  // Escape closes the card open in any frame of the tab, wherever focus is (WCAG 1.4.13), and the
  // page never sees an Escape that closed a card: listened to on the window, in the capture phase,
  // from before the settings arrive (in Firefox they can arrive after the page's first scripts
  // have run), so that no listener of the page's own comes first. Taken away at once where the
  // extension is off.
  let startedReader: PageReader | undefined;
  let cardOpenInTab = false; // in another frame (the background says so)
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.isComposing) return;
    const { tellOtherFrames, keepFromPage } = escapeOutcome(startedReader?.closeCard() ?? false, cardOpenInTab, startedReader !== undefined);
    if (tellOtherFrames) void browser.runtime.sendMessage({ type: 'escapePressed' } satisfies MessageCStoBG).catch(() => {});
    if (keepFromPage) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  const escapeListener = {
    listening: false,
    listen() {
      if (this.listening || !isHtml) return;
      this.listening = true;
      window.addEventListener('keydown', onKeydown, true);
    },
    stop() {
      this.listening = false;
      window.removeEventListener('keydown', onKeydown, true);
    },
  };
  escapeListener.listen();
  ctx.onInvalidated(() => escapeListener.stop());
  const hostsToCheck = [...new Set([host, topHost()])];
  // The settings are asked for in a task of their own. The first call to the extension's API in
  // this world costs about 1 ms, and with the script's evaluation it made the start's longest slice
  // (3.4-5.6 ms on the bench's 8 KB article; split, 1.7-3.7 ms then 0.8-2.8 ms). The answer comes
  // in a later task either way.
  await yieldToPage();
  // The reader's topic packs add topics and terms (extension/pack-page.ts): read beside the settings
  // (through the background in Firefox: extension/content-storage.ts).
  const [loaded, packPageAtStart] = await Promise.all([loadSettings(topicIds, contentStorage), loadPackPage(contentStorage)]);
  let settings: Settings = loaded.settings;
  let packPage = packPageAtStart;
  const pageTopicIds = () => (packPage ? [...topicIds, ...packPage.topics.map((topic) => topic.id)] : topicIds);
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
          turnOffSite: () => void updateSettings(topicIds, (current) => setSiteEnabled(current, host, false), contentStorage),
          styles,
          packPage,
        }),
      () => undefined, // the extension was reloaded or updated
    );
    void reader.then((started) => (startedReader = started));
  };

  // The reader is imported in a task of its own. The call costs the main thread 0.7-1.4 ms, and
  // with the probe's first look (or, in a frame, the settings' arrival) it made one of the start's
  // longest slices (8 KB article, 30 loads: longest slice quartiles 2.73-3.91 ms before, 2.65-3.24
  // ms after). A timer's task, not a yield: the probe runs in an idle callback, and a yield there
  // would continue at background priority. (The settings may have turned the extension off in
  // between.)
  const startReadingSoon = () =>
    setTimeout(() => {
      if (shouldRead()) startReading();
    }, 0);

  /** Once the reader has started, it follows the settings; until then, the probe is on where the extension is. */
  const followSettings = () => {
    if (reader) return void reader.then((started) => started?.render());
    if (shouldRead()) {
      escapeListener.listen();
      // The highlights' style sheet goes in now, before the page is styled (page/highlight-styles.ts).
      styles ??= createHighlightStyles(pageTopicIds());
      if (probed) startReadingSoon(); // (the frame's probe found something)
      else probe ??= probeForMentions(document, mayHoldMention(packPage), startReadingSoon);
    } else {
      probe?.stop();
      probe = undefined;
      styles?.remove();
      styles = undefined;
      escapeListener.stop();
    }
  };
  followSettings();
  ctx.onInvalidated(
    watchSettings(
      topicIds,
      (next) => {
        settings = next;
        followSettings();
      },
      contentStorage,
    ),
  );
  // A pack added, changed or removed in the options applies to open pages at once: the reader, if
  // started, reads the page afresh with it; if not, the probe looks for its terms too.
  ctx.onInvalidated(
    watchPackPage((next) => {
      packPage = next;
      if (reader) return void reader.then((started) => started?.usePacks(next));
      probe?.stop();
      probe = undefined;
      styles?.remove();
      styles = undefined;
      followSettings();
    }, contentStorage),
  );
  ctx.onInvalidated(() => {
    probe?.stop();
    if (!reader) styles?.remove(); // (the reader takes its own away)
  });

  // What a page the extension is not reading answers: its site, and nothing found.
  const notReading = (message: Parameters<PageReader['answer']>[0]): PageSummary | boolean =>
    message.type === 'getPageSummary' ? { host, counts: Object.fromEntries(topicIds.map((id) => [id, 0])) } : false;
  // Answered with sendResponse (and `true` to keep it open), which both browsers' own APIs
  // support: this script talks to the browser without the polyfill (see wxt.config.ts).
  const onMessage = (message: unknown, _sender: unknown, sendResponse: (response: unknown) => void) => {
    if (!isMessageUItoCS(message)) return undefined;
    if (message.type === 'cardOpenInTab') {
      cardOpenInTab = message.open;
      return undefined;
    }
    if (message.type === 'closeCard') {
      startedReader?.closeCard();
      return undefined;
    }
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
}

import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessageCStoBG } from '../utils/messages';

export default defineBackground(() => {
  browser.action.setBadgeBackgroundColor({ color: '#3e63dd' });

  // Mentions per tab, per frame (each frame runs its own content script); the badge shows the sum.
  const countsByTab = new Map<number, { topDocument?: string; frames: Map<number, number> }>();
  browser.tabs.onRemoved.addListener((tabId) => countsByTab.delete(tabId));

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessageCStoBG(message)) return undefined;
    const tabId = sender.tab?.id;
    if (message.type === 'mentionCount') {
      if (tabId === undefined) return undefined;
      const frameId = sender.frameId ?? 0;
      const documentId = (sender as { documentId?: string }).documentId;
      let tab = countsByTab.get(tabId);
      // A new top document (navigation) starts the count afresh; its frames report again.
      if (!tab || (frameId === 0 && documentId !== tab.topDocument)) {
        tab = { topDocument: frameId === 0 ? documentId : tab?.topDocument, frames: new Map() };
        countsByTab.set(tabId, tab);
      }
      tab.frames.set(frameId, message.count);
      const total = [...tab.frames.values()].reduce((sum, count) => sum + count, 0);
      void browser.action.setBadgeText({ tabId, text: total > 0 ? String(total) : '' });
      return undefined;
    }
    void browser.tabs.create({ url: browser.runtime.getURL(`/faq.html#${message.faqId}`), index: (sender.tab?.index ?? -1) + 1 });
    return undefined;
  });
});

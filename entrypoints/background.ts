import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessageCStoBG } from '../utils/messages';

export default defineBackground(() => {
  browser.action.setBadgeBackgroundColor({ color: '#3e63dd' });

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessageCStoBG(message)) return undefined;
    if (message.type === 'mentionCount') {
      const tabId = sender.tab?.id;
      // Only the top frame reports; a count of 0 (or off) leaves the badge empty.
      if (tabId !== undefined && sender.frameId === 0) {
        void browser.action.setBadgeText({ tabId, text: message.count > 0 ? String(message.count) : '' });
      }
      return undefined;
    }
    void browser.tabs.create({ url: browser.runtime.getURL(`/faq.html#${message.faqId}`), index: (sender.tab?.index ?? -1) + 1 });
    return undefined;
  });
});

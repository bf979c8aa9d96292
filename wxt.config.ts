import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { validateFactData } from './utils/data-schema';

const readData = (file: string) => readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8');

// https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader sees where each name comes from.
  imports: false,
  manifest: {
    name: 'Fact Context',
    description: 'Highlights mentions of Huawei, 5G standards and the US trade blacklist on any page and explains them from a bundled FAQ.',
    // storage: the reader's settings (storage.sync, or storage.local where sync is unavailable).
    permissions: ['storage'],
    action: { default_title: 'Fact Context' },
    // Mentions drawn with the Custom Highlight API are invisible to assistive technology: these
    // commands reach them from the keyboard (changeable at chrome://extensions/shortcuts).
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+J' }, description: 'Go to the next highlighted mention and explain it' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+K' }, description: 'Go to the previous highlighted mention' },
    },
  },
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // Malformed data fails the build, with a message that names the entry.
    'build:before': () => {
      validateFactData({
        faqMarkdown: readData('faq.md'),
        topicsJson: JSON.parse(readData('topics.json')),
        answerKeywordsJson: JSON.parse(readData('answer-keywords.json')),
      });
    },
  },
});

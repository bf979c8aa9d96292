// Saves screenshots of the extension at work under docs/ (used by the README).
// Usage: npm run build && node scripts/screenshots.mjs
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchWithExtension } from '../tests/support/chromium.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';

const outDir = resolve('docs');
mkdirSync(outDir, { recursive: true });
const server = await startStaticServer(resolve('tests/fixtures'));

for (const colorScheme of /** @type {const} */ (['light', 'dark'])) {
  const browser = await launchWithExtension({ colorScheme, viewport: { width: 1100, height: 760 } });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${server.origin}/seed-article.html`);
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('fact-context-')));
  // Rest the pointer on the mention of Canada and the UK excluding Huawei.
  const point = await page.evaluate(() => {
    const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent?.includes('including Canada and the UK'));
    if (!paragraph) throw new Error('paragraph not found');
    paragraph.scrollIntoView({ block: 'center' });
    const text = /** @type {Text} */ ([...paragraph.childNodes].find((n) => n.nodeType === Node.TEXT_NODE));
    const index = text.data.indexOf('Huawei’s involvement');
    const range = new Range();
    range.setStart(text, index);
    range.setEnd(text, index + 6);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(300); // let the appear animation finish
  const file = `${outDir}/popover-seed-article-${colorScheme}.png`;
  await page.screenshot({ path: file });
  console.log(`saved ${file}`);

  // The popup, acting on this tab, and the options page.
  const worker = browser.context.serviceWorkers()[0];
  const tabId = await worker.evaluate(async () => {
    const { tabs } = /** @type {typeof import('wxt/browser').browser} */ (/** @type {any} */ (globalThis).chrome);
    return (await tabs.query({ active: true, lastFocusedWindow: true }))[0].id;
  });
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
  await popup.getByRole('switch').waitFor();
  await popup.getByRole('searchbox').fill('blaklist');
  await popup.waitForTimeout(200);
  await popup.screenshot({ path: `${outDir}/popup-${colorScheme}.png`, fullPage: true });
  console.log(`saved ${outDir}/popup-${colorScheme}.png`);

  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 760, height: 900 });
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.getByLabel(/Add a site/).fill('example.com');
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await options.getByLabel(/Add a site/).fill('http//oops');
  await options.getByRole('button', { name: 'Add', exact: true }).click();
  await options.screenshot({ path: `${outDir}/options-${colorScheme}.png`, fullPage: true });
  console.log(`saved ${outDir}/options-${colorScheme}.png`);
  await browser.close();
}

// A page that restyles everything (`* { all: unset !important }`, zoom, a z-index 2147483647 banner):
// the card keeps its size, style and place.
{
  const browser = await launchWithExtension({ viewport: { width: 1000, height: 560 } });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${server.origin}/hostile-css.html`);
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('fact-context-')));
  const point = await page.evaluate(() => {
    const text = /** @type {Text} */ (document.querySelector('#first')?.firstChild);
    const range = new Range();
    range.setStart(text, text.data.indexOf('Huawei'));
    range.setEnd(text, text.data.indexOf('Huawei') + 6);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${outDir}/popover-hostile-css.png` });
  console.log(`saved ${outDir}/popover-hostile-css.png`);
  await browser.close();
}
await server.close();

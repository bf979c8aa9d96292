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
  await browser.close();
}
await server.close();

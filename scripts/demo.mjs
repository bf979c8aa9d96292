// `npm run demo`: opens Chromium with the freshly built extension on the bundled sample article.
// Without a display (a server, CI), it runs headless instead and saves a screenshot of the card.
import { resolve } from 'node:path';
import { launchWithExtension } from '../tests/support/chromium.mjs';
import { startStaticServer } from '../tests/support/static-server.mjs';

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.env.DEMO_HEADLESS === '1' || !hasDisplay;
const server = await startStaticServer(resolve('tests/fixtures'), Number(process.env.DEMO_PORT ?? 0));
const browser = await launchWithExtension({ headless, viewport: headless ? { width: 1100, height: 760 } : null });
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
const url = `${server.origin}/seed-article.html`;
await page.goto(url);

if (!headless) {
  console.log(`Chromium is open on ${url} with Fact Context loaded.`);
  console.log('Rest the pointer on a highlighted word. Other pages to try: traps.html, contexts.html.');
  console.log('Close the browser window (or press Ctrl+C) to end the demo.');
  await new Promise((done) => {
    browser.context.on('close', done);
    process.on('SIGINT', () => void browser.close().then(done));
  });
} else {
  console.log('No display here: running the demo headless.');
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((name) => name.startsWith('fact-context-')));
  const mentions = await page.evaluate(() => [...CSS.highlights].filter(([name]) => name.startsWith('fact-context-')).map(([name, h]) => `${name.replace('fact-context-', '').replace(/--[0-9a-z]+$/, '')}: ${h.size}`));
  console.log(`Highlighted on ${url}: ${mentions.join(', ')}`);
  const box = await page.evaluate(() => {
    // Our names end with a random part per page (page/highlighter.ts).
    const highlight = [...CSS.highlights].find(([name]) => name.startsWith('fact-context-huawei--'))?.[1];
    if (!highlight) throw new Error('no Huawei highlight');
    const range = /** @type {Range} */ ([...highlight][0]);
    const rect = range.getClientRects()[0];
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  });
  await page.mouse.move(box.x, box.y, { steps: 4 });
  const card = page.getByRole('dialog');
  await card.waitFor();
  console.log(`The card for the first "Huawei" says:\n  ${(await card.locator('h2').innerText())}\n  ${await card.locator('.answer').innerText()}`);
  const file = resolve('.output/demo.png');
  await page.screenshot({ path: file });
  console.log(`Screenshot: ${file}`);
}
await browser.close().catch(() => {});
await server.close();

// Writes docs/demo.png, the README's picture of the demo page: the book's
// figure 6-8 as the page draws it in Chromium on opening (the book's settings).
// Run by `npm run docs:screenshot` (which builds first: the page imports dist/).
// The tests never write it, so `npm test` leaves the committed file alone.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { openDemoPage } from './demoPage.mjs';
import { startServer } from './staticServer.mjs';

const out = fileURLToPath(new URL('../docs/demo.png', import.meta.url));

const server = await startServer();
const browser = await launchChromium();
try {
  const { page, errors } = await openDemoPage(browser, server.url);
  if (errors.length) throw new Error(`the demo page reported errors, so no screenshot was taken: ${errors.join('; ')}`);
  await mkdir(fileURLToPath(new URL('../docs', import.meta.url)), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}

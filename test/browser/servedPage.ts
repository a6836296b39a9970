// Serving a folder to Chromium and reading back what a page publishes: the
// steps every test here that runs the package in a real browser shares.
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/staticServer.mjs';

type ServerOptions = { root?: string; isolated?: boolean; headers?: (url: URL) => Record<string, string> };

/**
 * Serves `options.root` (default: the repository; cross-origin isolated unless
 * `isolated` is false), launches Chromium (with `chromiumArgs` besides the
 * usual ones), runs `use`, then closes both.
 */
export async function withServedChromium<T>(
  options: ServerOptions & { chromiumArgs?: string[] },
  use: (browser: Browser, url: string) => Promise<T>,
): Promise<T> {
  const server = await startServer(options);
  try {
    const browser = await launchChromium(undefined, options.chromiumArgs);
    try {
      return await use(browser, server.url);
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

/**
 * Opens `url` in a new page, waits until the page has set `window[name]`, and
 * returns that value; `watch` may attach listeners before the page loads.
 */
export async function publishedBy<T>(browser: Browser, url: string, name: string, watch?: (page: Page) => void): Promise<T> {
  const page = await browser.newPage();
  try {
    watch?.(page);
    await page.goto(url);
    await page.waitForFunction((n) => n in window, name, { timeout: 20_000 });
    return await page.evaluate((n) => (window as unknown as Record<string, T>)[n], name);
  } finally {
    await page.close();
  }
}

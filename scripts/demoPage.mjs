// Opens the demo page (demo/web/) the way both its test and the README's
// screenshot see it: one viewport size, page errors collected, and resolved
// only once the page has drawn every trajectory.

/** The viewport docs/demo.png is taken at. */
export const DEMO_VIEWPORT = { width: 1100, height: 900 };

/**
 * `browser`: a playwright-core Browser; `serverUrl`: scripts/staticServer.mjs
 * serving the repository (the page imports /dist/esm/index.js); `search`: e.g.
 * '?rounds=2' for a short benchmark. → { page, errors, responses }, `errors`
 * filling as the page reports them or a request fails (a resource that COEP
 * blocks, say), `responses` with every response the page gets.
 */
export async function openDemoPage(browser, serverUrl, search = '') {
  const page = await browser.newPage({ viewport: DEMO_VIEWPORT });
  const errors = [];
  const responses = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => responses.push(r));
  await page.goto(`${serverUrl}/demo/web/${search}`);
  await page.waitForFunction(() => window.simdOptimDemo?.ready, undefined, { timeout: 20_000 });
  return { page, errors, responses };
}

// `npm run bench:browser`: the suite in headless Chromium. Bundles page.mjs
// with esbuild in memory, serves the repository (COOP/COEP, so the page is
// cross-origin isolated like a production page using threads would be), and
// times each case in a new page of a browser context of its own, as the Node
// run gives each case a process: a case's plain-JS baseline then runs as in a
// page that never ran the other cases (in one page for the whole run, the port's
// time at 1K moved by half from run to run). Plans and writes here:
// bench/results/<date>-<host>-chromium.json and .svg. Takes the same flags as
// `npm run bench`.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/staticServer.mjs';
import { nodeEnvironment } from '../node/environment.mjs';
import { writeResults } from '../node/writeResults.mjs';
import { PROBE_THRESHOLDS } from '../suite/coreProbe.mjs';
import { isolatedRunner } from '../suite/isolatedCases.mjs';
import { parseOptions, runTags } from '../suite/options.mjs';
import { runSuite } from '../suite/suite.mjs';
import { markdownTable } from '../suite/table.mjs';

const log = (line) => process.stderr.write(`${line}\n`);

async function bundle() {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./page.mjs', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

/** Runs `use(page)` in a new page of a new browser context, the bench script loaded; closes the context after. */
async function inNewPage({ browser, server, script }, use) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('console', (m) => {
      const text = m.text();
      if (text.startsWith('[bench] ')) log(text.slice(8));
      else if (m.type() === 'error' || m.type() === 'warning') log(`page ${m.type()}: ${text}`);
    });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.route('**/bench/browser/page.bundle.js', (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: script }),
    );
    await page.goto(`${server.url}/bench/browser/index.html`);
    await page.waitForFunction(() => globalThis.benchReady === true);
    return await use(page);
  } finally {
    await context.close();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv); // fail on bad flags before starting a browser
  options.command = ['npm run bench:browser', ...(argv.length ? ['--', ...argv] : [])].join(' ');
  const script = await bundle();
  const server = await startServer();
  const browser = await launchChromium();
  const where = { browser, server, script };
  try {
    const runtime = await inNewPage(where, (page) => page.evaluate((o) => globalThis.describeRuntime(o), { tfjs: options.tfjs }));
    // The plan reads which classes the build exports from the same dist/ the page bundles.
    const lib = { simd: await import('../../dist/esm/index.js'), tfBackends: runtime.tfBackends, versions: runtime.versions };
    const runner = isolatedRunner({
      description: 'one browser page per case, each in a browser context of its own (several, rounds pooled, for the sizes the Node run pools), its TF.js columns in another beside the paths they are compared with (`tfjsPart`)',
      runsOf: options.processesOf,
      runOne: (spec) => inNewPage(where, (page) => page.evaluate((s) => globalThis.runBenchCase(s), spec)),
    });
    const results = await runSuite({ options, lib, environment: runtime.environment, log, runner });
    if (runtime.environment.crossOriginIsolated) results.coreProbe = PROBE_THRESHOLDS;
    const host = nodeEnvironment();
    results.environment = { ...results.environment, browser: `Chromium ${browser.version()}`, cpuModel: host.cpuModel, host: host.host, platform: host.platform, loadAverageAtStart: host.loadAverageAtStart };
    const written = await writeResults(results, { dir: options.out ?? undefined, tags: ['chromium', ...runTags(options)], title: 'Update speed-up over the plain-JS port, headless Chromium' });
    console.log(`\n${markdownTable(results)}\n`);
    console.log(`${options.command} · Chromium ${browser.version()} · ${host.cpuModel} × ${host.logicalCpus} · ${results.durationSeconds} s`);
    log(`wrote ${relative(process.cwd(), written.json)} and ${relative(process.cwd(), written.svg)}`);
    if (results.problems.length) {
      log(`\n${results.problems.length} problem(s):\n  ${results.problems.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  log(error?.stack ?? String(error));
  process.exitCode = 1;
});

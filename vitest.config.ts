import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS } from './scripts/chromium.mjs';
import { browserTestsPlan } from './scripts/browserTestsPlan.mjs';

// Two projects, both run by `npm test`: every test in Node (test/browser/*.test.ts
// among them: they drive Chromium themselves through playwright-core), and in
// Chromium (nothing downloaded) the tests that must hold in a browser too: the
// NumPy golden parity (the seed's and PyTorch's), the zero-copy/copy
// equivalence, the default's path choice (its table differs there), clipNorm's
// norm on 1 to 4 threads (workers in a browser), and the browser-only checks in
// test/browser/*.browser.ts.
// With no Chromium on the machine the browser tests are skipped with one line
// saying so, except under CI=true, where that is a failure (scripts/browserTestsPlan.mjs).
const DRIVE_CHROMIUM_FROM_NODE = 'test/browser/*.test.ts';
const plan = browserTestsPlan({ nodeTestsThatDriveChromium: DRIVE_CHROMIUM_FROM_NODE });

const extraReporters = [
  // .ci/run sets VITEST_JSON to get a JSON report too, from which it prints one plain "N passed, N failed" line.
  ...(process.env.VITEST_JSON ? ['json' as const] : []),
  // the skip line goes after the summary, where it is seen: the run passed without the browser tests
  ...(plan.skipNotice ? [{ onTestRunEnd: () => console.warn(plan.skipNotice) }] : []),
];

export default defineConfig({
  test: {
    // Set only when needed: a config without reporters keeps vitest's own choice.
    ...(extraReporters.length ? { reporters: ['default', ...extraReporters] } : {}),
    ...(process.env.VITEST_JSON ? { outputFile: { json: process.env.VITEST_JSON } } : {}),
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: plan.chromiumPath ? configDefaults.exclude : [...configDefaults.exclude, DRIVE_CHROMIUM_FROM_NODE],
          environment: 'node',
        },
      },
      ...(plan.chromiumPath
        ? [
            {
              // Cross-origin isolated, so SharedArrayBuffer exists and the golden cases run on threads in Chromium too.
              server: { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } },
              test: {
                name: 'chromium',
                include: ['test/golden.test.ts', 'test/equivalence.test.ts', 'test/pathChoice.test.ts', 'test/clipNormThreads.test.ts', 'test/shapedGolden.test.ts', 'test/shapedOptimizers.test.ts', 'test/browser/**/*.browser.ts'],
                browser: {
                  enabled: true,
                  headless: true,
                  // a failing browser test must not drop screenshots into the shared tree
                  screenshotFailures: false,
                  provider: playwright({ launchOptions: { executablePath: plan.chromiumPath, args: CHROMIUM_ARGS } }),
                  instances: [{ browser: 'chromium' as const }],
                },
              },
            },
          ]
        : []),
    ],
  },
});

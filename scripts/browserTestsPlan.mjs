// What the test run does about Chromium: run the browser tests with the browser
// findBrowser finds, or, when there is none, skip them with one line saying so.
// Under CI (CI=true) a missing browser fails the run instead, so CI can never
// pass without the browser tests.
import { HOW_TO_GET_CHROMIUM, describeTried, findBrowser } from './findBrowser.mjs';

/** True when CI is set to anything but an explicit "no" (CI=true, CI=1, …). */
export function isCI(env = process.env) {
  return Boolean(env.CI) && !/^(0|false|no)$/i.test(env.CI);
}

/**
 * → { chromiumPath, skipNotice }: chromiumPath null means skip the browser
 * tests, and skipNotice is then the one line to print about it. Throws under CI
 * when no browser is found.
 */
export function browserTestsPlan({ nodeTestsThatDriveChromium, env = process.env, find = findBrowser } = {}) {
  const found = find({ env });
  if (found.path) return { chromiumPath: found.path, skipNotice: null };
  if (isCI(env)) {
    throw new Error(`CI=${env.CI} and no Chromium found, so the browser tests cannot run (${describeTried(found.tried)}). Install one (${HOW_TO_GET_CHROMIUM}).`);
  }
  return {
    chromiumPath: null,
    skipNotice: `Skipped the browser tests (the chromium project, and ${nodeTestsThatDriveChromium} in the node project): no Chromium found. To run them: ${HOW_TO_GET_CHROMIUM}.`,
  };
}

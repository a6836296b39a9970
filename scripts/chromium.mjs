// Launches Chromium headless through playwright-core. Nothing is downloaded:
// the browser is the one scripts/findBrowser.mjs finds on this machine, and the
// flags keep it off the network, which is closed on these machines.
import { chromium } from 'playwright-core';
import { requireBrowser } from './findBrowser.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * `executablePath`: a browser already found (the tests get it from the vitest
 * config); else one is looked for. `extraArgs`: flags a test needs besides
 * CHROMIUM_ARGS (e.g. '--enable-unsafe-webgpu').
 */
export async function launchChromium(executablePath = requireBrowser(), extraArgs = []) {
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

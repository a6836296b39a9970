// Chromium allows a page only about 125 live WebAssembly memories; when every
// copy-path optimizer owned one, the 126th failed with V8's bare "could not
// allocate memory". All copy-path optimizers now share one staging memory.
import { describe, expect, it } from 'vitest';
import { runManyCopyPath } from '../support/manyCopyPath.js';

describe('many copy-path optimizers in one Chromium page', () => {
  it('1,000 live optimizers each update with the bits of the JS reference', () => {
    const live = runManyCopyPath(1000, 2);
    expect(live).toHaveLength(1000);
    expect(live.every((o) => o.steps === 2)).toBe(true);
  }, 120_000);
});

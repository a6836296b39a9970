// How a shared update is cut into chunks: about eight per thread, never
// shorter than threadTuning.minChunk nor (while MAX_CHUNKS allows) longer than
// MAX_CHUNK_ELEMENTS, so that the thread that finishes first waits at most one
// short chunk for the others.
import { describe, expect, it } from 'vitest';
import { chunkElements, MAX_CHUNK_ELEMENTS, MAX_CHUNKS } from '../src/threads/chunkPlan.js';
import { threadTuning } from '../src/threads/tuning.js';

describe('chunkElements', () => {
  it('gives each thread about eight chunks of mid-sized updates', () => {
    expect(chunkElements(1 << 17, 2)).toBe((1 << 17) / 16);
    expect(chunkElements(1 << 20, 2)).toBe((1 << 20) / 16);
    expect(chunkElements(1 << 20, 4)).toBe((1 << 20) / 32);
  });

  it('caps a chunk at MAX_CHUNK_ELEMENTS on large updates', () => {
    expect(MAX_CHUNK_ELEMENTS).toBe(65536);
    // Eight per thread would be chunks of 2^19 elements here.
    expect(chunkElements(1 << 23, 2)).toBe(MAX_CHUNK_ELEMENTS);
    expect(chunkElements(3_000_001, 2)).toBe(MAX_CHUNK_ELEMENTS);
  });

  it('keeps the floor of minChunk and the ceiling of MAX_CHUNKS chunks', () => {
    expect(chunkElements(10_000, 2)).toBe(threadTuning.minChunk);
    const huge = MAX_CHUNKS * MAX_CHUNK_ELEMENTS * 4;
    expect(chunkElements(huge, 2)).toBe(huge / MAX_CHUNKS);
  });

  it('rounds to multiples of 16 elements', () => {
    for (const total of [123_457, 999_999, 5_000_003]) expect(chunkElements(total, 3) % 16).toBe(0);
  });
});

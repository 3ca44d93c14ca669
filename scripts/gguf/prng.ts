/**
 * Seeded pseudo-random numbers for the test-model generator. Output must be byte-identical for a
 * seed across runs and machines, so nothing here may touch Math.random or platform state.
 */
export interface Prng {
  /** Uniform unsigned 32-bit integer. */
  nextU32(): number;
  /** Uniform float in [0, 1) with 24 bits of precision. */
  nextFloat(): number;
  /** Fills `out` with uniform unsigned 32-bit integers. */
  fillU32(out: Uint32Array): void;
}

/** mulberry32: tiny, fast and good enough for random weights. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const nextU32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    nextU32,
    nextFloat: () => (nextU32() >>> 8) / 16777216,
    fillU32: (out) => {
      for (let i = 0; i < out.length; i++) out[i] = nextU32();
    },
  };
}

/**
 * Derives an independent seed per tensor from the model seed and the tensor name, so a tensor's
 * bytes do not depend on the order tensors are generated in. FNV-1a over the label.
 */
export function deriveSeed(seed: number, label: string): number {
  let hash = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= seed >>> 16;
  return Math.imul(hash, 0x01000193) >>> 0;
}

/** A random source in [0, 1), like Math.random. Injected so prompts can be reproduced. */
export type RandomSource = () => number;

function hashString(text: string): number {
  // FNV-1a: stable across platforms, unlike anything that depends on the JS engine.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic random source (mulberry32). Seeding it with, say, the conversation id keeps
 * `{{random}}` picks stable between turns, so the prompt prefix (and the KV cache) survives.
 */
export function seededRandom(seed: number | string): RandomSource {
  let state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index in [0, length), safe against a source that returns exactly 1 or garbage. */
export function pickIndex(random: RandomSource, length: number): number {
  const value = random();
  const index = Math.floor((Number.isFinite(value) ? value : 0) * length);
  return Math.min(Math.max(index, 0), length - 1);
}

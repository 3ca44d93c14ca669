import { describe, expect, it } from 'vitest';
import { fitWithin } from './avatarImage';

describe('fitWithin', () => {
  it('scales a large portrait so its height is 512 and keeps the aspect ratio', () => {
    expect(fitWithin(1024, 1536)).toEqual({ width: 341, height: 512, resized: true });
    expect(fitWithin(400, 1200)).toEqual({ width: 171, height: 512, resized: true });
  });

  it('scales a wide image by its width', () => {
    expect(fitWithin(2000, 1000)).toEqual({ width: 512, height: 256, resized: true });
    expect(fitWithin(2048, 1536)).toEqual({ width: 512, height: 384, resized: true });
  });

  it('keeps an image that already fits at its own size, never enlarging it', () => {
    expect(fitWithin(400, 600, 600)).toEqual({ width: 400, height: 600, resized: false });
    expect(fitWithin(64, 64)).toEqual({ width: 64, height: 64, resized: false });
    expect(fitWithin(300, 200)).toEqual({ width: 300, height: 200, resized: false });
    expect(fitWithin(512, 200)).toEqual({ width: 512, height: 200, resized: false });
    expect(fitWithin(512, 512)).toEqual({ width: 512, height: 512, resized: false });
  });

  it('never rounds a thin side down to zero', () => {
    expect(fitWithin(5000, 2)).toEqual({ width: 512, height: 1, resized: true });
    expect(fitWithin(10_000, 3)).toEqual({ width: 512, height: 1, resized: true });
  });

  it('rejects sizes that are not an image', () => {
    expect(() => fitWithin(0, 10)).toThrow(RangeError);
    expect(() => fitWithin(Number.NaN, 10)).toThrow(RangeError);
    expect(() => fitWithin(10, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

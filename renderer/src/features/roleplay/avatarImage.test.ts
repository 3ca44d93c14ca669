import { describe, expect, it } from 'vitest';
import { fitWithin } from './avatarImage';

describe('fitWithin', () => {
  it('scales the longer side down to 512 px, keeping the shape', () => {
    expect(fitWithin(2048, 1536)).toEqual({ width: 512, height: 384 });
    expect(fitWithin(400, 1200)).toEqual({ width: 171, height: 512 });
  });

  it('leaves small images as they are', () => {
    expect(fitWithin(300, 200)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(512, 512)).toEqual({ width: 512, height: 512 });
  });

  it('never collapses a very thin image to nothing', () => {
    expect(fitWithin(10_000, 3)).toEqual({ width: 512, height: 1 });
  });
});

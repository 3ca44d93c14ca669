/** The longest side, in pixels, of an avatar the app stores. */
export const AVATAR_MAX_SIDE = 512;

export interface FittedSize {
  width: number;
  height: number;
  /** False when the image already fits and is kept at its own size. */
  resized: boolean;
}

/**
 * The size an image of `width` × `height` is drawn at so that its longer side is at most
 * `maxSide`, keeping its aspect ratio. A side never rounds down to 0 (a 4000 × 3 strip stays
 * visible) and an image that already fits is never enlarged.
 */
export function fitWithin(width: number, height: number, maxSide = AVATAR_MAX_SIDE): FittedSize {
  if (!(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
    throw new RangeError(`Not an image size: ${width} × ${height}`);
  }
  const longer = Math.max(width, height);
  if (longer <= maxSide) return { width, height, resized: false };
  const scale = maxSide / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    resized: true,
  };
}

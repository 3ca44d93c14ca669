import { toDataUrl } from './files';

/** The longest side, in pixels, of an avatar the app stores. */
export const AVATAR_MAX_SIDE = 512;

/** Image types the backend stores as they are. */
const KEEPABLE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
/** A small image that already fits is kept byte for byte, without re-encoding. */
const KEEP_MAX_BYTES = 512 * 1024;

/** What the avatar pickers accept. */
export const AVATAR_ACCEPT = KEEPABLE_TYPES.join(',');

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

/**
 * The avatar to store for an image file: a `data:` URL whose longer side is at most 512 px, as
 * the wire is JSON and a phone photo would otherwise travel and be stored at full size. Larger
 * images are drawn on a canvas at the fitted size and encoded as PNG; a small image that already
 * fits is kept as it is. Rejects when the browser cannot decode the file as an image.
 */
export async function makeAvatar(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    if (!size.resized && KEEPABLE_TYPES.includes(file.type) && file.size <= KEEP_MAX_BYTES) {
      return toDataUrl(file.type, new Uint8Array(await file.arrayBuffer()));
    }
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This window cannot draw images (no 2D canvas).');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    return canvas.toDataURL('image/png');
  } finally {
    bitmap.close();
  }
}

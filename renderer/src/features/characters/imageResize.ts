import { fitWithin } from './avatarGeometry';
import { toDataUrl } from './fileData';

/** Image types the backend stores as they are. */
const KEEPABLE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
/** A small image that already fits is kept byte for byte, without re-encoding. */
const KEEP_MAX_BYTES = 512 * 1024;

/**
 * The avatar to store for an image file: a `data:` URL whose longer side is at most 512 px.
 * Larger images are drawn on a canvas at the fitted size and encoded as PNG; a small image that
 * already fits is kept as it is. Rejects when the browser cannot decode the file as an image.
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

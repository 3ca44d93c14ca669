/** Avatars are stored at most this many pixels on their longer side. */
export const AVATAR_MAX_PX = 512;

/** The size that fits `max` on the longer side, keeping the aspect; never enlarged. */
export function fitWithin(
  width: number,
  height: number,
  max = AVATAR_MAX_PX,
): { width: number; height: number } {
  const longer = Math.max(width, height);
  if (longer <= max || longer === 0) return { width, height };
  const scale = max / longer;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * A picked image as a PNG `data:` URL of at most 512 px on the longer side: the wire is JSON,
 * and a phone photo would otherwise travel and be stored at full size.
 */
export async function resizeAvatar(file: Blob, max = AVATAR_MAX_PX): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This window cannot draw images.');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    bitmap.close();
  }
}

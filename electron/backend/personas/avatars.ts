import { TalariaError } from '../../../shared/contract/errors';
import { decodeBase64, encodeBase64 } from '../../../shared/cards/bytes';
import { isPng } from '../../../shared/cards';

/** Largest avatar accepted from a client (decoded). */
export const MAX_AVATAR_BYTES = 4 * 1024 * 1024;
/** Largest card PNG kept as the avatar when the client sent no resized one. */
export const MAX_KEPT_PNG_BYTES = 2 * 1024 * 1024;

type ImageType = 'png' | 'jpeg' | 'webp' | 'gif';

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/=]+)$/;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The image type the bytes really are, by their magic number. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  if (isPng(bytes)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  return null;
}

/**
 * Checks an avatar `data:` URL from a client: an image type we show, base64 that decodes, bytes
 * that are that kind of image, at most 4 MiB. Returns the URL; INVALID_INPUT otherwise.
 */
export function checkAvatar(dataUrl: string): string {
  const match = DATA_URL.exec(dataUrl);
  if (!match) {
    throw new TalariaError(
      'INVALID_INPUT',
      'The avatar must be a PNG, JPEG, WEBP or GIF image given as a base64 data: URL.',
    );
  }
  const declared = match[1] as ImageType;
  const bytes = decodeBase64(match[2] as string, 'The avatar');
  if (bytes.length > MAX_AVATAR_BYTES) {
    throw new TalariaError(
      'INVALID_INPUT',
      `The avatar is too large (${megabytes(bytes.length)} MB); the limit is 4 MB.`,
    );
  }
  const actual = sniffImage(bytes);
  if (actual !== declared) {
    throw new TalariaError(
      'INVALID_INPUT',
      actual
        ? `The avatar says it is ${declared.toUpperCase()} but is a ${actual.toUpperCase()} image.`
        : `The avatar is not a readable ${declared.toUpperCase()} image.`,
    );
  }
  return dataUrl;
}

/** Normalizes an optional avatar parameter: undefined stays undefined, null stays null. */
export function optionalAvatar(value: string | null | undefined): string | null | undefined {
  return typeof value === 'string' ? checkAvatar(value) : value;
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${encodeBase64(png)}`;
}

/** The PNG bytes of a PNG avatar; null for other image types or no avatar. */
export function avatarPng(dataUrl: string | null): Uint8Array | null {
  const match = dataUrl ? DATA_URL.exec(dataUrl) : null;
  if (match?.[1] !== 'png') return null;
  const bytes = decodeBase64(match[2] as string, 'The avatar');
  return isPng(bytes) ? bytes : null;
}

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

import { strToU8, unzipSync, zipSync } from 'fflate';
import { TalariaError } from '../../../shared/contract/errors';
import type { CharacterCardV3 } from '../../../shared/cards';
import { encodeBase64 } from '../../../shared/cards/bytes';
import { MAX_AVATAR_BYTES, sniffImage } from './avatars';

/** A CHARX file starts as every zip does. */
export const isCharx = (bytes: Uint8Array): boolean =>
  bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

const ICON_PATH = 'assets/icon/image/main.png';

/**
 * Opens a CHARX (V3 spec: a zip with `card.json` and its assets). Returns the card JSON bytes
 * and the main icon as a data: URL when the zip carries one Talaria can show.
 */
export function readCharx(bytes: Uint8Array): { cardJson: Uint8Array; avatar: string | null } {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError('INVALID_INPUT', `The CHARX file is not a readable zip (${reason}).`);
  }
  const cardJson = files['card.json'];
  if (!cardJson) {
    throw new TalariaError('INVALID_INPUT', 'The CHARX file has no card.json inside.');
  }
  let avatar: string | null = null;
  try {
    const card = JSON.parse(new TextDecoder().decode(cardJson)) as {
      data?: { assets?: { type?: unknown; uri?: unknown; name?: unknown }[] };
    };
    const assets = Array.isArray(card.data?.assets) ? card.data.assets : [];
    const icons = assets.filter((a) => a.type === 'icon' && typeof a.uri === 'string');
    const icon = icons.find((a) => a.name === 'main') ?? icons[0];
    const path = typeof icon?.uri === 'string' ? icon.uri.replace(/^embedd?ed:\/\//, '') : '';
    const image = files[path];
    const type = image ? sniffImage(image) : null;
    if (image && type && image.length <= MAX_AVATAR_BYTES) {
      avatar = `data:image/${type};base64,${encodeBase64(image)}`;
    }
  } catch {
    // A card.json that is not JSON is reported by the card reader itself.
  }
  return { cardJson, avatar };
}

/** A CHARX with `card.json` and, when there is one, the avatar as the main icon. */
export function writeCharx(card: CharacterCardV3, png: Uint8Array | null): Uint8Array {
  const others = (card.data.assets ?? []).filter((a) => !(a.type === 'icon' && a.name === 'main'));
  const assets = png
    ? [{ type: 'icon', uri: `embeded://${ICON_PATH}`, name: 'main', ext: 'png' }, ...others]
    : others;
  const out: CharacterCardV3 = { ...card, data: { ...card.data, assets } };
  const files: Record<string, Uint8Array> = {
    'card.json': strToU8(JSON.stringify(out, null, 2)),
  };
  if (png) files[ICON_PATH] = png;
  return zipSync(files);
}

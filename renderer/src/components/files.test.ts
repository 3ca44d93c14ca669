import { describe, expect, it } from 'vitest';
import { looksLikePng } from '../../../shared/cards/png';
import { exportedBytes, readFileBase64, toDataUrl } from './files';

describe('file data helpers', () => {
  it('reads a file as bytes and as the base64 the contract carries', async () => {
    const text = 'Seraphina 🌸 {"spec":"chara_card_v2"}';
    const read = await readFileBase64(new File([text], 'card.json'));
    expect(new TextDecoder().decode(read.bytes)).toBe(text);
    expect(read.base64).toBe('U2VyYXBoaW5hIPCfjLggeyJzcGVjIjoiY2hhcmFfY2FyZF92MiJ9');
  });

  it('reads an empty file as empty base64', async () => {
    const read = await readFileBase64(new File([], 'empty.json'));
    expect(read.bytes.length).toBe(0);
    expect(read.base64).toBe('');
  });

  it('makes data URLs and decodes exported files back to the same bytes', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1]);
    const url = toDataUrl('image/png', bytes);
    expect(url).toBe('data:image/png;base64,iVBORwD/AQ==');
    const back = exportedBytes({
      fileName: 'x.png',
      mimeType: 'image/png',
      data: url.split(',')[1] ?? '',
    });
    expect([...back]).toEqual([...bytes]);
  });

  // The card import sends a file to the avatar resizer only when it starts like a PNG.
  it('tells PNG bytes from anything else', () => {
    expect(looksLikePng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe(true);
    expect(looksLikePng(new TextEncoder().encode('{"name":"x"}'))).toBe(false);
    expect(looksLikePng(new Uint8Array([0x89]))).toBe(false);
  });
});

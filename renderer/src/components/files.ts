import type { ExportedFile } from '../../../shared/contract/personas';
import { decodeBase64, encodeBase64 } from '../../../shared/cards/bytes';

export interface ReadFile {
  bytes: Uint8Array;
  /** The whole file as base64, what the contract carries. */
  base64: string;
}

/** Reads a picked or dropped file as bytes and base64. */
export async function readFileBase64(file: Blob): Promise<ReadFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { bytes, base64: encodeBase64(bytes) };
}

/** A `data:` URL of the bytes, as the avatar fields of the contract expect. */
export function toDataUrl(mimeType: string, bytes: Uint8Array): string {
  return `data:${mimeType};base64,${encodeBase64(bytes)}`;
}

/** The bytes of a file the backend exported, ready for a Blob. */
export function exportedBytes(file: ExportedFile): Uint8Array<ArrayBuffer> {
  const decoded = decodeBase64(file.data, file.fileName);
  const copy = new Uint8Array(decoded.length);
  copy.set(decoded);
  return copy;
}

/** Saves an exported file through the browser's download (the desktop app asks where). */
export function downloadExported(file: ExportedFile): void {
  const blob = new Blob([exportedBytes(file)], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the Blob after the click returns; revoke it only later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Opens the system file picker; resolves with the chosen files (none when cancelled). */
export function pickFiles(accept: string, testId: string, multiple = true): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.setAttribute('data-testid', testId);
    input.style.display = 'none';
    const done = (files: File[]): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
}

/** Opens the file picker for one file; resolves to it, or null when the user cancels. */
export async function pickFile(accept: string, testId: string): Promise<File | null> {
  const [file] = await pickFiles(accept, testId, false);
  return file ?? null;
}

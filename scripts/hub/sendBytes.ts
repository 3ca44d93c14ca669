import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyPlan } from './hubFaults';
import type { StoredFile } from './hubRepos';

const CHUNK = 64 * 1024;

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | null;

/**
 * Parses a single `Range: bytes=…` header against a file size; `end` is exclusive. Null means
 * "serve the whole file" (no header, or a form we do not serve partially, like multi-range).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return header.includes(',') ? null : 'unsatisfiable';
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(first);
  const end = last === '' ? size : Math.min(size, Number(last) + 1);
  if (start >= size || end <= start) return 'unsatisfiable';
  return { start, end };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function write(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve(false);
      return;
    }
    // The callback fires once the bytes are handed to the socket, so a later destroy cannot
    // swallow them.
    res.write(chunk, (error) => resolve(!error));
  });
}

/**
 * Answers a GET/HEAD for a file's bytes with the CDN's range semantics (`Accept-Ranges`, exact
 * `Content-Range`, 206 / 416) and the given body faults.
 */
export async function sendFileBytes(
  req: IncomingMessage,
  res: ServerResponse,
  file: StoredFile,
  headers: Record<string, string>,
  planFor: (start: number, end: number) => BodyPlan,
  onStall: (res: ServerResponse) => void,
): Promise<void> {
  const range = parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}` });
    res.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size;
  res.writeHead(range ? 206 : 200, {
    ...headers,
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(end - start),
    ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${file.size}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const plan = planFor(start, end);
  const began = Date.now();
  let sent = 0;
  while (start + sent < end) {
    // Throttled bodies go out in small slices so the pace is smooth, not bursts of 64 KiB.
    const slice =
      plan.bytesPerSecond === null
        ? CHUNK
        : Math.max(1024, Math.min(CHUNK, plan.bytesPerSecond / 20));
    let length = Math.min(Math.floor(slice), end - start - sent);
    const cut = plan.stallAfter ?? plan.dropAfter;
    if (cut !== null) length = Math.min(length, cut - sent);
    if (length > 0) {
      const offset = start + sent;
      let chunk = file.read(offset, length);
      const flips = plan.corruptOffsets.filter((o) => o >= offset && o < offset + length);
      if (flips.length > 0) {
        chunk = Buffer.from(chunk);
        for (const o of flips) chunk[o - offset] = (chunk[o - offset] ?? 0) ^ 0xff;
      }
      if (!(await write(res, chunk))) return;
      sent += length;
    }
    if (plan.stallAfter !== null && sent >= plan.stallAfter) {
      onStall(res);
      return;
    }
    if (plan.dropAfter !== null && sent >= plan.dropAfter) {
      res.socket?.destroy();
      return;
    }
    if (plan.bytesPerSecond !== null) {
      const due = began + (sent / plan.bytesPerSecond) * 1000;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }
  res.end();
}

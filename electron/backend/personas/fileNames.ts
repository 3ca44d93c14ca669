/** Reserved on Windows and path separators everywhere. */
const RESERVED = new Set('<>:"/\\|?*');

/** A file name made from a display name: no path separators, reserved or control characters. */
export function safeFileName(name: string, extension: string, fallback: string): string {
  const replaced = Array.from(name, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return RESERVED.has(c) || code < 0x20 || code === 0x7f ? '_' : c;
  }).join('');
  const cleaned = replaced
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '')
    .trim();
  const base = Array.from(cleaned).slice(0, 100).join('').trim() || fallback;
  return `${base}.${extension}`;
}

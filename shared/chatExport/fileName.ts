export type ExportFormat = 'json' | 'md';

/**
 * A safe file name for an exported conversation: the title reduced to letters, digits and
 * dashes (no path separators, dots or reserved names), at most 60 characters.
 */
export function exportFileName(title: string, format: ExportFormat): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = Array.from(slug).slice(0, 60).join('').replace(/-+$/, '');
  return `${cut || 'conversation'}.${format}`;
}

import type { PickerModel } from '../../../../shared/contract/library';
import { relativeTime } from '../../components/format';

/** The name a person knows a model by: its GGUF `general.name`, else the file name. */
export function pickerTitle(entry: PickerModel): string {
  return entry.model.metadata?.name || entry.model.fileName.replace(/\.gguf$/i, '');
}

/**
 * The models whose name, file, quant or repo contain every word of the query (any order, any
 * case), in the order given (most recently used first).
 */
export function filterPicker(models: readonly PickerModel[], query: string): PickerModel[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...models];
  return models.filter((entry) => {
    const m = entry.model;
    const haystack = [pickerTitle(entry), m.fileName, m.quant, m.publisher, m.repo]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** "Used 5m ago", "Used yesterday", "Used Mon", "Never used". */
export function lastUsedLabel(lastUsedAt: number | null, now: number): string {
  if (lastUsedAt === null) return 'Never used';
  const when = relativeTime(lastUsedAt, now);
  if (when === 'now') return 'Used just now';
  if (/^\d+[mh]$/.test(when)) return `Used ${when} ago`;
  if (when === 'Yesterday') return 'Used yesterday';
  return `Used ${when}`;
}

/** "ctx 8,192" or "ctx auto" from the saved settings. */
export function contextLabel(entry: PickerModel): string {
  const ctx = entry.settings.contextSize;
  return ctx === 'auto' ? 'ctx auto' : `ctx ${ctx.toLocaleString('en-US')}`;
}

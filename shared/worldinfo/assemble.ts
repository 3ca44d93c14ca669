import { byOrderDesc, DEFAULT_DEPTH, field, type ScanEntry } from './scanEntry';
import type { ActivationCause, DepthInjection, WorldInfoScanResult } from './types';

type Assembled = Omit<
  WorldInfoScanResult,
  'skipped' | 'timed' | 'budget' | 'budgetOverflowed' | 'loops'
>;

const num = (value: unknown, fallback: number): number =>
  value === null || value === undefined || !Number.isFinite(Number(value))
    ? fallback
    : Number(value);

/**
 * Where activated entries go, as SillyTavern builds its prompt: within each position entries
 * run in ascending `order` (it walks them highest first and prepends each); entries whose
 * content is empty are left out; a position it does not know (not 0–7) is left out too.
 */
export function assemble(
  activated: readonly ScanEntry[],
  causes: ReadonlyMap<ScanEntry, { cause: ActivationCause; loop: number }>,
): Assembled {
  const ordered = [...activated].sort(byOrderDesc).reverse();
  // Stable sort then reverse flips ties too, exactly as SillyTavern's unshift does.
  const out: Assembled = {
    activated: [],
    before: '',
    after: '',
    authorsNoteTop: [],
    authorsNoteBottom: [],
    examplesTop: [],
    examplesBottom: [],
    atDepth: [],
    outlets: {},
  };
  const before: string[] = [];
  const after: string[] = [];
  for (const entry of ordered) {
    const position = num(field(entry, 'position'), 0);
    const depth = num(field(entry, 'depth'), DEFAULT_DEPTH);
    const role = num(field(entry, 'role'), 0);
    const outletName = String(field(entry, 'outletName') ?? '');
    const info = causes.get(entry);
    out.activated.push({
      book: entry.book,
      uid: entry.uid,
      entry: entry.raw,
      content: entry.content,
      comment: typeof entry.raw.comment === 'string' ? entry.raw.comment : '',
      position,
      order: entry.order,
      depth,
      role,
      outletName,
      cause: info?.cause ?? { kind: 'constant' },
      loop: info?.loop ?? 1,
    });
    const content = entry.content;
    if (!content) continue;
    if (position === 0) before.push(content);
    else if (position === 1) after.push(content);
    else if (position === 2) out.authorsNoteTop.push(content);
    else if (position === 3) out.authorsNoteBottom.push(content);
    else if (position === 5) out.examplesTop.push(content);
    else if (position === 6) out.examplesBottom.push(content);
    else if (position === 4) addDepth(out.atDepth, depth, role, content);
    else if (position === 7 && outletName.trim()) {
      (out.outlets[outletName.trim()] ??= []).push(content);
    }
  }
  out.before = before.join('\n');
  out.after = after.join('\n');
  return out;
}

function addDepth(list: DepthInjection[], depth: number, role: number, content: string): void {
  const found = list.find((d) => d.depth === depth && d.role === role);
  if (found) found.entries.push(content);
  else list.push({ depth, role, entries: [content] });
}

/**
 * Hermes 3 writes its reasoning in XML-ish sections (`<SCRATCHPAD>`, `<thinking>`, `<PLAN>` …,
 * listed in the Hermes 3 technical report and the model cards). They are split out of the reply
 * before markdown rendering so each can be drawn as a collapsible block instead of raw tags.
 */

export type ReplySegment =
  | { kind: 'text'; text: string }
  | {
      kind: 'section';
      /** The tag as the model wrote it, lower-cased (`scratch_pad`, `thinking` …). */
      tag: string;
      /** A readable title (`Scratch pad`). */
      title: string;
      body: string;
      /** False when the reply ended (or is still streaming) before the closing tag. */
      closed: boolean;
    };

/** Section tags, compared without case, `_` or `-` (so `SCRATCHPAD` matches `scratch_pad`). */
const SECTION_TAGS = [
  'scratchpad',
  'thinking',
  'think',
  'thought',
  'thoughts',
  'internalmonologue',
  'innermonologue',
  'reflection',
  'plan',
  'reasoning',
  'execution',
  'solution',
  'explanation',
  'unittest',
  'analysis',
  'critique',
  'restatement',
];

const KNOWN = new Set(SECTION_TAGS);

const TAG = /<(\/?)([A-Za-z][A-Za-z_-]{1,30})>/g;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

export function isSectionTag(name: string): boolean {
  return KNOWN.has(normalize(name));
}

/** `scratch_pad` → `Scratch pad`, `INNER_MONOLOGUE` → `Inner monologue`. */
export function sectionTitle(tag: string): string {
  const words = tag
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  if (normalize(tag) === 'scratchpad') return 'Scratch pad';
  if (normalize(tag) === 'unittest') return 'Unit test';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Character ranges of fenced code blocks and inline code spans: tags there are literal text. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const fence = /^( {0,3})(`{3,}|~{3,})[^\n]*$/gm;
  let open: { start: number; marker: string } | null = null;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const marker = m[2] ?? '';
    if (!open) open = { start: m.index, marker };
    else if (marker[0] === open.marker[0] && marker.length >= open.marker.length) {
      ranges.push([open.start, m.index + m[0].length]);
      open = null;
    }
  }
  if (open) ranges.push([open.start, text.length]);
  const inline = /(`+)[^`\n]*?\1/g;
  for (let m = inline.exec(text); m; m = inline.exec(text)) {
    const at = m.index;
    if (!ranges.some(([s, e]) => at >= s && at < e)) ranges.push([at, at + m[0].length]);
  }
  return ranges;
}

interface TagHit {
  start: number;
  end: number;
  closing: boolean;
  name: string;
  key: string;
}

function sectionTags(text: string): TagHit[] {
  const code = codeRanges(text);
  const hits: TagHit[] = [];
  for (const m of text.matchAll(TAG)) {
    const name = m[2] ?? '';
    const start = m.index;
    if (!isSectionTag(name)) continue;
    if (code.some(([s, e]) => start >= s && start < e)) continue;
    hits.push({
      start,
      end: start + m[0].length,
      closing: m[1] === '/',
      name,
      key: normalize(name),
    });
  }
  return hits;
}

/** A `<` and the beginning of a tag name at the very end of a streaming reply. */
const PARTIAL_TAG = /<\/?[A-Za-z_-]{0,30}$/;

/**
 * Splits a reply into plain text and top-level sections. A section's body may hold further
 * sections (split it again to draw them). An opening tag without its closing tag runs to the end
 * (`closed: false`); a stray closing tag is dropped. Tags inside code are left alone.
 */
export function splitSections(text: string, options: { streaming?: boolean } = {}): ReplySegment[] {
  let source = text;
  if (options.streaming) {
    const partial = PARTIAL_TAG.exec(source);
    if (
      partial &&
      SECTION_TAGS.some((t) => t.startsWith(normalize(partial[0].slice(1).replace('/', ''))))
    ) {
      source = source.slice(0, partial.index);
    }
  }
  const hits = sectionTags(source);
  const segments: ReplySegment[] = [];
  let pos = 0;
  const pushText = (chunk: string): void => {
    if (chunk.trim() === '') return;
    const last = segments.at(-1);
    if (last?.kind === 'text') last.text += chunk;
    else segments.push({ kind: 'text', text: chunk });
  };
  let i = 0;
  while (i < hits.length) {
    const open = hits[i]!;
    if (open.closing) {
      pushText(source.slice(pos, open.start));
      pos = open.end;
      i++;
      continue;
    }
    pushText(source.slice(pos, open.start));
    let depth = 1;
    let j = i + 1;
    for (; j < hits.length; j++) {
      const hit = hits[j]!;
      if (hit.key !== open.key) continue;
      depth += hit.closing ? -1 : 1;
      if (depth === 0) break;
    }
    const close = hits[j];
    const bodyEnd = close ? close.start : source.length;
    segments.push({
      kind: 'section',
      tag: open.name.toLowerCase(),
      title: sectionTitle(open.name),
      body: trimBlankLines(source.slice(open.end, bodyEnd)),
      closed: close !== undefined,
    });
    pos = close ? close.end : source.length;
    i = close ? j + 1 : hits.length;
  }
  pushText(source.slice(pos));
  return segments.map((s) =>
    s.kind === 'text' ? { kind: 'text', text: trimBlankLines(s.text) } : s,
  );
}

function trimBlankLines(text: string): string {
  return text.replace(/^\s*\n/, '').replace(/\n\s*$/, '');
}

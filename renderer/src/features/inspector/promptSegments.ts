/**
 * Splits an exact prompt into highlighted runs for the prompt inspector: special tokens, the role
 * after `<|im_start|>`, the Hermes XML tags, and what they enclose (the `<tools>` signatures, the
 * JSON-mode `<schema>`, calls and tool responses). Joining the runs' text gives the prompt back.
 */

export type PromptRegion = 'tools' | 'schema' | 'call' | 'response';

export type PromptSegment =
  | { kind: 'token'; text: string }
  | { kind: 'tag'; text: string }
  | { kind: 'role'; text: string }
  | { kind: 'text'; text: string; region: PromptRegion | null };

/** Tokens every Hermes prompt may hold, highlighted even when no model is loaded to list them. */
export const DEFAULT_SPECIAL_TOKENS = [
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|eot_id|>',
  '<tool_call>',
  '</tool_call>',
  '<tool_response>',
  '</tool_response>',
  '<tools>',
  '</tools>',
];

const REGIONS: Record<string, PromptRegion> = {
  tools: 'tools',
  schema: 'schema',
  tool_call: 'call',
  tool_response: 'response',
};

const XML_TAGS = Object.keys(REGIONS).flatMap((t) => [`<${t}>`, `</${t}>`]);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function regionTag(text: string): { region: PromptRegion; closing: boolean } | null {
  const m = /^<(\/?)([a-z_]+)>$/.exec(text);
  const region = m?.[2] ? REGIONS[m[2]] : undefined;
  return region ? { region, closing: m?.[1] === '/' } : null;
}

export function segmentPrompt(prompt: string, specialTokens: readonly string[]): PromptSegment[] {
  const special = new Set([...DEFAULT_SPECIAL_TOKENS, ...specialTokens].filter((t) => t !== ''));
  const markers = [...new Set([...special, ...XML_TAGS])].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(markers.map(escape).join('|'), 'g');
  const out: PromptSegment[] = [];
  let region: PromptRegion | null = null;
  let afterStart = false;
  let pos = 0;
  const pushText = (text: string): void => {
    if (text === '') return;
    if (afterStart) {
      afterStart = false;
      const end = text.indexOf('\n');
      const role = end < 0 ? text : text.slice(0, end);
      if (role !== '') out.push({ kind: 'role', text: role });
      text = end < 0 ? '' : text.slice(end);
      if (text === '') return;
    }
    const last = out.at(-1);
    if (last?.kind === 'text' && last.region === region) last.text += text;
    else out.push({ kind: 'text', text, region });
  };
  for (const m of prompt.matchAll(pattern)) {
    pushText(prompt.slice(pos, m.index));
    const text = m[0];
    const tag = regionTag(text);
    out.push({ kind: special.has(text) ? 'token' : 'tag', text });
    if (tag) region = tag.closing ? null : tag.region;
    afterStart = text === '<|im_start|>';
    pos = m.index + text.length;
  }
  pushText(prompt.slice(pos));
  return out;
}

import { z } from 'zod';
import { TalariaError } from '../../../shared/contract/errors';
import type { Preset, PresetFile, PresetInput } from '../../../shared/contract/personas';

const MAX_PRESETS = 1000;

const inputSchema = z.object({
  name: z.string().trim().min(1, 'a preset needs a name').max(200),
  description: z.string().max(2000).optional(),
  systemPrompt: z.string().max(200_000),
  postHistoryInstructions: z.string().max(200_000).optional(),
});

/** SillyTavern's system-prompt preset files: `{name, content, post_history?}`. */
const sillyTavernSchema = z.object({
  name: z.string().trim().min(1).max(200),
  content: z.string().max(200_000),
  post_history: z.string().max(200_000).optional(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : 'the file';
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

function fail(detail: string): never {
  throw new TalariaError('INVALID_INPUT', `This is not a preset file: ${detail}.`);
}

/**
 * Reads preset JSON: a Talaria preset file, one preset, a list of presets, or a SillyTavern
 * system-prompt preset. Unknown fields (an exported id, timestamps) are ignored.
 */
export function parsePresetText(text: string): PresetInput[] {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    fail(`it is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  let list: unknown[];
  if (Array.isArray(value)) list = value;
  else if (typeof value === 'object' && value !== null && 'talariaPresets' in value) {
    const presets = (value as { presets?: unknown }).presets;
    if (!Array.isArray(presets)) fail('"presets" must be a list');
    list = presets;
  } else list = [value];
  if (list.length === 0) fail('it holds no presets');
  if (list.length > MAX_PRESETS) fail(`it holds more than ${MAX_PRESETS} presets`);
  return list.map((item, i) => {
    const where = list.length > 1 ? ` (preset ${i + 1})` : '';
    const st = sillyTavernSchema.safeParse(item);
    if (st.success && !(typeof item === 'object' && item && 'systemPrompt' in item)) {
      return {
        name: st.data.name,
        systemPrompt: st.data.content,
        postHistoryInstructions: st.data.post_history ?? '',
      };
    }
    const parsed = inputSchema.safeParse(item);
    if (!parsed.success) fail(`${describeIssues(parsed.error)}${where}`);
    return parsed.data;
  });
}

/** The file `presets.export` writes. */
export function toPresetFile(presets: readonly Preset[]): PresetFile {
  return {
    talariaPresets: 1,
    presets: presets.map((p) => ({
      name: p.name,
      description: p.description,
      systemPrompt: p.systemPrompt,
      postHistoryInstructions: p.postHistoryInstructions,
    })),
  };
}

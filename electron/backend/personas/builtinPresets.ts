import { z } from 'zod';
import type { Preset } from '../../../shared/contract/personas';
import assistant from '../../../resources/presets/assistant.json';
import functionCalling from '../../../resources/presets/function-calling.json';
import hermes3 from '../../../resources/presets/hermes3.json';
import jsonMode from '../../../resources/presets/json-mode.json';
import roleplayNarrator from '../../../resources/presets/roleplay-narrator.json';

export const BUILTIN_PREFIX = 'builtin:';

const presetFileSchema = z
  .object({
    id: z.string().startsWith(BUILTIN_PREFIX),
    name: z.string().min(1),
    description: z.string(),
    systemPrompt: z.string().min(1),
    postHistoryInstructions: z.string(),
  })
  .strict();

/**
 * The presets of resources/presets, in menu order. Imported rather than read from disk so they
 * are bundled into the built app (out/) and need no path at run time, like the model catalog.
 */
const SOURCES: readonly unknown[] = [
  hermes3,
  assistant,
  functionCalling,
  jsonMode,
  roleplayNarrator,
];

/** The built-in presets, checked on each call (cheap: five small objects). */
export function builtinPresets(sources: readonly unknown[] = SOURCES): Preset[] {
  return sources.map((source) => ({
    ...presetFileSchema.parse(source),
    builtin: true,
    createdAt: 0,
    updatedAt: 0,
  }));
}

export function isBuiltinId(id: string): boolean {
  return id.startsWith(BUILTIN_PREFIX);
}

import { DEFAULT_CONTEXT_CONTROLS } from '../../../../shared/contract';
import {
  HERMES_DEFAULT_SAMPLING,
  type ContextPolicy,
  type SamplingParams,
} from '../../../../shared/contract/types';

/** The generation settings as the form edits them: text fields, validated on save. */
export interface GenerationForm {
  temperature: string;
  topP: string;
  topK: string;
  minP: string;
  repeatPenalty: string;
  maxTokens: string;
  /** '' means a random seed per reply. */
  seed: string;
  /** One stop string per line. */
  stopStrings: string;
  /** '' means the whole loaded context. */
  contextLength: string;
  contextPolicy: ContextPolicy;
}

export type FormErrors = Partial<Record<keyof GenerationForm, string>>;

export const DEFAULTS: Required<SamplingParams> = {
  ...HERMES_DEFAULT_SAMPLING,
  ...DEFAULT_CONTEXT_CONTROLS,
};

export function formFromSampling(overrides: Partial<SamplingParams>): GenerationForm {
  const s = { ...DEFAULTS, ...overrides };
  return {
    temperature: String(s.temperature),
    topP: String(s.topP),
    topK: String(s.topK),
    minP: String(s.minP),
    repeatPenalty: String(s.repeatPenalty),
    maxTokens: String(s.maxTokens),
    seed: s.seed === null ? '' : String(s.seed),
    stopStrings: s.stopStrings.join('\n'),
    contextLength: s.contextLength === null ? '' : String(s.contextLength),
    contextPolicy: s.contextPolicy,
  };
}

interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** Lower bound is exclusive. */
  above?: boolean;
}

const RULES: Record<
  'temperature' | 'topP' | 'topK' | 'minP' | 'repeatPenalty' | 'maxTokens',
  NumberRule
> = {
  temperature: { min: 0, max: 5 },
  topP: { min: 0, max: 1, above: true },
  topK: { min: 0, max: 10_000, integer: true },
  minP: { min: 0, max: 1 },
  repeatPenalty: { min: 0.5, max: 3 },
  maxTokens: { min: 1, max: 1_000_000, integer: true },
};

function parseNumber(text: string, rule: NumberRule): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return 'Enter a number';
  if (rule.integer && !Number.isInteger(value)) return 'Enter a whole number';
  if (rule.above ? value <= rule.min : value < rule.min) {
    return rule.above ? `Must be above ${rule.min}` : `At least ${rule.min}`;
  }
  if (value > rule.max) return `At most ${rule.max.toLocaleString()}`;
  return value;
}

/**
 * Validates the form. On success, the overrides to store: only what differs from the Hermes
 * defaults, so a conversation keeps following the defaults it did not change.
 */
export function samplingFromForm(
  form: GenerationForm,
): { ok: true; sampling: Partial<SamplingParams> } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const values: Partial<SamplingParams> = {};
  for (const key of Object.keys(RULES) as (keyof typeof RULES)[]) {
    const parsed = parseNumber(form[key], RULES[key]);
    if (typeof parsed === 'string') errors[key] = parsed;
    else values[key] = parsed;
  }
  if (form.seed.trim() === '') values.seed = null;
  else {
    const seed = parseNumber(form.seed, { min: 0, max: 2 ** 32 - 1, integer: true });
    if (typeof seed === 'string') errors.seed = seed;
    else values.seed = seed;
  }
  const stops = form.stopStrings.split('\n').filter((s) => s !== '');
  if (stops.length > 16) errors.stopStrings = 'At most 16 stop strings';
  else if (stops.some((s) => s.length > 200)) errors.stopStrings = 'Each at most 200 characters';
  else values.stopStrings = stops;
  if (form.contextLength.trim() === '') values.contextLength = null;
  else {
    const length = parseNumber(form.contextLength, { min: 64, max: 1_048_576, integer: true });
    if (typeof length === 'string') errors.contextLength = length;
    else values.contextLength = length;
  }
  values.contextPolicy = form.contextPolicy;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const sampling: Partial<SamplingParams> = {};
  for (const [key, value] of Object.entries(values) as [keyof SamplingParams, unknown][]) {
    const fallback = DEFAULTS[key];
    const same = Array.isArray(value)
      ? JSON.stringify(value) === JSON.stringify(fallback)
      : value === fallback;
    if (!same) (sampling as Record<string, unknown>)[key] = value;
  }
  return { ok: true, sampling };
}

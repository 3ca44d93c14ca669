import { TalariaError } from '../../../shared/contract/errors';
import type { RemoteHttp } from './RemoteHttp';

/** The server software behind an engine URL, as far as its own routes tell. */
export type ServerKind = 'llama.cpp' | 'vllm' | 'ollama' | 'openai';

/** How a server constrains output, in its own request dialect. */
export type ConstraintDialect =
  /** llama.cpp server: `grammar` (GBNF) and `json_schema` on /v1/completions. */
  | 'llama.cpp'
  /** vLLM ≥ 0.10.2: `structured_outputs: {json | grammar | structural_tag}`. */
  | 'vllm'
  /** Ollama: `format` (a JSON schema) on its native /api/generate with `raw: true`. */
  | 'ollama'
  /** Chat-only hosts: `response_format` and `tools` on /v1/chat/completions. */
  | 'chat'
  | 'none';

export interface RemoteCapabilities {
  kind: ServerKind;
  /** Server version where it says one. */
  version: string | null;
  /** Model ids from /v1/models. */
  models: string[];
  /** /v1/completions takes a raw prompt: Talaria renders the Hermes prompt itself. */
  rawPrompt: boolean;
  /** The server tokenizes text for exact token counts (/tokenize). */
  tokenizer: boolean;
  constraint: ConstraintDialect;
  /** The chat template the server reports for its model (llama.cpp /props), if any. */
  chatTemplate: string | null;
  /** Its tool_use template (llama.cpp /props `chat_template_tool_use`), if any. */
  chatTemplateToolUse: string | null;
  /** The context size the server reports (llama.cpp /props n_ctx), if any. */
  contextSize: number | null;
}

/** One line for the user: "raw prompt ✓ · grammar ✓ · tokenizer ✓". */
export function describeCapabilities(caps: RemoteCapabilities): string {
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const grammar = caps.constraint !== 'none';
  return [
    `${caps.kind}${caps.version ? ` ${caps.version}` : ''}`,
    `raw prompt ${mark(caps.rawPrompt)}`,
    `grammar ${mark(grammar)}${grammar ? ` (${caps.constraint})` : ''}`,
    `tokenizer ${mark(caps.tokenizer)}`,
  ].join(' · ');
}

async function optional<T>(probe: () => Promise<T>): Promise<T | null> {
  try {
    return await probe();
  } catch (error) {
    // A refused key is the answer to every probe; say so instead of "no capabilities".
    if (error instanceof TalariaError && error.code === 'ENGINE_AUTH') throw error;
    if (error instanceof TalariaError && error.code === 'ABORTED') throw error;
    return null;
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

function modelIds(list: unknown): string[] {
  const data = record(list).data;
  if (!Array.isArray(data)) return [];
  return data
    .map((m) => record(m).id)
    .filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** vLLM renamed guided decoding to `structured_outputs` in 0.10.2 and removed `guided_*` in 0.12. */
function vllmHasStructuredOutputs(version: string | null): boolean {
  const [major = 0, minor = 0, patch = 0] = (version ?? '0').split(/[.+-]/).map(Number);
  if (major !== 0) return true;
  return minor > 10 || (minor === 10 && patch >= 2);
}

/**
 * Finds out what a server offers, never assuming: its models, raw completions, tokenization and
 * its output-constraint dialect. Only `/v1/models` must answer; every other probe is optional.
 */
export async function probeEngine(
  http: RemoteHttp,
  signal?: AbortSignal,
): Promise<RemoteCapabilities> {
  const models = modelIds(await http.getJson('/v1/models', signal));
  const props = record(await optional(() => http.getJson('/props', signal)));
  const vllm = record(await optional(() => http.getJson('/version', signal)));
  const ollama = record(await optional(() => http.getJson('/api/version', signal)));

  let kind: ServerKind = 'openai';
  let version: string | null = null;
  if ('default_generation_settings' in props || 'build_info' in props) {
    kind = 'llama.cpp';
    version = typeof props.build_info === 'string' ? props.build_info : null;
  } else if (typeof ollama.version === 'string') {
    kind = 'ollama';
    version = ollama.version;
  } else if (typeof vllm.version === 'string') {
    kind = 'vllm';
    version = vllm.version;
  }

  const model = models[0];
  const rawPrompt =
    kind === 'ollama' ||
    (model !== undefined &&
      (await optional(() =>
        http.postJson('/v1/completions', { model, prompt: 'Hi', max_tokens: 1 }, signal),
      )) !== null);

  let tokenizer = false;
  if (kind === 'llama.cpp') {
    const res = record(
      await optional(() =>
        http.postJson('/tokenize', { content: 'Hi', parse_special: true }, signal),
      ),
    );
    tokenizer = Array.isArray(res.tokens);
  } else if (kind === 'vllm' && model !== undefined) {
    const res = record(
      await optional(() => http.postJson('/tokenize', { model, prompt: 'Hi' }, signal)),
    );
    tokenizer = Array.isArray(res.tokens);
  }

  const constraint: ConstraintDialect =
    kind === 'llama.cpp'
      ? 'llama.cpp'
      : kind === 'vllm'
        ? vllmHasStructuredOutputs(version)
          ? 'vllm'
          : 'chat'
        : kind === 'ollama'
          ? 'ollama'
          : 'chat';

  const settings = record(props.default_generation_settings);
  const nCtx = typeof settings.n_ctx === 'number' ? settings.n_ctx : null;
  return {
    kind,
    version,
    models,
    rawPrompt,
    tokenizer,
    constraint,
    chatTemplate: typeof props.chat_template === 'string' ? props.chat_template : null,
    chatTemplateToolUse:
      typeof props.chat_template_tool_use === 'string' ? props.chat_template_tool_use : null,
    contextSize: nCtx,
  };
}

import type { GenerationStats, StopReason } from '../../../shared/contract/types';
import { toolFunction } from '../../../shared/hermes';
import type { EngineToolOptions, GrammarSchema } from '../engine/engineProtocol';
import { RemoteSteps, type RemoteStepsContext, type RemoteStepStop } from './RemoteSteps';

export interface RemoteHermesInput {
  tools?: EngineToolOptions;
  /** Constrain the whole reply to this JSON Schema (JSON mode). */
  jsonSchema?: GrammarSchema;
}

export interface RemoteHermesResult {
  /** The raw reply, `<tool_call>` blocks included, exactly as the local engine writes it. */
  text: string;
  stats: GenerationStats;
}

const DEFAULT_MAX_CALLS = 8;
const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
const ANY_OBJECT: GrammarSchema = { type: 'object', additionalProperties: true };

/**
 * Hermes-native generation on a raw-prompt server, step for step the same as the local engine's
 * (engine/hermes/hermesGeneration.ts): the server only ever continues text under a JSON-schema
 * constraint in its own dialect, and Talaria writes the tags. So a named or required tool choice
 * and guaranteed arguments mean the same on a remote 405B as on a local 3B.
 */
export async function runRemoteHermesGeneration(
  ctx: RemoteStepsContext,
  input: RemoteHermesInput,
): Promise<RemoteHermesResult> {
  const steps = new RemoteSteps(ctx);
  const tools = input.tools;
  let stop: RemoteStepStop;
  if (input.jsonSchema) {
    stop = (await steps.step({ constraint: { type: 'json_schema', schema: input.jsonSchema } }))
      .stop;
  } else if (!tools || tools.definitions.length === 0) stop = (await steps.step()).stop;
  else if (tools.choice === 'none') {
    // A call the user ruled out ends the reply where it would have begun.
    stop = (await steps.step({ trigger: OPEN })).stop;
  } else stop = await writeWithTools(steps, tools);
  return { text: steps.text, stats: steps.stats(toStopReason(stop)) };
}

async function writeWithTools(steps: RemoteSteps, tools: EngineToolOptions) {
  const maxCalls = tools.maxCalls ?? DEFAULT_MAX_CALLS;
  const forced = tools.choice === 'required' || typeof tools.choice === 'object';
  let stop: RemoteStepStop = forced ? 'trigger' : (await steps.step({ trigger: OPEN })).stop;
  for (let calls = 0; stop === 'trigger'; calls++) {
    if (calls >= maxCalls) return 'eos';
    steps.inject(OPEN);
    // Only the reply's first call is forced; later calls in it are the model's choice.
    const named = calls === 0 && typeof tools.choice === 'object' ? tools.choice.name : null;
    const closed = tools.argumentGrammars
      ? await writeConstrainedCall(steps, tools, named)
      : await writeFreeCall(steps, named, forced && calls === 0);
    if (closed !== 'closed') return closed;
    stop = (await steps.step({ trigger: OPEN })).stop;
  }
  return stop;
}

async function writeConstrainedCall(
  steps: RemoteSteps,
  tools: EngineToolOptions,
  named: string | null,
): Promise<RemoteStepStop | 'closed'> {
  let name = named;
  if (name !== null) steps.inject(`\n{"name": "${name}", "arguments": `);
  else {
    steps.inject('\n{"name": ');
    const names = tools.definitions.map((tool) => toolFunction(tool).name);
    const chosen = await steps.step({
      constraint: { type: 'json_schema', schema: { type: 'string', enum: names } },
    });
    if (chosen.stop === 'maxTokens' || chosen.stop === 'abort') return chosen.stop;
    name = parseName(chosen.text);
    if (name === null) return 'eos';
    steps.inject(', "arguments": ');
  }
  const schema = tools.argumentGrammars?.[name] ?? ANY_OBJECT;
  const args = await steps.step({ constraint: { type: 'json_schema', schema } });
  if (args.stop === 'maxTokens' || args.stop === 'abort') return args.stop;
  steps.inject(`}\n${CLOSE}`);
  return 'closed';
}

async function writeFreeCall(
  steps: RemoteSteps,
  named: string | null,
  forced: boolean,
): Promise<RemoteStepStop | 'closed'> {
  if (named !== null) steps.inject(`\n{"name": "${named}", "arguments": `);
  else if (forced) steps.inject('\n{"name": "');
  const body = await steps.step({ trigger: CLOSE });
  if (body.stop !== 'trigger') return body.stop;
  steps.inject(CLOSE);
  return 'closed';
}

function parseName(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function toStopReason(stop: RemoteStepStop): StopReason {
  return stop === 'trigger' ? 'eos' : stop;
}

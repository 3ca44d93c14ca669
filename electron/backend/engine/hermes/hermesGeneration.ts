import {
  LlamaText,
  SpecialTokensText,
  TokenBias,
  type Llama,
  type LlamaChat,
  type LlamaContextSequence,
  type LlamaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import type { StopReason } from '../../../../shared/contract/types';
import type { HermesMessage } from '../../../../shared/hermes';
import { endsInsideString, toolFunction } from '../../../../shared/hermes';
import type { ChatGenerationOutcome } from '../chatGeneration';
import type { EngineToolOptions, GrammarSchema } from '../engineProtocol';
import type { GenerationMeter } from '../GenerationMeter';
import type { SamplingOptions } from '../samplingOptions';
import { GenerationSteps, type StepStop } from './GenerationSteps';
import type { HermesChatWrapper } from './HermesChatWrapper';
import { toHermesChatHistory } from './hermesHistory';

/** The parts of a loaded model a Hermes generation uses. */
export interface HermesSession {
  llama: Llama;
  model: LlamaModel;
  sequence: LlamaContextSequence;
  /** The model's one chat and its Hermes wrapper, created at load (prepareModel). */
  chat: LlamaChat;
  wrapper: HermesChatWrapper;
  /** The Hermes tags the model has as special tokens. */
  specialTokens: readonly string[];
}

export interface HermesGenerationInput {
  messages: HermesMessage[];
  tools?: EngineToolOptions;
  /** Constrain the whole reply to this (grammar-ready) JSON Schema. */
  jsonSchema?: GrammarSchema;
  sampling: SamplingOptions;
  meter: GenerationMeter;
  signal: AbortSignal;
  onText: (text: string, completionTokens: number) => void;
}

const DEFAULT_MAX_CALLS = 8;
const OPEN = '<tool_call>';
const CLOSE = '</tool_call>';
// Both the special token and its spelling as text end a step.
const triggers = (tag: string): (LlamaText | string)[] => [
  LlamaText(new SpecialTokensText(tag)),
  tag,
];
// Any JSON object: the body of a call whose tool has no grammar schema.
const ANY_OBJECT: GrammarSchema = { type: 'object', additionalProperties: true };

/**
 * Writes one assistant reply in the Hermes format. Without tools it is one LlamaChat response
 * (grammar-constrained in JSON mode). With tools, each `<tool_call>` the model opens is written
 * in steps: with argument grammars, the name is chosen among the tools and the arguments are
 * generated under that tool's schema; without, the body is free text up to `</tool_call>`.
 * 'required' and a named choice start the reply with the call already opened, so the model has
 * to make it. Talaria writes the tags itself, so the returned text is the raw reply.
 */
export async function runHermesGeneration(
  session: HermesSession,
  input: HermesGenerationInput,
): Promise<ChatGenerationOutcome> {
  const tools = input.tools;
  const { wrapper } = session;
  wrapper.setTools(tools?.definitions);
  const steps = new GenerationSteps({
    model: session.model,
    sequence: session.sequence,
    chat: session.chat,
    wrapper,
    history: toHermesChatHistory(input.messages),
    sampling: input.sampling,
    meter: input.meter,
    signal: input.signal,
    onText: input.onText,
  });
  const grammars = new GrammarCache(session.llama);
  try {
    let stop: StepStop;
    if (input.jsonSchema) {
      stop = (await steps.step({ grammar: await grammars.get(input.jsonSchema) })).stop;
    } else if (!tools || tools.definitions.length === 0) stop = (await steps.step()).stop;
    else if (tools.choice === 'none') {
      stop = (await steps.step({ tokenBias: forbidToolCalls(session) })).stop;
    } else stop = await writeWithTools(steps, tools, grammars);
    return { text: steps.text, stopReason: toStopReason(stop), prompt: steps.promptCounts };
  } finally {
    wrapper.setTools(undefined);
  }
}

async function writeWithTools(
  steps: GenerationSteps,
  tools: EngineToolOptions,
  grammars: GrammarCache,
): Promise<StepStop> {
  const maxCalls = tools.maxCalls ?? DEFAULT_MAX_CALLS;
  const forced = tools.choice === 'required' || typeof tools.choice === 'object';
  let stop: StepStop = forced ? 'trigger' : (await steps.step({ stops: triggers(OPEN) })).stop;
  for (let calls = 0; stop === 'trigger'; calls++) {
    if (calls >= maxCalls) return 'eos';
    steps.inject(OPEN);
    // Only the reply's first call is forced; later calls in it are the model's choice.
    const named = calls === 0 && typeof tools.choice === 'object' ? tools.choice.name : null;
    const closed = tools.argumentGrammars
      ? await writeConstrainedCall(steps, tools, grammars, named)
      : await writeFreeCall(steps, named, forced && calls === 0);
    if (closed !== 'closed') return closed;
    stop = (await steps.step({ stops: triggers(OPEN) })).stop;
  }
  return stop;
}

/** `<tool_call>` is written; the name comes from the tool list, the arguments from its schema. */
async function writeConstrainedCall(
  steps: GenerationSteps,
  tools: EngineToolOptions,
  grammars: GrammarCache,
  named: string | null,
): Promise<StepStop | 'closed'> {
  let name = named;
  if (name !== null) steps.inject(`\n{"name": "${name}", "arguments": `);
  else {
    steps.inject('\n{"name": ');
    const names = tools.definitions.map((tool) => toolFunction(tool).name);
    const chosen = await steps.step({ grammar: await grammars.get({ enum: names }) });
    if (chosen.stop === 'maxTokens' || chosen.stop === 'abort') return chosen.stop;
    name = parseName(chosen.text);
    if (name === null) return 'eos';
    steps.inject(', "arguments": ');
  }
  const schema = tools.argumentGrammars?.[name] ?? ANY_OBJECT;
  const args = await steps.step({ grammar: await grammars.get(schema) });
  if (args.stop === 'maxTokens' || args.stop === 'abort') return args.stop;
  steps.inject(`}\n${CLOSE}`);
  return 'closed';
}

/** `<tool_call>` is written; the model writes the body until `</tool_call>`. */
async function writeFreeCall(
  steps: GenerationSteps,
  named: string | null,
  forced: boolean,
): Promise<StepStop | 'closed'> {
  let written = '';
  const write = (text: string): void => {
    steps.inject(text);
    written += text;
  };
  if (named !== null) write(`\n{"name": "${named}", "arguments": `);
  else if (forced) write('\n{"name": "');
  for (;;) {
    const body = await steps.step({ stops: triggers(CLOSE) });
    if (body.stop !== 'trigger') return body.stop;
    written += body.text;
    // A `</tool_call>` inside a JSON string is part of an argument: keep writing the call.
    const inString = endsInsideString(written);
    write(CLOSE);
    if (!inString) return 'closed';
  }
}

function parseName(text: string): string | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function forbidToolCalls(session: HermesSession): TokenBias | undefined {
  if (!session.specialTokens.includes(OPEN)) return undefined;
  return new TokenBias(session.model.tokenizer).set(session.model.tokenize(OPEN, true), 'never');
}

function toStopReason(stop: StepStop): StopReason {
  return stop === 'trigger' ? 'eos' : stop;
}

/** Grammar compilation per distinct schema, for the length of one reply. */
class GrammarCache {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(private readonly llama: Llama) {}

  get(schema: GrammarSchema): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = this.llama.createGrammarForJsonSchema(schema as never);
      this.grammars.set(key, grammar);
    }
    return grammar;
  }
}

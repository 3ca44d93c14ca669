import type { JsonModeResult, JsonModeSettings } from '../../../shared/contract/tools';
import type { Message, SamplingParams } from '../../../shared/contract/types';
import { ToolCallValidator } from '../../../shared/hermes';
import type { ReplyStream } from '../chat/ReplyStream';
import { promptMessages } from './promptMessages';
import { toGrammarSchema } from './schemaSupport';
import type { PromptContext, ToolStore } from './ToolStore';

export interface JsonModeInput {
  history: Message[];
  jsonMode: JsonModeSettings;
  /** The JSON-mode system prompt first (see ConversationReplies). */
  context: PromptContext;
  sampling: SamplingParams;
}

/**
 * A JSON-mode reply: generated under the schema's grammar, parsed and validated with ajv; when
 * it does not validate (a keyword the grammar cannot enforce, output cut off by maxTokens) the
 * message is written again, up to `maxRetries` more times. The outcome is stored on the message.
 */
export async function runJsonModeReply(
  stream: ReplyStream,
  tools: ToolStore,
  input: JsonModeInput,
): Promise<Message> {
  const { grammarSchema, unenforced } = toGrammarSchema(input.jsonMode.schema);
  const validator = new ToolCallValidator([{ name: 'json', parameters: input.jsonMode.schema }]);
  tools.setPromptContext(stream.message.id, input.context);
  const prompt = promptMessages(input.history, input.context, tools.calls.forMessages([]));
  const attemptsAllowed = 1 + input.jsonMode.maxRetries;
  let outcome: JsonModeResult | null = null;
  let message = stream.message;
  for (let attempt = 1; attempt <= attemptsAllowed; attempt++) {
    if (attempt > 1) stream.restart();
    const result = await stream.generate(prompt, input.sampling, { jsonSchema: grammarSchema });
    message = stream.complete(result);
    outcome = { ...check(result.text, validator), attempts: attempt, unenforced };
    if (outcome.valid || stream.aborted || result.stats.stopReason === 'abort') break;
  }
  if (outcome) tools.setJsonResult(message.id, outcome);
  return message;
}

function check(
  text: string,
  validator: ToolCallValidator,
): Pick<JsonModeResult, 'valid' | 'value' | 'errors'> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { valid: false, value: null, errors: [`Not valid JSON: ${(error as Error).message}`] };
  }
  const validation = validator.validate({ name: 'json', arguments: value });
  if (validation.ok) return { valid: true, value, errors: [] };
  return { valid: false, value, errors: validation.errors };
}

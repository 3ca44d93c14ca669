import {
  LlamaText,
  type ChatHistoryItem,
  type ChatModelFunctionCall,
  type ChatModelResponse,
} from 'node-llama-cpp';
import type { HermesMessage, HermesToolCall } from '../../../../shared/hermes';

/**
 * The name of a function-call item that only carries a tool result: a tool message with no call
 * in front of it, such as the parse-error feedback after an assistant message whose
 * `<tool_call>` body could not be read (that message is rendered as its raw text).
 */
export const RESULT_ONLY_CALL = '';

type ModelItem = ChatModelResponse['response'][number];

/**
 * OpenAI-shaped messages → node-llama-cpp chat history. An assistant message with tool calls and
 * the tool messages after it become function-call items (call + result) of one model response,
 * and an assistant message that follows tool results continues that response, the way
 * node-llama-cpp models a multi-step turn. The history always ends with a model response: a
 * trailing assistant message is continued (a prefill), otherwise an empty one is answered.
 */
export function toHermesChatHistory(messages: readonly HermesMessage[]): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = [];
  // The model response that tool results and follow-up assistant text attach to.
  let open: ModelItem[] | null = null;
  let pendingCalls: ChatModelFunctionCall[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'user') {
      items.push(
        message.role === 'system'
          ? { type: 'system', text: message.content ?? '' }
          : { type: 'user', text: message.content ?? '' },
      );
      open = null;
      pendingCalls = [];
    } else if (message.role === 'assistant') {
      if (open === null || pendingCalls.length > 0 || !open.some(isCall)) {
        open = [];
        items.push({ type: 'model', response: open });
      }
      pendingCalls = [];
      // Kept even when empty: an empty assistant turn still renders.
      if (message.content || !message.tool_calls) open.push(message.content ?? '');
      // null tool_calls renders as plain content (README: "content: null, tool_calls: null").
      const calls = message.tool_calls ?? null;
      if (calls === null) continue;
      calls.forEach((call, index) => {
        const item = functionCallItem(call, index === 0);
        open?.push(item);
        pendingCalls.push(item);
      });
      if (calls.length === 0) open.push(emptyCallMarker());
    } else {
      const waiting = pendingCalls.shift();
      if (waiting) waiting.result = message.content ?? '';
      else {
        if (open === null) {
          open = [];
          items.push({ type: 'model', response: open });
        }
        open.push({
          type: 'functionCall',
          name: RESULT_ONLY_CALL,
          params: undefined,
          result: message.content ?? '',
        });
      }
    }
  }
  if (items.at(-1)?.type !== 'model') items.push({ type: 'model', response: [] });
  return items;
}

/** node-llama-cpp chat history → the messages to render, plus the text that continues the last turn. */
export function fromHermesChatHistory(history: readonly ChatHistoryItem[]): {
  messages: HermesMessage[];
  prefill: string;
} {
  const messages: HermesMessage[] = [];
  let prefill = '';
  history.forEach((item, index) => {
    if (item.type === 'system') {
      const text =
        typeof item.text === 'string' ? item.text : LlamaText.fromJSON(item.text).toString();
      messages.push({ role: 'system', content: text });
    } else if (item.type === 'user') messages.push({ role: 'user', content: item.text });
    else {
      const isLast = index === history.length - 1;
      prefill = expandModelResponse(item.response, isLast, messages);
    }
  });
  if (history.at(-1)?.type !== 'model') prefill = '';
  return { messages, prefill };
}

/** Appends the messages of one model response; returns the trailing text when it is the last. */
function expandModelResponse(
  response: readonly ModelItem[],
  isLast: boolean,
  out: HermesMessage[],
): string {
  let text = '';
  let hasText = false;
  let calls: ChatModelFunctionCall[] = [];
  let explicitEmpty = false;
  const flush = (): void => {
    const real = calls.filter((c) => c.name !== RESULT_ONLY_CALL);
    const hasAssistant = real.length > 0 || explicitEmpty || hasText;
    if (hasAssistant) {
      const message: HermesMessage = { role: 'assistant', content: text };
      if (real.length > 0 || explicitEmpty) message.tool_calls = real.map(toToolCall);
      out.push(message);
    }
    for (const call of calls) {
      if (call.result !== undefined) out.push({ role: 'tool', content: resultText(call.result) });
    }
    text = '';
    hasText = false;
    calls = [];
    explicitEmpty = false;
  };
  for (const item of response) {
    if (typeof item === 'string') {
      if (calls.length > 0 || explicitEmpty) flush();
      text += item;
      hasText = true;
    } else if (item.type === 'functionCall') {
      if (isEmptyCallMarker(item)) {
        if (calls.length > 0) flush();
        explicitEmpty = true;
        continue;
      }
      if (item.startsNewChunk === true && calls.some((c) => c.name !== RESULT_ONLY_CALL)) flush();
      calls.push(item);
    } else {
      text += item.text;
      hasText = true;
    }
  }
  if (calls.length > 0 || explicitEmpty) {
    flush();
    return '';
  }
  if (isLast) return text;
  flush();
  return '';
}

function functionCallItem(call: HermesToolCall, startsNewChunk: boolean): ChatModelFunctionCall {
  const fn = 'function' in call && call.function !== undefined ? call.function : call;
  const { name, arguments: args } = fn as { name: string; arguments?: unknown };
  return { type: 'functionCall', name, params: args, result: undefined, startsNewChunk };
}

function toToolCall(call: ChatModelFunctionCall): HermesToolCall {
  const params = call.params as string | Record<string, unknown> | undefined;
  return params === undefined
    ? { type: 'function', function: { name: call.name } }
    : { type: 'function', function: { name: call.name, arguments: params } };
}

function resultText(result: unknown): string {
  return typeof result === 'string' ? result : JSON.stringify(result);
}

function isCall(item: ModelItem): boolean {
  return typeof item !== 'string' && item.type === 'functionCall';
}

// `tool_calls: []` is rendered by the template (the content is dropped); a marker keeps it.
const EMPTY_CALLS = '\u0000no-calls';

function emptyCallMarker(): ChatModelFunctionCall {
  return { type: 'functionCall', name: EMPTY_CALLS, params: undefined, result: undefined };
}

function isEmptyCallMarker(item: ChatModelFunctionCall): boolean {
  return item.name === EMPTY_CALLS;
}

import { hermesToolSystemPrompt } from './toolSystemPrompt';
import { pyJsonDumps } from './tojson';
import type { HermesMessage, HermesToolCall, RenderHermesPromptOptions } from './types';

export const HERMES_DEFAULT_BOS_TOKEN = '<|begin_of_text|>';

/**
 * Renders a conversation the way transformers' `apply_chat_template` renders the Hermes 3 GGUF
 * templates: the `tool_use` template when tools are given, else the default ChatML template.
 * Byte-for-byte equal to Jinja2's output (see fixtures/makeGoldens.py), except where the official
 * template breaks (README.md lists those cases and what we render instead).
 *
 * An empty `tools` array counts as "no tools" (transformers would still pick tool_use for `[]`,
 * announcing an empty tool list).
 */
export function renderHermesPrompt(
  messages: readonly HermesMessage[],
  options: RenderHermesPromptOptions = {},
): string {
  const bos = options.bosToken ?? HERMES_DEFAULT_BOS_TOKEN;
  const addGenerationPrompt = options.addGenerationPrompt ?? true;
  const tools = options.tools ?? [];
  const body = tools.length > 0 ? renderToolUse(messages, tools) : renderDefault(messages);
  return bos + body + (addGenerationPrompt ? '<|im_start|>assistant\n' : '');
}

function renderDefault(messages: readonly HermesMessage[]): string {
  return messages.map((m) => `<|im_start|>${m.role}\n${text(m.content)}<|im_end|>\n`).join('');
}

function renderToolUse(
  messages: readonly HermesMessage[],
  tools: NonNullable<RenderHermesPromptOptions['tools']>,
): string {
  let out = `<|im_start|>system\n${hermesToolSystemPrompt(tools)}<|im_end|>\n`;
  messages.forEach((message, i) => {
    const prev = messages[i - 1];
    const next = messages[i + 1];
    const hasCalls = message.tool_calls !== undefined && message.tool_calls !== null;
    if (
      message.role === 'user' ||
      message.role === 'system' ||
      (message.role === 'assistant' && !hasCalls)
    ) {
      out += `<|im_start|>${message.role}\n${text(message.content)}<|im_end|>\n`;
    } else if (message.role === 'assistant') {
      // The template drops an assistant message's content once it carries tool calls.
      out += '<|im_start|>assistant';
      for (const call of message.tool_calls ?? [])
        out += `\n<tool_call>\n${renderCall(call)}\n</tool_call>`;
      out += '<|im_end|>\n';
    } else if (message.role === 'tool') {
      // Consecutive tool results share one turn, which opens only after a non-tool message (so
      // a conversation that starts with a tool message has no opening tag, as in the template).
      if (prev !== undefined && prev.role !== 'tool') out += '<|im_start|>tool\n';
      out += `<tool_response>\n${text(message.content)}`;
      out += next !== undefined ? '\n</tool_response>\n' : '\n</tool_response>';
      // No newline after this <|im_end|>: the next turn follows directly, as in the template.
      if (next === undefined || next.role !== 'tool') out += '<|im_end|>';
    }
  });
  return out;
}

function renderCall(call: HermesToolCall): string {
  const fn = 'function' in call && call.function !== undefined ? call.function : call;
  const { name } = fn as { name: string };
  let out = `{"name": "${name}", `;
  if ('arguments' in fn && fn.arguments !== undefined) {
    const args = fn.arguments;
    out += '"arguments": ' + (typeof args === 'string' ? args : pyJsonDumps(args));
  }
  return out + '}';
}

/** A null content (OpenAI allows it next to tool_calls) renders as empty instead of failing. */
function text(content: string | null | undefined): string {
  return content ?? '';
}

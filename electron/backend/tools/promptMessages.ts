import type { ToolCallRecord } from '../../../shared/contract/tools';
import type { Message } from '../../../shared/contract/types';
import { renderHermesPrompt, type HermesMessage } from '../../../shared/hermes';
import { modelPromptText, type ModelPromptInfo } from '../engine/hermes/modelPromptInfo';
import type { PromptContext } from './ToolStore';

/**
 * Stored messages → the OpenAI-shaped messages the model is given. An assistant message whose
 * calls all parsed is given as `tool_calls` (the template renders them from the parsed name and
 * arguments, edited arguments included); one with a call that could not be parsed keeps its raw
 * text, as the reference loop does. Tool results are `tool` messages, or, when the conversation
 * says 'user', one user message per tool turn with each result wrapped as the reference loop
 * wraps it: `<tool_response>\n{result}\n</tool_response>\n`.
 */
export function promptMessages(
  history: readonly Message[],
  context: PromptContext,
  calls: ReadonlyMap<string, ToolCallRecord[]>,
): HermesMessage[] {
  const out: HermesMessage[] = context.system
    .filter((text) => text.trim() !== '')
    .map((content) => ({ role: 'system', content }));
  let userTurn: string[] | null = null;
  const closeUserTurn = (): void => {
    if (userTurn) out.push({ role: 'user', content: userTurn.join('') });
    userTurn = null;
  };
  for (const message of history) {
    if (message.role === 'tool') {
      if (context.toolResponseRole === 'user') {
        userTurn ??= [];
        userTurn.push(`<tool_response>\n${message.content}\n</tool_response>\n`);
      } else out.push({ role: 'tool', content: message.content });
      continue;
    }
    closeUserTurn();
    if (message.role !== 'assistant') {
      if (message.content || message.role === 'user') {
        out.push({ role: message.role, content: message.content });
      }
      continue;
    }
    const records = calls.get(message.id) ?? [];
    const parsed = records.length > 0 && records.every((r) => r.name !== '' && r.arguments);
    if (parsed) {
      out.push({
        role: 'assistant',
        content: message.content,
        tool_calls: records.map((r) => ({
          type: 'function',
          function: { name: r.name, arguments: r.arguments ?? {} },
        })),
      });
    } else if (message.content) out.push({ role: 'assistant', content: message.content });
  }
  closeUserTurn();
  return out;
}

/**
 * The prompt text a reply was generated from (generation prompt included): the loaded model's own
 * template where `model` is given (as the engine renders it), else the built-in Hermes 3 format.
 */
export function renderPrompt(
  history: readonly Message[],
  context: PromptContext,
  calls: ReadonlyMap<string, ToolCallRecord[]>,
  model: ModelPromptInfo | null = null,
): { text: string; note: string | null } {
  const messages = promptMessages(history, context, calls);
  if (!model) return { text: renderHermesPrompt(messages, { tools: context.tools }), note: null };
  const rendered = modelPromptText(model, messages, { tools: context.tools });
  return { text: rendered.text, note: rendered.note };
}

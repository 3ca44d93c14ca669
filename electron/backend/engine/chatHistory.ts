import type { ChatHistoryItem } from 'node-llama-cpp';
import type { ChatTurn } from '../../../shared/contract/types';

/**
 * Converts contract turns into node-llama-cpp's chat history, ending with the model turn to
 * generate. A trailing assistant turn is continued (a prefill), not answered.
 *
 * ChatML has no tool role in node-llama-cpp's wrapper, so a tool result becomes a user turn
 * wrapped the way Hermes wraps tool output; a Hermes-specific chat wrapper can render it as a
 * real `tool` turn instead.
 */
export function toChatHistory(turns: readonly ChatTurn[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = turns.map((turn): ChatHistoryItem => {
    switch (turn.role) {
      case 'system':
        return { type: 'system', text: turn.content };
      case 'user':
        return { type: 'user', text: turn.content };
      case 'assistant':
        return { type: 'model', response: [turn.content] };
      case 'tool':
        return { type: 'user', text: `<tool_response>\n${turn.content}\n</tool_response>` };
    }
  });
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

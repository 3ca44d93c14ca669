import { z } from 'zod';
import type { ChatRole } from '../contract/types';
import { fromZodError, importError, joinPath } from './importErrors';
import { openAiMessageSchema, type OpenAiMessageInput } from './importSchema';
import { IMPORTED_TITLE } from './talariaImport';
import type { ConversationTree, ImportLimits, TreeMessage } from './types';

const ROLE_MAP: Record<string, ChatRole> = {
  system: 'system',
  // OpenAI's newer name for the system role.
  developer: 'system',
  user: 'user',
  assistant: 'assistant',
  tool: 'tool',
  // The deprecated predecessor of the tool role.
  function: 'tool',
};

const TEXT_PARTS = new Set(['text', 'input_text', 'output_text']);
const TITLE_CHARS = 60;

function contentText(message: OpenAiMessageInput): string {
  const { content } = message;
  let text: string;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    // Images, audio and files cannot be stored; a marker keeps the turn readable.
    text = content
      .map((part) =>
        TEXT_PARTS.has(part.type) && typeof part.text === 'string'
          ? part.text
          : `[${part.type} omitted]`,
      )
      .join('\n');
  } else text = '';
  for (const call of message.tool_calls ?? []) {
    // Written the way a Hermes model writes a call, so the turn reads as it would have here.
    let args = call.function.arguments;
    if (typeof args === 'string') {
      try {
        args = JSON.parse(args) as unknown;
      } catch {
        // Kept as the string it was: the file said so, even if it is not JSON.
      }
    }
    const body = JSON.stringify({ name: call.function.name, arguments: args ?? {} });
    text += `${text ? '\n' : ''}<tool_call>\n${body}\n</tool_call>`;
  }
  return text;
}

function titleFrom(explicit: unknown, messages: readonly TreeMessage[], limits: ImportLimits) {
  if (typeof explicit === 'string' && explicit.trim()) {
    return Array.from(explicit.replace(/\s+/g, ' ').trim()).slice(0, limits.maxTitleChars).join('');
  }
  const first = messages.find((m) => m.role === 'user' && m.content.trim());
  if (!first) return IMPORTED_TITLE;
  const line = first.content.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= TITLE_CHARS ? line : `${chars.slice(0, TITLE_CHARS).join('').trimEnd()}…`;
}

/**
 * A plain OpenAI-style `messages` array as one linear conversation. Leading system (or
 * developer) messages become the system prompt; assistant tool calls become Hermes
 * `<tool_call>` blocks.
 */
export function openAiToTree(
  raw: readonly unknown[],
  where: string,
  options: { limits: ImportLimits; now: number; title?: unknown },
): ConversationTree {
  const { limits, now } = options;
  if (raw.length === 0) throw importError(where, 'there are no messages to import');
  if (raw.length > limits.maxMessagesPerConversation) {
    throw importError(
      where,
      `${raw.length} messages; at most ${limits.maxMessagesPerConversation} per conversation ` +
        'can be imported',
    );
  }
  const parsed = z.array(openAiMessageSchema(limits)).safeParse(raw);
  if (!parsed.success) throw fromZodError(parsed.error, raw, where);

  const systemParts: string[] = [];
  const messages: TreeMessage[] = [];
  parsed.data.forEach((message, index) => {
    const at = joinPath(where, index);
    const role = Object.hasOwn(ROLE_MAP, message.role) ? ROLE_MAP[message.role] : undefined;
    if (!role) {
      throw importError(
        joinPath(at, 'role'),
        `unknown role ${JSON.stringify(message.role.slice(0, 40))} (expected system, developer, ` +
          'user, assistant, tool or function)',
      );
    }
    const content = contentText(message);
    if (content.length > limits.maxContentChars) {
      throw importError(
        joinPath(at, 'content'),
        `${content.length} characters; at most ${limits.maxContentChars} per message`,
      );
    }
    if (role === 'system' && messages.length === 0) {
      systemParts.push(content);
      return;
    }
    const id = `m${index}`;
    const time = now + messages.length;
    messages.push({
      id,
      parentId: messages.at(-1)?.id ?? null,
      role,
      content,
      status: 'complete',
      error: null,
      model: null,
      createdAt: time,
      updatedAt: time,
      stats: null,
    });
  });

  const systemPrompt = systemParts.join('\n\n');
  if (systemPrompt.length > limits.maxSystemPromptChars) {
    throw importError(
      where,
      `the system prompt has ${systemPrompt.length} characters; at most ` +
        `${limits.maxSystemPromptChars} can be imported`,
    );
  }
  return {
    title: titleFrom(options.title, messages, limits),
    systemPrompt,
    sampling: {},
    createdAt: now,
    updatedAt: now + Math.max(0, messages.length - 1),
    pinned: false,
    activeLeafId: messages.at(-1)?.id ?? null,
    messages,
  };
}

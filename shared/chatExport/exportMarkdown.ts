import type { ChatRole, Conversation, Message } from '../contract/types';

const ROLE_HEADINGS: Record<ChatRole, string> = {
  system: 'System',
  user: 'User',
  assistant: 'Assistant',
  tool: 'Tool',
};

const STATUS_NOTES: Record<Message['status'], string | null> = {
  complete: null,
  streaming: 'still being written when exported',
  aborted: 'stopped before the end',
  error: 'failed',
  interrupted: 'interrupted',
};

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Appends the closing fence when a message ends inside a fenced code block (a reply cut off
 * mid-code), so the rest of the document is not swallowed into that block. Fences follow
 * CommonMark: a closing fence uses the same character, is at least as long, and has nothing
 * after it but spaces.
 */
export function closeOpenFence(content: string): string {
  let open: string | null = null;
  for (const line of content.split('\n')) {
    const match = FENCE_OPEN.exec(line.replace(/\r$/, ''));
    if (!match) continue;
    const fence = match[1] ?? '';
    const rest = match[2] ?? '';
    if (open === null) {
      // A backtick fence's info string may not contain backticks; such a line is inline code.
      if (fence.startsWith('`') && rest.includes('`')) continue;
      open = fence;
    } else if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') {
      open = null;
    }
  }
  if (open === null) return content;
  return `${content}${content.endsWith('\n') ? '' : '\n'}${open}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface MarkdownExportOptions {
  /** Adds an "Exported … " line with this time (epoch ms). */
  exportedAt?: number;
}

/**
 * The active branch as Markdown: the title, the system prompt, then each message under a role
 * heading with its text as written (code fences kept). Content is not escaped: the file is
 * Markdown, and whoever renders it must sanitize it like any other Markdown.
 */
export function conversationToMarkdown(
  conversation: Conversation,
  activePath: readonly Message[],
  options: MarkdownExportOptions = {},
): string {
  const blocks: string[] = [`# ${oneLine(conversation.title) || 'Conversation'}`];
  if (options.exportedAt !== undefined) {
    blocks.push(`_Exported from Talaria on ${new Date(options.exportedAt).toISOString()}_`);
  }
  if (conversation.systemPrompt.trim()) {
    blocks.push('## System prompt', closeOpenFence(conversation.systemPrompt.trimEnd()));
  }
  for (const m of activePath) {
    const model = m.role === 'assistant' && m.model ? ` · ${oneLine(m.model)}` : '';
    blocks.push(`## ${ROLE_HEADINGS[m.role]}${model}`);
    if (m.content.trim()) blocks.push(closeOpenFence(m.content.trimEnd()));
    const note = STATUS_NOTES[m.status];
    if (note) blocks.push(`_(${note}${m.error ? `: ${oneLine(m.error)}` : ''})_`);
  }
  return `${blocks.join('\n\n')}\n`;
}

/** Several conversations in one Markdown file, separated by rules. */
export function conversationsToMarkdown(
  items: readonly { conversation: Conversation; activePath: readonly Message[] }[],
  options: MarkdownExportOptions = {},
): string {
  return items
    .map((item) => conversationToMarkdown(item.conversation, item.activePath, options))
    .join('\n---\n\n');
}

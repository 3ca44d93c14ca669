import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../contract/types';
import { closeOpenFence, conversationToMarkdown, conversationsToMarkdown } from './exportMarkdown';

const conversation: Conversation = {
  id: 'c1',
  title: 'Regex\nhelp ',
  systemPrompt: 'You are Hermes.',
  sampling: {},
  createdAt: 0,
  updatedAt: 0,
  activeLeafId: 'm3',
};

function message(id: string, role: Message['role'], content: string, extra: Partial<Message> = {}) {
  return {
    id,
    conversationId: 'c1',
    parentId: null,
    role,
    content,
    status: 'complete',
    error: null,
    model: null,
    createdAt: 0,
    updatedAt: 0,
    stats: null,
    ...extra,
  } satisfies Message;
}

describe('conversationToMarkdown', () => {
  it('writes the title, system prompt and each message under a role heading', () => {
    const md = conversationToMarkdown(
      conversation,
      [
        message('m1', 'user', 'Match digits?'),
        message('m2', 'assistant', 'Use this:\n\n```js\nconst re = /\\d+/;\n```\n', {
          model: 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf',
        }),
        message('m3', 'tool', '{"ok": true}'),
      ],
      { exportedAt: Date.UTC(2025, 0, 2, 3, 4, 5) },
    );
    expect(md).toBe(
      [
        '# Regex help',
        '',
        '_Exported from Talaria on 2025-01-02T03:04:05.000Z_',
        '',
        '## System prompt',
        '',
        'You are Hermes.',
        '',
        '## User',
        '',
        'Match digits?',
        '',
        '## Assistant · Hermes-3-Llama-3.1-8B.Q4_K_M.gguf',
        '',
        'Use this:',
        '',
        '```js',
        'const re = /\\d+/;',
        '```',
        '',
        '## Tool',
        '',
        '{"ok": true}',
        '',
      ].join('\n'),
    );
  });

  it('closes a fence a cut-off reply left open, so later headings stay headings', () => {
    const md = conversationToMarkdown({ ...conversation, systemPrompt: '' }, [
      message('m1', 'assistant', 'Here:\n~~~~python\nprint(1)\n```', { status: 'aborted' }),
      message('m2', 'user', 'thanks'),
    ]);
    expect(md).toContain(
      'print(1)\n```\n~~~~\n\n_(stopped before the end)_\n\n## User\n\nthanks\n',
    );
  });

  it('notes failed messages and keeps hostile markup as text', () => {
    const md = conversationToMarkdown({ ...conversation, title: '<script>x</script>' }, [
      message('m1', 'assistant', '<img src=x onerror=alert(1)>', {
        status: 'error',
        error: 'Engine\ncrashed',
      }),
    ]);
    expect(md).toContain('# <script>x</script>');
    expect(md).toContain('<img src=x onerror=alert(1)>\n\n_(failed: Engine crashed)_');
  });

  it('separates several conversations with rules', () => {
    const md = conversationsToMarkdown([
      { conversation: { ...conversation, title: 'One', systemPrompt: '' }, activePath: [] },
      { conversation: { ...conversation, title: 'Two', systemPrompt: '' }, activePath: [] },
    ]);
    expect(md).toBe('# One\n\n---\n\n# Two\n');
  });
});

describe('closeOpenFence', () => {
  it('leaves balanced or fence-free text alone', () => {
    for (const text of ['plain', '```\na\n```', '~~~\n```\n~~~', 'inline ```code``` here']) {
      expect(closeOpenFence(text)).toBe(text);
    }
  });

  it('closes with the opening fence, honouring length and character', () => {
    expect(closeOpenFence('````md\n```\ninner')).toBe('````md\n```\ninner\n````');
    expect(closeOpenFence('```\n~~~\n')).toBe('```\n~~~\n```');
    expect(closeOpenFence('```\ncode\n``` not a close')).toBe('```\ncode\n``` not a close\n```');
  });
});

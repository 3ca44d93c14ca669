import { describe, expect, it } from 'vitest';
import { TalariaError } from '../contract/errors';
import type { Conversation, Message } from '../contract/types';
import { buildBundle, buildConversationExport, serializeExport } from './exportJson';
import { parseImport, utf8ByteLength } from './parseImport';
import { IMPORTED_STREAMING_ERROR } from './talariaImport';
import type { ConversationExport, ExportSource } from './types';

const conversation: Conversation = {
  id: 'c1',
  title: 'Branches',
  systemPrompt: 'Be kind.',
  sampling: { temperature: 0.2, seed: null },
  createdAt: 100,
  updatedAt: 900,
  activeLeafId: 'a2',
};

function msg(
  id: string,
  parentId: string | null,
  role: Message['role'],
  extra: Partial<Message> = {},
) {
  return {
    id,
    conversationId: 'c1',
    parentId,
    role,
    content: `content of ${id}`,
    status: 'complete',
    error: null,
    model: role === 'assistant' ? 'hermes.gguf' : null,
    createdAt: 100 + id.length,
    updatedAt: 200,
    stats: null,
    ...extra,
  } satisfies Message;
}

const source: ExportSource = {
  conversation,
  pinned: true,
  messages: [
    // Out of order on purpose: the export puts parents first.
    msg('a2', 'u', 'assistant', {
      stats: {
        ttftMs: 5,
        tokensPerSecond: 30,
        promptTokens: 10,
        evaluatedPromptTokens: 10,
        completionTokens: 4,
        durationMs: 140,
        stopReason: 'eos',
      },
    }),
    msg('u', null, 'user'),
    msg('a1', 'u', 'assistant', { status: 'aborted' }),
  ],
};

function exported(): ConversationExport {
  return JSON.parse(serializeExport(buildConversationExport(source, 1234))) as ConversationExport;
}

function importErrorOf(text: string, options?: Parameters<typeof parseImport>[1]): TalariaError {
  try {
    parseImport(text, options);
  } catch (error) {
    if (error instanceof TalariaError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

const withData = (mutate: (data: ConversationExport) => void) => {
  const data = exported();
  mutate(data);
  return JSON.stringify(data);
};

describe('buildConversationExport', () => {
  it('writes the versioned format with all branches parents first and stats apart', () => {
    const data = exported();
    expect(data).toMatchObject({
      format: 'talaria.conversation',
      version: 1,
      exportedAt: 1234,
      conversation: { id: 'c1', title: 'Branches', pinned: true, activeLeafId: 'a2' },
    });
    expect(data.messages.map((m) => [m.id, m.parentId])).toEqual([
      ['u', null],
      ['a2', 'u'],
      ['a1', 'u'],
    ]);
    expect(data.stats).toEqual([{ messageId: 'a2', ...source.messages[0]?.stats }]);
    expect(buildBundle([source, source], 5).conversations).toHaveLength(2);
  });
});

describe('parseImport: our format', () => {
  it('round-trips every branch, stat and setting', () => {
    const [tree, ...rest] = parseImport(serializeExport(buildConversationExport(source, 1)));
    expect(rest).toEqual([]);
    expect(tree).toMatchObject({
      title: 'Branches',
      systemPrompt: 'Be kind.',
      sampling: { temperature: 0.2, seed: null },
      createdAt: 100,
      updatedAt: 900,
      pinned: true,
      activeLeafId: 'a2',
    });
    expect(tree?.messages).toEqual(
      ['u', 'a2', 'a1'].map((id) => {
        const { conversationId: _c, ...m } = source.messages.find((s) => s.id === id) as Message;
        return m;
      }),
    );
  });

  it('reads a bundle, with or without its format tag', () => {
    const bundle = buildBundle([source, { ...source, pinned: false }], 1);
    expect(parseImport(JSON.stringify(bundle)).map((t) => t.pinned)).toEqual([true, false]);
    const untagged = { conversations: bundle.conversations };
    expect(parseImport(JSON.stringify(untagged))).toHaveLength(2);
  });

  it('fills optional fields, picks a leaf when none is given and ends "streaming"', () => {
    const text = JSON.stringify({
      format: 'talaria.conversation',
      version: 1,
      conversation: { title: '  ', createdAt: 5 },
      messages: [
        { id: 'x', parentId: null, role: 'user', content: 'hi', createdAt: 1 },
        {
          id: 'y',
          parentId: 'x',
          role: 'assistant',
          content: 'half',
          status: 'streaming',
          createdAt: 2,
        },
      ],
    });
    const [tree] = parseImport(text);
    expect(tree).toMatchObject({
      title: 'Imported conversation',
      systemPrompt: '',
      sampling: {},
      updatedAt: 5,
      pinned: false,
      activeLeafId: 'y',
    });
    expect(tree?.messages[1]).toMatchObject({
      status: 'interrupted',
      error: IMPORTED_STREAMING_ERROR,
      updatedAt: 2,
      stats: null,
      model: null,
    });
  });

  it('drops unknown keys (including __proto__) instead of failing or polluting', () => {
    const text = serializeExport(buildConversationExport(source, 1)).replace(
      '"format"',
      '"__proto__": {"polluted": true}, "constructor": {"prototype": {"bad": 1}}, "future": 1, "format"',
    );
    const [tree] = parseImport(text);
    expect(tree?.title).toBe('Branches');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['bad']).toBeUndefined();
  });

  it('keeps hostile markup as data, evaluating nothing', () => {
    const payloads = [
      '<script>globalThis.__pwned = 1</script>',
      '<img src=x onerror="globalThis.__pwned=1">',
      '[click](javascript:globalThis.__pwned=1)',
      '```mermaid\ngraph TD; A-->B; click A callback "javascript:alert(1)"\n```',
      '$\\href{javascript:alert(1)}{x}$',
      '{{constructor.constructor("globalThis.__pwned=1")()}}',
      '${globalThis.__pwned = 1}',
    ];
    const text = withData((d) => {
      d.conversation.title = payloads[0] as string;
      d.messages.forEach((m, i) => (m.content = payloads[i] as string));
    });
    const [tree] = parseImport(text);
    expect(tree?.title).toBe(payloads[0]);
    expect(tree?.messages.map((m) => m.content)).toEqual(payloads.slice(0, 3));
    expect((globalThis as Record<string, unknown>)['__pwned']).toBeUndefined();
  });
});

describe('parseImport: bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON', '{"format": ', /not valid JSON/],
    ['a number', '42', /expected a JSON object or a messages array/],
    ['null', 'null', /expected a JSON object or a messages array/],
    ['an unrelated object', '{"hello": "world"}', /not a Talaria export or an OpenAI-style/],
    [
      'an unknown format',
      '{"format": "evil.format"}',
      /^Cannot import this file: format: "evil\.format" is not a format/,
    ],
    [
      'a newer version',
      withData((d) => ((d as { version: number }).version = 2)),
      /exported by a newer Talaria \(format version 2/,
    ],
    [
      'an unknown role',
      withData((d) => ((d.messages[1] as { role: string }).role = 'robot')),
      /^Cannot import this file: messages\[1\]\.role: Invalid option: .* \(got "robot"\)$/,
    ],
    [
      'messages that are not a list',
      withData((d) => ((d as { messages: unknown }).messages = { a: 1 })),
      /^Cannot import this file: messages: .*expected array/,
    ],
    [
      'a missing content',
      withData((d) => delete (d.messages[0] as Partial<Message>).content),
      /messages\[0\]\.content: .*expected string/,
    ],
    [
      'a non-integer timestamp',
      withData((d) => ((d.messages[2] as { createdAt: unknown }).createdAt = 'yesterday')),
      /messages\[2\]\.createdAt: .*\(got "yesterday"\)/,
    ],
    [
      'an out-of-range setting',
      withData((d) => (d.conversation.sampling = { temperature: 99 })),
      /conversation\.sampling\.temperature: Too big/,
    ],
    [
      'a dangling parent',
      withData((d) => ((d.messages[2] as { parentId: string }).parentId = 'gone')),
      /^Cannot import this file: message "a1" replies to "gone", which is not in the file$/,
    ],
    [
      'a parent cycle',
      withData((d) => ((d.messages[0] as { parentId: string }).parentId = 'a2')),
      /^Cannot import this file: messages "u" → "a2" form a cycle/,
    ],
    [
      'a duplicate id',
      withData((d) => ((d.messages[2] as { id: string }).id = 'u')),
      /message id "u" appears twice/,
    ],
    [
      'an active leaf that is not a message',
      withData((d) => (d.conversation.activeLeafId = 'nope')),
      /conversation\.activeLeafId: "nope" is not a message in the file/,
    ],
    [
      'stats for a missing message',
      withData((d) => ((d.stats[0] as { messageId: string }).messageId = 'zz')),
      /stats\[0\]: stats for message "zz", which is not in the file/,
    ],
    [
      'stats given twice',
      withData((d) => d.stats.push({ ...(d.stats[0] as ConversationExport['stats'][0]) })),
      /stats\[1\]: message "a2" has stats twice/,
    ],
    [
      'a bad conversation inside a bundle',
      JSON.stringify({
        conversations: [exported(), { ...exported(), messages: [{ id: 1 }] }],
      }),
      /^Cannot import this file: conversations\[1\]\.messages\[0\]\.id: .*\(got 1\)$/,
    ],
    [
      'a bundle whose conversations is not a list',
      '{"format": "talaria.conversations", "version": 1, "conversations": 3}',
      /conversations: expected a list of conversations/,
    ],
    [
      'deeply nested arrays',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      /^Cannot import this file: messages\[0\]: /,
    ],
  ];

  for (const [name, text, message] of cases) {
    it(`rejects ${name} with INVALID_INPUT`, () => {
      const error = importErrorOf(text);
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    });
  }

  it('refuses files, conversations and messages over the limits', () => {
    const text = serializeExport(buildConversationExport(source, 1));
    expect(importErrorOf(text, { limits: { maxBytes: 100 } }).message).toMatch(
      /^Cannot import this file: the file is larger than 1 KB$/,
    );
    expect(importErrorOf(text, { limits: { maxMessagesPerConversation: 2 } }).message).toMatch(
      /^Cannot import this file: messages: 3 entries; at most 2 per conversation/,
    );
    const bundle = JSON.stringify(buildBundle([source, source, source], 1));
    expect(importErrorOf(bundle, { limits: { maxConversations: 2 } }).message).toMatch(
      /conversations: 3 conversations; at most 2/,
    );
    const long = withData(
      (d) => ((d.messages[0] as { content: string }).content = 'x'.repeat(5_000_001)),
    );
    expect(importErrorOf(long).message).toMatch(/messages\[0\]\.content: Too big/);
  });

  it('measures the size in UTF-8 bytes, not characters', () => {
    expect(utf8ByteLength('aé€😀')).toBe(1 + 2 + 3 + 4);
    const text = JSON.stringify([{ role: 'user', content: '€'.repeat(400) }]);
    expect(text.length).toBeLessThan(1000);
    expect(importErrorOf(text, { limits: { maxBytes: 1000 } }).message).toMatch(/larger than/);
    expect(parseImport(text, { limits: { maxBytes: 1300 } })).toHaveLength(1);
  });

  it('accepts a leading byte-order mark', () => {
    expect(parseImport(`\uFEFF${JSON.stringify([{ role: 'user', content: 'hi' }])}`)).toHaveLength(
      1,
    );
  });
});

describe('parseImport: OpenAI-style messages', () => {
  it('imports a bare array as a linear conversation with the system prompt pulled out', () => {
    const text = JSON.stringify([
      { role: 'system', content: 'You are Hermes.' },
      { role: 'developer', content: 'Answer briefly.' },
      { role: 'user', content: 'What is 2+2? Please answer with a number and nothing else at all' },
      { role: 'assistant', content: '4' },
      { role: 'system', content: 'Late system note' },
    ]);
    const [tree] = parseImport(text, { now: 1000 });
    expect(tree).toMatchObject({
      title: 'What is 2+2? Please answer with a number and nothing else at…',
      systemPrompt: 'You are Hermes.\n\nAnswer briefly.',
      createdAt: 1000,
      updatedAt: 1002,
      activeLeafId: 'm4',
    });
    expect(tree?.messages.map((m) => [m.id, m.parentId, m.role, m.createdAt])).toEqual([
      ['m2', null, 'user', 1000],
      ['m3', 'm2', 'assistant', 1001],
      ['m4', 'm3', 'system', 1002],
    ]);
  });

  it('reads {messages, title}, content parts, tool calls and tool results', () => {
    const text = JSON.stringify({
      title: 'Weather\nlookup',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image_url', image_url: { url: 'https://evil.example/x.png' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'c1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: '{"temp": 21}' },
        { role: 'function', name: 'legacy', content: 'ok' },
      ],
    });
    const [tree] = parseImport(text, { now: 1 });
    expect(tree?.title).toBe('Weather lookup');
    expect(tree?.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Weather in Paris?\n[image_url omitted]'],
      [
        'assistant',
        '<tool_call>\n{"name":"get_weather","arguments":{"city":"Paris"}}\n</tool_call>',
      ],
      ['tool', '{"temp": 21}'],
      ['tool', 'ok'],
    ]);
  });

  it('rejects unknown roles, empty lists and wrong shapes, naming the message', () => {
    const cases: [unknown, RegExp][] = [
      [
        [
          { role: 'user', content: 'a' },
          { role: 'wizard', content: 'b' },
        ],
        /^Cannot import this file: messages\[1\]\.role: unknown role "wizard"/,
      ],
      [[], /messages: there are no messages to import/],
      [{ messages: [] }, /there are no messages to import/],
      [[{ role: 'user', content: 5 }], /messages\[0\]\.content: /],
      [['hello'], /messages\[0\]: .*expected object/],
      [[{ content: 'no role' }], /messages\[0\]\.role: /],
      [[{ role: '__proto__', content: 'x' }], /unknown role "__proto__"/],
      [[{ role: 'constructor', content: 'x' }], /unknown role "constructor"/],
    ];
    for (const [value, message] of cases) {
      const error = importErrorOf(JSON.stringify(value));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
    const many = JSON.stringify(Array.from({ length: 5 }, () => ({ role: 'user', content: 'x' })));
    expect(importErrorOf(many, { limits: { maxMessagesPerConversation: 4 } }).message).toMatch(
      /5 messages; at most 4 per conversation/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { placeStreamStart, regenerableMessageId, replaceMessage } from './messageOps';
import { testMessage as msg } from './testMessage';

const base = [msg('u1', null, 'user'), msg('a1', 'u1', 'assistant')];

describe('placeStreamStart', () => {
  it('appends a sent user message and its streaming reply after the leaf', () => {
    const out = placeStreamStart(base, {
      streamId: 's',
      conversationId: 'c1',
      userMessage: msg('u2', 'a1', 'user'),
      assistantMessage: msg('a2', 'u2', 'assistant', { status: 'streaming' }),
    });
    expect(out.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });

  it('replaces the old reply when regenerating', () => {
    const out = placeStreamStart(base, {
      streamId: 's',
      conversationId: 'c1',
      userMessage: null,
      assistantMessage: msg('a1b', 'u1', 'assistant', { status: 'streaming' }),
    });
    expect(out.map((m) => m.id)).toEqual(['u1', 'a1b']);
  });

  it('does not duplicate messages already shown', () => {
    const start = {
      streamId: 's',
      conversationId: 'c1',
      userMessage: msg('u2', 'a1', 'user'),
      assistantMessage: msg('a2', 'u2', 'assistant'),
    };
    const out = placeStreamStart(placeStreamStart(base, start), start);
    expect(out.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });
});

describe('replaceMessage', () => {
  it('swaps the message with the same id', () => {
    const r = replaceMessage(base, msg('a1', 'u1', 'assistant', { content: 'final' }));
    expect(r.found).toBe(true);
    expect(r.messages[1]!.content).toBe('final');
  });

  it('reports a message that is not shown', () => {
    expect(replaceMessage(base, msg('zz', 'u1', 'assistant')).found).toBe(false);
  });
});

describe('regenerableMessageId', () => {
  it('is the last assistant message unless it is still streaming', () => {
    expect(regenerableMessageId(base)).toBe('a1');
    expect(regenerableMessageId([base[0]!])).toBeNull();
    expect(
      regenerableMessageId([base[0]!, msg('a', 'u1', 'assistant', { status: 'streaming' })]),
    ).toBeNull();
  });
});

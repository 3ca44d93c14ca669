import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ToolCallRecord } from '../../../../shared/contract/tools';
import type { Message } from '../../../../shared/contract/types';
import { testMessage } from '../chat/testMessage';
import {
  applyMessageEvent,
  applyToolCallEvent,
  upsertCall,
  upsertMessage,
  type ToolEventTarget,
} from './toolEvents';

const msg = (id: string, parentId: string | null, patch: Partial<Message> = {}): Message =>
  testMessage(id, parentId, 'assistant', patch);

function call(id: string, patch: Partial<ToolCallRecord> = {}): ToolCallRecord {
  return {
    id,
    conversationId: 'c1',
    messageId: 'a1',
    resultMessageId: null,
    index: 0,
    depth: 1,
    name: 'calculator',
    arguments: { expression: '1+1' },
    raw: '',
    status: 'pending',
    result: null,
    error: null,
    durationMs: null,
    createdAt: 0,
    updatedAt: 0,
    ...patch,
  };
}

const branch = [msg('u1', null, { role: 'user' }), msg('a1', 'u1')];

describe('upsertCall', () => {
  it('adds cards in call order and replaces a card by id', () => {
    let out = upsertCall(branch, call('k2', { index: 1 }));
    out = upsertCall(out!, call('k1', { index: 0 }));
    expect(out?.[1]?.toolCalls?.map((c) => c.id)).toEqual(['k1', 'k2']);
    out = upsertCall(out!, call('k2', { index: 1, status: 'done', result: '2' }));
    expect(out?.[1]?.toolCalls?.map((c) => c.status)).toEqual(['pending', 'done']);
    expect(branch[1]?.toolCalls).toBeUndefined();
  });

  it('ignores calls of messages not in the branch', () => {
    expect(upsertCall(branch, call('k', { messageId: 'other' }))).toBeNull();
  });
});

describe('upsertMessage', () => {
  it('replaces a known message but keeps cards the event does not carry', () => {
    const withCard = upsertCall(branch, call('k1'))!;
    const out = upsertMessage(withCard, msg('a1', 'u1', { content: 'final' }));
    expect(out?.[1]).toMatchObject({ content: 'final', toolCalls: [{ id: 'k1' }] });
    const replaced = upsertMessage(withCard, msg('a1', 'u1', { toolCalls: [] }));
    expect(replaced?.[1]?.toolCalls).toEqual([]);
  });

  it('puts a new message after its parent as the end of the branch', () => {
    const out = upsertMessage(branch, msg('t1', 'a1', { role: 'tool' }));
    expect(out?.map((m) => m.id)).toEqual(['u1', 'a1', 't1']);
    const fork = upsertMessage(out!, msg('a2', 'u1'));
    expect(fork?.map((m) => m.id)).toEqual(['u1', 'a2']);
    expect(upsertMessage(branch, msg('x', 'nowhere'))).toBeNull();
  });
});

describe('applying the events to a store', () => {
  const make = () =>
    createStore<ToolEventTarget>()(() => ({
      conversationId: 'c1',
      messages: branch,
      streams: { s1: { streamId: 's1', messageId: 'a1', text: 'old text' } },
    }));

  it('moves the stream on to the next message of the loop', () => {
    const store = make();
    applyMessageEvent(store, {
      streamId: 's1',
      conversationId: 'c1',
      message: msg('t1', 'a1', { role: 'tool', content: '{"r": 2}' }),
    });
    applyMessageEvent(store, {
      streamId: 's1',
      conversationId: 'c1',
      message: msg('a2', 't1', { content: '', status: 'streaming' }),
    });
    const state = store.getState();
    expect(state.messages.map((m) => m.id)).toEqual(['u1', 'a1', 't1', 'a2']);
    expect(state.streams.s1).toMatchObject({ messageId: 'a2', text: '' });
  });

  it('shows a JSON-mode retry as being written again, from an empty text', () => {
    const store = make();
    applyMessageEvent(store, {
      streamId: 's1',
      conversationId: 'c1',
      message: msg('a1', 'u1', { content: '', status: 'complete' }),
    });
    expect(store.getState().messages[1]).toMatchObject({ content: '', status: 'streaming' });
    expect(store.getState().streams.s1).toMatchObject({ messageId: 'a1', text: '' });
  });

  it('keeps a finished loop step as finished while the stream moves on', () => {
    const store = make();
    applyMessageEvent(store, {
      streamId: 's1',
      conversationId: 'c1',
      message: msg('a1', 'u1', { content: '<tool_call>{}</tool_call>', status: 'complete' }),
    });
    expect(store.getState().messages[1]?.status).toBe('complete');
    expect(store.getState().streams.s1?.text).toBe('old text');
  });

  it('updates cards only for the conversation shown', () => {
    const store = make();
    applyToolCallEvent(store, { streamId: 's1', conversationId: 'c2', call: call('k1') });
    expect(store.getState().messages[1]?.toolCalls).toBeUndefined();
    applyToolCallEvent(store, { streamId: 's1', conversationId: 'c1', call: call('k1') });
    expect(store.getState().messages[1]?.toolCalls).toHaveLength(1);
  });

  it('retargets a stream of a conversation that is not shown, without touching the branch', () => {
    const store = make();
    store.setState({ conversationId: 'c9' });
    applyMessageEvent(store, {
      streamId: 's1',
      conversationId: 'c1',
      message: msg('a1', 'u1', { content: '', status: 'streaming' }),
    });
    expect(store.getState().streams.s1?.text).toBe('');
    expect(store.getState().messages).toBe(branch);
  });
});

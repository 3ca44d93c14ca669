import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  applySnapshot,
  createStream,
  liveTokensPerSecond,
  type StreamState,
} from './streamReducer';

const id = { streamId: 's1', conversationId: 'c1', messageId: 'm1' };

function feed(state: StreamState, seqs: number[], now = 0): StreamState {
  let s = state;
  for (const seq of seqs) s = applyDelta(s, { seq, text: `[${seq}]`, tokens: seq }, now).state;
  return s;
}

describe('applyDelta', () => {
  it('appends consecutive deltas in order', () => {
    const s = feed(createStream(id), [1, 2, 3]);
    expect(s.text).toBe('[1][2][3]');
    expect(s.seq).toBe(3);
    expect(s.resyncing).toBe(false);
  });

  it('ignores a duplicate delta', () => {
    const s = feed(createStream(id), [1, 2, 2, 1]);
    expect(s.text).toBe('[1][2]');
  });

  it('asks for a snapshot on a gap and holds later deltas back', () => {
    let s = feed(createStream(id), [1]);
    const gap = applyDelta(s, { seq: 3, text: '[3]', tokens: 3 }, 0);
    expect(gap.needsAttach).toBe(true);
    s = gap.state;
    expect(s.resyncing).toBe(true);
    expect(s.text).toBe('[1]');
    const more = applyDelta(s, { seq: 4, text: '[4]', tokens: 4 }, 0);
    expect(more.needsAttach).toBe(false);
    expect(more.state.text).toBe('[1]');
  });

  it('buffers everything for a stream joined mid-way until the snapshot arrives', () => {
    const s = feed(createStream(id, true), [7, 8]);
    expect(s.text).toBe('');
    const done = applySnapshot(s, { text: 'abc', seq: 6 });
    expect(done.needsAttach).toBe(false);
    expect(done.state.text).toBe('abc[7][8]');
    expect(done.state.seq).toBe(8);
  });
});

describe('applySnapshot', () => {
  it('replaces the text and replays only the held deltas newer than the snapshot', () => {
    let s = feed(createStream(id), [1]);
    s = feed(s, [3, 4, 5]);
    const r = applySnapshot(s, { text: 'ONE-TWO-THREE', seq: 3 });
    expect(r.state.text).toBe('ONE-TWO-THREE[4][5]');
    expect(r.state.seq).toBe(5);
    expect(r.state.resyncing).toBe(false);
    expect(r.state.pending).toEqual([]);
  });

  it('stays resyncing when the held deltas still have a hole after the snapshot', () => {
    let s = feed(createStream(id), [1]);
    s = feed(s, [3, 6]);
    const r = applySnapshot(s, { text: 'x', seq: 4 });
    expect(r.needsAttach).toBe(true);
    expect(r.state.resyncing).toBe(true);
    expect(r.state.text).toBe('x');
    expect(r.state.pending.map((p) => p.seq)).toEqual([6]);
  });

  it('ignores a stale snapshot when nothing is missing', () => {
    const s = feed(createStream(id), [1, 2]);
    const r = applySnapshot(s, { text: 'old', seq: 1 });
    expect(r.state.text).toBe('[1][2]');
  });
});

describe('liveTokensPerSecond', () => {
  it('measures tokens after the first delta over the time since it', () => {
    let s = createStream(id);
    s = applyDelta(s, { seq: 1, text: 'a', tokens: 2 }, 1000).state;
    expect(liveTokensPerSecond(s)).toBeNull();
    s = applyDelta(s, { seq: 2, text: 'b', tokens: 22 }, 3000).state;
    expect(liveTokensPerSecond(s)).toBeCloseTo(10);
  });
});

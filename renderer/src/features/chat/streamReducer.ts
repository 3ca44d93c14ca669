/**
 * Folds `chat.delta` events into the text of one stream. Deltas are numbered 1, 2, 3 … per
 * stream; a duplicate is ignored, a gap puts the stream into "resyncing": later deltas are held
 * back until a `chat.attach` snapshot replaces the text, then the held ones that follow it are
 * applied. Pure, so the protocol rules are tested without a server.
 */

export interface StreamIdentity {
  streamId: string;
  conversationId: string;
  messageId: string;
}

export interface IncomingDelta {
  seq: number;
  text: string;
  /** Completion tokens generated so far. */
  tokens: number;
}

export interface StreamState extends StreamIdentity {
  text: string;
  /** Seq of the last delta folded into `text`. */
  seq: number;
  tokens: number;
  /** When the first delta arrived (client clock), for live tokens/s. */
  firstDeltaAt: number | null;
  /** Tokens already counted by the first delta: they were produced before the clock started. */
  firstDeltaTokens: number;
  lastDeltaAt: number | null;
  /** True while the text is known to be incomplete and a snapshot is awaited. */
  resyncing: boolean;
  /** Deltas received while resyncing, applied after the snapshot. */
  pending: IncomingDelta[];
}

export interface SnapshotLike {
  text: string;
  seq: number;
}

export interface StreamOutcome {
  state: StreamState;
  /** The caller must request a snapshot (`chat.attach`) for this stream. */
  needsAttach: boolean;
}

/** A new stream; `resyncing` for one joined mid-way (re-attach after a reload). */
export function createStream(identity: StreamIdentity, resyncing = false): StreamState {
  return {
    ...identity,
    text: '',
    seq: 0,
    tokens: 0,
    firstDeltaAt: null,
    firstDeltaTokens: 0,
    lastDeltaAt: null,
    resyncing,
    pending: [],
  };
}

function withTiming(state: StreamState, delta: IncomingDelta, now: number): StreamState {
  const first = state.firstDeltaAt === null;
  return {
    ...state,
    tokens: Math.max(state.tokens, delta.tokens),
    firstDeltaAt: first ? now : state.firstDeltaAt,
    firstDeltaTokens: first ? delta.tokens : state.firstDeltaTokens,
    lastDeltaAt: now,
  };
}

export function applyDelta(state: StreamState, delta: IncomingDelta, now: number): StreamOutcome {
  if (delta.seq <= state.seq) return { state, needsAttach: false };
  if (state.resyncing) {
    if (state.pending.some((p) => p.seq === delta.seq)) return { state, needsAttach: false };
    const timed = withTiming(state, delta, now);
    return { state: { ...timed, pending: [...state.pending, delta] }, needsAttach: false };
  }
  const timed = withTiming(state, delta, now);
  if (delta.seq !== state.seq + 1) {
    return { state: { ...timed, resyncing: true, pending: [delta] }, needsAttach: true };
  }
  return { state: { ...timed, text: state.text + delta.text, seq: delta.seq }, needsAttach: false };
}

/** Replaces the text with a server snapshot, then replays the held-back deltas that follow it. */
export function applySnapshot(state: StreamState, snapshot: SnapshotLike): StreamOutcome {
  if (!state.resyncing && snapshot.seq <= state.seq) return { state, needsAttach: false };
  const useSnapshot = snapshot.seq >= state.seq;
  let text = useSnapshot ? snapshot.text : state.text;
  let seq = useSnapshot ? snapshot.seq : state.seq;
  const held = state.pending.filter((p) => p.seq > seq).sort((a, b) => a.seq - b.seq);
  for (let i = 0; i < held.length; i++) {
    const delta = held[i]!;
    if (delta.seq !== seq + 1) {
      return {
        state: { ...state, text, seq, resyncing: true, pending: held.slice(i) },
        needsAttach: true,
      };
    }
    text += delta.text;
    seq = delta.seq;
  }
  return { state: { ...state, text, seq, resyncing: false, pending: [] }, needsAttach: false };
}

/**
 * Tokens per second since the first delta. The first delta's tokens are left out because they
 * were generated before the clock started (that time is TTFT, not throughput).
 */
export function liveTokensPerSecond(state: StreamState): number | null {
  if (state.firstDeltaAt === null || state.lastDeltaAt === null) return null;
  const seconds = (state.lastDeltaAt - state.firstDeltaAt) / 1000;
  const tokens = state.tokens - state.firstDeltaTokens;
  if (seconds < 0.25 || tokens <= 0) return null;
  return tokens / seconds;
}

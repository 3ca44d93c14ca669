import type { ChatDeltaEvent, ChatDoneEvent, ChatErrorEvent } from '../../../../shared/contract';

export type StreamEvent =
  | { kind: 'delta'; data: ChatDeltaEvent }
  | { kind: 'done'; data: ChatDoneEvent }
  | { kind: 'error'; data: ChatErrorEvent };

/** How many unknown streams are remembered; older ones are forgotten first. */
const MAX_STREAMS = 16;

/**
 * Holds the events of streams the client does not know yet (they can overtake the answer to
 * `chat.send`), to be replayed in order once the stream is registered.
 */
export class EarlyEvents {
  private readonly byStream = new Map<string, StreamEvent[]>();

  hold(event: StreamEvent): void {
    const id = event.data.streamId;
    const list = this.byStream.get(id);
    if (list) {
      list.push(event);
      return;
    }
    this.byStream.set(id, [event]);
    while (this.byStream.size > MAX_STREAMS) {
      const oldest = this.byStream.keys().next().value;
      if (oldest === undefined) break;
      this.byStream.delete(oldest);
    }
  }

  take(streamId: string): StreamEvent[] {
    const list = this.byStream.get(streamId) ?? [];
    this.byStream.delete(streamId);
    return list;
  }
}

import type { RpcErrorShape } from '../contract/errors';

/** Bumped on any incompatible change to the envelopes or the contract. */
export const PROTOCOL_VERSION = 1;

export type HelloMessage = { t: 'hello'; version: number };
export type RequestMessage = { t: 'req'; id: number; method: string; params: unknown };
export type ResponseMessage =
  | { t: 'res'; id: number; ok: true; result: unknown }
  | { t: 'res'; id: number; ok: false; error: RpcErrorShape };
export type EventMessage = { t: 'evt'; name: string; data: unknown };
export type CancelMessage = { t: 'cancel'; id: number };

/** Everything that travels on a transport. JSON only, so IPC, WebSocket and fork behave alike. */
export type WireMessage =
  HelloMessage | RequestMessage | ResponseMessage | EventMessage | CancelMessage;

/**
 * A bidirectional message pipe. Implementations: in-memory pair, WebSocket (browser and `ws`),
 * Electron IPC, and a process port (child_process.fork / utilityProcess).
 */
export interface Transport {
  send(message: WireMessage): void;
  /** Returns an unsubscribe function. */
  onMessage(listener: (message: WireMessage) => void): () => void;
  onClose(listener: () => void): () => void;
  close(): void;
  /** Flow control, where the transport can push back (the host's WebSocket). */
  flow?: TransportFlow;
}

/**
 * Lets a server stop feeding a peer that does not read its answers: no new work while the
 * send buffer is over its mark, and no more reading while too many requests wait.
 */
export interface TransportFlow {
  /** True while more unsent bytes wait than the transport wants to hold. */
  congested(): boolean;
  /** Called when the send buffer has drained below its mark again. */
  onDrain(listener: () => void): () => void;
  /** Stops reading the peer's messages (TCP then pushes back on its writes). */
  pauseReading(): void;
  resumeReading(): void;
}

/** Checks the outer shape of an incoming message; anything else is dropped by the receiver. */
export function isWireMessage(value: unknown): value is WireMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.t) {
    case 'hello':
      return typeof m.version === 'number';
    case 'req':
      return typeof m.id === 'number' && typeof m.method === 'string';
    case 'res':
      return typeof m.id === 'number' && typeof m.ok === 'boolean';
    case 'evt':
      return typeof m.name === 'string';
    case 'cancel':
      return typeof m.id === 'number';
    default:
      return false;
  }
}

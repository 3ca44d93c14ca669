import type { ZodType } from 'zod';

/** A method map: each method names its params and result types. */
export type MethodMap = Record<string, { params: unknown; result: unknown }>;
/** An event map: each event names its payload type. */
export type EventMap = Record<string, unknown>;

export type ParamsOf<M extends MethodMap, K extends keyof M> = M[K]['params'];
export type ResultOf<M extends MethodMap, K extends keyof M> = M[K]['result'];

/** Run-time validators of every method's params; the server rejects what does not parse. */
export type ParamSchemas<M extends MethodMap> = { [K in keyof M]: ZodType<M[K]['params']> };

export interface CallContext {
  /** Aborted when the caller sends `cancel` or its connection closes. */
  signal: AbortSignal;
  /** Identifies the connection that made the call (for per-client state). */
  connectionId: number;
}

export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (params: M[K]['params'], ctx: CallContext) => Promise<M[K]['result']>;
};

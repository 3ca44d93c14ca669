import type { ZodType } from 'zod';

/** A method map: each method names its params and result types. */
export type MethodMap = Record<string, { params: unknown; result: unknown }>;
/** An event map: each event names its payload type. */
export type EventMap = Record<string, unknown>;

export type ParamsOf<M extends MethodMap, K extends keyof M> = M[K]['params'];
export type ResultOf<M extends MethodMap, K extends keyof M> = M[K]['result'];

/**
 * One method's declaration: its params schema (validated by the server before a handler runs)
 * and its result schema. The method's types are inferred from these, never written twice.
 */
export interface MethodSpec<P = unknown, R = unknown> {
  params: ZodType<P>;
  result: ZodType<R>;
}

/** The method map a table of declarations describes. */
export type MethodsOf<S extends Record<string, MethodSpec>> = {
  [K in keyof S]: {
    params: S[K]['params']['_zod']['output'];
    result: S[K]['result']['_zod']['output'];
  };
};

/** What the server needs of a method map: the params schema of every method. */
export type ParamSchemas<M extends MethodMap> = {
  [K in keyof M]: { params: ZodType<M[K]['params']> };
};

export interface CallContext {
  /** Aborted when the caller sends `cancel` or its connection closes. */
  signal: AbortSignal;
  /** Identifies the connection that made the call (for per-client state). */
  connectionId: number;
}

export type Handlers<M extends MethodMap> = {
  [K in keyof M]: (params: M[K]['params'], ctx: CallContext) => Promise<M[K]['result']>;
};

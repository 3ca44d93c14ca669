import { z } from 'zod';
import type { MethodSpec } from '../rpc/types';
import type { ErrorCode } from './errors';

/**
 * How a contract method is declared: its params schema (validated at run time by the server),
 * its result schema, and the error codes it can answer with beyond the ones every method can
 * (INVALID_INPUT for params that do not parse, INTERNAL, TRANSPORT_CLOSED). The TypeScript types
 * of params and result are inferred from the schemas.
 */
export interface MethodDecl<P = unknown, R = unknown> extends MethodSpec<P, R> {
  errors: readonly ErrorCode[];
}

export function method<P, R>(decl: {
  params: z.ZodType<P>;
  result: z.ZodType<R>;
  errors?: readonly ErrorCode[];
}): MethodDecl<P, R> {
  return { params: decl.params, result: decl.result, errors: decl.errors ?? [] };
}

/**
 * The schema of a result the backend builds itself from typed code (a stored row, a status):
 * declared with its type, not parsed on the way out, since nothing untrusted produced it.
 */
export function returns<T>(): z.ZodType<T> {
  return z.custom<T>();
}

/** An id of a stored row (conversation, message, preset …). */
export const id = z.string().min(1).max(200);
/** Params of a method that takes none. */
export const empty = z.object({}).strict();
/** `{ ok: true }`, the result of a method that only acts. */
export const ok = z.object({ ok: z.literal(true) });
export type Ok = z.infer<typeof ok>;

/** No list method answers more rows than this in one request (nor by default). */
export const MAX_PAGE_LIMIT = 1000;

/** The paging params every list method takes: at most MAX_PAGE_LIMIT rows from `offset`. */
export const pageParams = {
  limit: z.number().int().min(1).max(MAX_PAGE_LIMIT).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
};

/** One page of `items` (a list method over rows it already holds in memory). */
export function pageOf<T>(
  items: readonly T[],
  page: { limit?: number; offset?: number },
): { items: T[]; total: number } {
  const offset = page.offset ?? 0;
  const limit = page.limit ?? MAX_PAGE_LIMIT;
  return { items: items.slice(offset, offset + limit), total: items.length };
}

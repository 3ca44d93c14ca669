type Intersect<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/**
 * Joins the handler groups of every feature into one table, and throws when two groups define
 * the same method: a handler is never replaced silently. The caller assigns the result to
 * `Handlers<TalariaMethods>`, so a method without a handler does not compile.
 */
export function registerHandlers<G extends object[]>(...groups: G): Intersect<G[number]> {
  const table: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (Object.hasOwn(table, name)) {
        throw new Error(`Two handlers are registered for "${name}".`);
      }
      table[name] = handler;
    }
  }
  return table as Intersect<G[number]>;
}

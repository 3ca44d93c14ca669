interface Node {
  id: string;
  parentId: string | null;
}

/** Builds the error for a problem found in the tree (the caller says where and which code). */
export type TreeErrorFactory = (problem: string) => Error;

function quote(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
}

/**
 * Orders messages so every parent comes before its replies (the order they can be inserted
 * in), keeping the file's order among siblings. Rejects duplicate ids, parents that are not in
 * the list and parent cycles with `fail(problem)`, naming the messages involved. Iterative: a
 * 100,000-deep chain cannot overflow the stack.
 */
export function orderParentsFirst<T extends Node>(
  messages: readonly T[],
  fail: TreeErrorFactory,
): T[] {
  const byId = new Map<string, T>();
  for (const m of messages) {
    if (byId.has(m.id)) throw fail(`message id ${quote(m.id)} appears twice`);
    byId.set(m.id, m);
  }
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const m of messages) {
    if (m.parentId === null) {
      roots.push(m);
      continue;
    }
    if (!byId.has(m.parentId)) {
      throw fail(
        `message ${quote(m.id)} replies to ${quote(m.parentId)}, which is not in the file`,
      );
    }
    const list = children.get(m.parentId);
    if (list) list.push(m);
    else children.set(m.parentId, [m]);
  }

  const ordered: T[] = [];
  const stack = roots.slice().reverse();
  while (stack.length > 0) {
    const m = stack.pop() as T;
    ordered.push(m);
    const replies = children.get(m.id);
    if (replies) for (let i = replies.length - 1; i >= 0; i--) stack.push(replies[i] as T);
  }
  if (ordered.length < messages.length) throw fail(cycleProblem(messages, byId, ordered));
  return ordered;
}

function cycleProblem<T extends Node>(
  messages: readonly T[],
  byId: Map<string, T>,
  reached: readonly T[],
): string {
  const reachedIds = new Set(reached.map((m) => m.id));
  const start = messages.find((m) => !reachedIds.has(m.id)) as T;
  // Every unreached message leads up into a cycle; walk up until an id repeats.
  const seen = new Map<string, number>();
  const path: string[] = [];
  let current: T | undefined = start;
  while (current && !seen.has(current.id)) {
    seen.set(current.id, path.length);
    path.push(current.id);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  const cycle = current ? path.slice(seen.get(current.id)) : path;
  const shown = cycle.slice(0, 5).map(quote).join(' → ');
  return (
    `messages ${shown}${cycle.length > 5 ? ' → …' : ''} form a cycle of replies ` +
    `(each one's parentId leads back to itself)`
  );
}

/**
 * The leaf to show when a file does not say: follow the newest reply from the newest root,
 * which is the branch the user last wrote in. Messages must be ordered parents first.
 */
export function newestBranchLeaf<T extends Node & { createdAt: number }>(
  messages: readonly T[],
): string | null {
  const newestChild = new Map<string | null, T>();
  for (const m of messages) {
    const best = newestChild.get(m.parentId);
    if (!best || m.createdAt >= best.createdAt) newestChild.set(m.parentId, m);
  }
  let leaf: T | undefined = newestChild.get(null);
  for (let next = leaf; next; next = newestChild.get(next.id)) leaf = next;
  return leaf?.id ?? null;
}

import type { BranchGroup } from '../../../../shared/contract';
import type { Message } from '../../../../shared/contract/types';

/** Sibling ids by parent id; the roots are under ''. */
export type BranchMap = Record<string, string[]>;

export function branchMap(groups: readonly BranchGroup[]): BranchMap {
  const map: BranchMap = {};
  for (const g of groups) map[g.parentId ?? ''] = g.messageIds;
  return map;
}

export interface BranchPosition {
  /** 1-based position among the siblings. */
  index: number;
  count: number;
  previousId: string | null;
  nextId: string | null;
}

/** Where a message sits among its siblings; null when it has none. */
export function branchPosition(map: BranchMap, message: Message): BranchPosition | null {
  const siblings = map[message.parentId ?? ''];
  if (!siblings || siblings.length < 2) return null;
  const at = siblings.indexOf(message.id);
  if (at < 0) return null;
  return {
    index: at + 1,
    count: siblings.length,
    previousId: siblings[at - 1] ?? null,
    nextId: siblings[at + 1] ?? null,
  };
}

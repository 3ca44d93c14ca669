import type { PromptAssemblyRecord } from '../../../../shared/contract/personas';
import type {
  LoreActivationReason,
  LorePosition,
  LoreScanSources,
  PromptSection,
  PromptSectionKind,
} from '../../../../shared/personas';

export const KIND_LABELS: Record<PromptSectionKind, string> = {
  systemPrompt: 'System prompt',
  lorebook: 'Lorebook',
  description: 'Description',
  personality: 'Personality',
  scenario: 'Scenario',
  persona: 'Persona',
  exampleDialogue: 'Example dialogue',
  history: 'History',
  postHistoryInstructions: 'Post-history instructions',
  generationPrompt: 'Generation prompt',
};

const FIELDS: Record<keyof LoreScanSources, string> = {
  personaDescription: 'the persona description',
  characterDescription: 'the character’s description',
  characterPersonality: 'the character’s personality',
  scenario: 'the scenario',
  creatorNotes: 'the creator notes',
};

const POSITIONS: Record<Exclude<LorePosition, 'at_depth'>, string> = {
  before_char: 'before the character',
  after_char: 'after the character',
  before_examples: 'before the examples',
  after_examples: 'after the examples',
};

export interface SectionRow {
  key: string;
  kind: PromptSectionKind;
  kindLabel: string;
  label: string;
  /** Why a lorebook entry is there and where it went; a history turn's speaker. */
  detail: string | null;
  text: string;
  tokens: number;
  included: boolean;
  reason: string | null;
}

/** One line of the Sections view: a section, or a run of history turns shown as one. */
export type SectionItem =
  | { type: 'section'; row: SectionRow }
  | { type: 'history'; key: string; rows: SectionRow[]; tokens: number; cut: number };

function messagesBack(n: number): string {
  if (n <= 0) return 'the latest message';
  if (n === 1) return 'the previous message';
  return `a message ${n} back`;
}

/** Why a lorebook entry was activated, in words: "Key “forest” in the latest message". */
export function activationText(
  reason: LoreActivationReason,
  historyIds: readonly string[],
): string {
  const where = reason.matchedIn;
  if (where.kind === 'constant' || reason.key === null) return 'Constant — always included';
  const key = `Key “${reason.key}”`;
  const also = reason.secondaryKeys?.length
    ? ` with ${reason.secondaryKeys.map((k) => `“${k}”`).join(', ')}`
    : '';
  switch (where.kind) {
    case 'message': {
      const at = where.messageId ? historyIds.indexOf(where.messageId) : -1;
      const index = at >= 0 ? at : where.messageIndex;
      return `${key}${also} in ${messagesBack(historyIds.length - 1 - index)}`;
    }
    case 'field':
      return `${key}${also} in ${FIELDS[where.field]}`;
    case 'entry':
      return `${key}${also} in the entry “${where.label}” (recursive scan)`;
  }
}

function positionText(section: PromptSection): string | null {
  const lore = section.lore;
  if (!lore) return null;
  if (lore.position === 'at_depth') {
    return `in the chat, ${lore.depth} ${lore.depth === 1 ? 'message' : 'messages'} from the end`;
  }
  return POSITIONS[lore.position];
}

function toRow(section: PromptSection, historyIds: readonly string[]): SectionRow {
  let detail: string | null = null;
  if (section.lore) {
    const why = activationText(section.lore.activation, historyIds);
    const where = positionText(section);
    detail = where ? `${why} · ${where}` : why;
  }
  return {
    key: section.key,
    kind: section.kind,
    kindLabel: KIND_LABELS[section.kind],
    label: section.label,
    detail,
    text: section.text,
    tokens: section.tokens,
    included: section.included,
    reason: section.included ? null : (section.reason ?? 'Left out.'),
  };
}

/** The assembly's sections in prompt order, consecutive history turns folded into one item. */
export function sectionItems(assembly: PromptAssemblyRecord): SectionItem[] {
  const historyIds = assembly.sections
    .filter((s) => s.kind === 'history')
    .map((s) => s.messageId ?? s.key);
  const items: SectionItem[] = [];
  for (const section of assembly.sections) {
    const row = toRow(section, historyIds);
    const last = items.at(-1);
    if (section.kind !== 'history') items.push({ type: 'section', row });
    else if (last?.type === 'history') {
      last.rows.push(row);
      if (row.included) last.tokens += row.tokens;
      else last.cut += 1;
    } else {
      items.push({
        type: 'history',
        key: `history-run:${row.key}`,
        rows: [row],
        tokens: row.included ? row.tokens : 0,
        cut: row.included ? 0 : 1,
      });
    }
  }
  return items;
}

/** "1,234 / 4,096 tokens" plus the share of the budget, for the totals bar. */
export function totals(tokens: PromptAssemblyRecord['tokens']): {
  text: string;
  percent: number;
  fits: boolean;
} {
  const percent = tokens.budget > 0 ? Math.round((tokens.total / tokens.budget) * 100) : 0;
  return {
    text: `${tokens.total.toLocaleString('en-US')} / ${tokens.budget.toLocaleString('en-US')} tokens`,
    percent,
    fits: tokens.fits,
  };
}

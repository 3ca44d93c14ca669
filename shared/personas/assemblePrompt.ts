import { TalariaError } from '../contract/errors';
import type { ChatTurn } from '../contract/types';
import { HERMES_DEFAULT_BOS_TOKEN, renderHermesPrompt } from '../hermes';
import { buildSections, type DraftSection } from './buildSections';
import type { AssembledPrompt, AssemblePromptInput, PromptSection } from './promptTypes';

const CUT_REASONS = [
  'The context was full: the oldest messages are left out first.',
  'The context was full even without older messages: example dialogues go next.',
  'The context was full: lorebook entries go last, lowest priority first.',
] as const;

/** The ChatML turns of the kept sections (the renderer adds the generation prompt). */
function toMessages(
  sections: readonly DraftSection[],
  kept: (s: DraftSection) => boolean,
  exampleHeader: string,
): ChatTurn[] {
  const system: string[] = [];
  let headerDone = false;
  for (const s of sections) {
    if (s.slot !== 'system' || !kept(s)) continue;
    if (s.kind === 'exampleDialogue' && !headerDone) {
      headerDone = true;
      system.push(`${exampleHeader}\n${s.text}`);
    } else system.push(s.text);
  }
  const messages: ChatTurn[] =
    system.length > 0 ? [{ role: 'system', content: system.join('\n\n') }] : [];
  sections.forEach((s, i) => {
    if (!kept(s) || s.slot === 'system' || s.slot === 'generation') return;
    const last = messages[messages.length - 1];
    const prev = sections[i - 1];
    // Consecutive "@D" lorebook entries of one role share a turn, as in SillyTavern.
    if (
      s.slot === 'atDepth' &&
      last &&
      prev?.slot === 'atDepth' &&
      kept(prev) &&
      last.role === s.role
    ) {
      last.content += `\n${s.text}`;
    } else messages.push({ role: s.role, content: s.text });
  });
  return messages;
}

function checkInput(input: AssemblePromptInput): number {
  const { contextSize, reserveForReply } = input;
  if (!Number.isInteger(contextSize) || contextSize <= 0) {
    throw new TalariaError('INVALID_INPUT', 'The context size must be a positive whole number.');
  }
  if (!Number.isInteger(reserveForReply) || reserveForReply < 0 || reserveForReply >= contextSize) {
    throw new TalariaError(
      'INVALID_INPUT',
      'The tokens reserved for the reply must be a whole number smaller than the context size.',
    );
  }
  return contextSize - reserveForReply;
}

const compareDrops = (a: DraftSection, b: DraftSection): number =>
  a.drop!.tier - b.drop!.tier || a.drop!.order - b.drop!.order || a.drop!.tie - b.drop!.tie;

/**
 * Builds the prompt for the next reply: preset or character system prompt, character, persona,
 * lorebook entries, example dialogues, history and post-history instructions, macro-expanded, in
 * the order README.md documents. When the rendered ChatML prompt would not fit in
 * `contextSize - reserveForReply` tokens, whole pieces are cut: the oldest history turns first
 * (never the system block or the last user turn), then example dialogues (last block first),
 * then lorebook entries (lowest priority first). Every piece, kept or cut, is in `sections`.
 */
export function assemblePrompt(input: AssemblePromptInput): AssembledPrompt {
  const budget = checkInput(input);
  const { sections, lorebook, exampleHeader } = buildSections(input);
  const bos = input.bosToken ?? HERMES_DEFAULT_BOS_TOKEN;
  const generation = sections.find((s) => s.slot === 'generation')?.text ?? '';
  const droppable = sections.filter((s) => s.included && s.drop).sort(compareDrops);

  const measured = new Map<number, number>();
  const measure = (cut: number): number => {
    const cached = measured.get(cut);
    if (cached !== undefined) return cached;
    const gone = new Set(droppable.slice(0, cut));
    const messages = toMessages(sections, (s) => s.included && !gone.has(s), exampleHeader);
    const rendered = renderHermesPrompt(messages, { bosToken: bos, addGenerationPrompt: false });
    const total = input.countTokens(rendered + generation);
    measured.set(cut, total);
    return total;
  };
  // Fewest cuts that fit, by bisection: a cut never makes the prompt longer, and each probe
  // tokenizes the whole prompt once, so this costs O(log n) tokenizations.
  let cut = 0;
  if (measure(0) > budget) {
    let low = 0;
    let high = droppable.length;
    if (measure(high) <= budget) {
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (measure(mid) <= budget) high = mid;
        else low = mid;
      }
    }
    cut = high;
  }
  for (const s of droppable.slice(0, cut)) {
    s.included = false;
    s.reason = CUT_REASONS[s.drop!.tier];
  }

  const total = measure(cut);
  const messages = toMessages(sections, (s) => s.included, exampleHeader);
  const publicSections: PromptSection[] = sections.map(({ slot: _slot, drop: _drop, ...s }) => s);
  return {
    messages,
    sections: publicSections,
    truncated: {
      droppedMessageIds: sections
        .filter((s) => s.kind === 'history' && !s.included && s.messageId !== undefined)
        .map((s) => s.messageId!),
    },
    tokens: { total, budget, fits: total <= budget },
    lorebook,
    warnings: [...lorebook.warnings],
  };
}

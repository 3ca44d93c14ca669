import type { CharacterBookEntryV2, CharacterCardV3Data } from '../cards';
import { activateLorebook } from './activateLorebook';
import { cardData, text } from './cardData';
import { parseExampleDialogues } from './exampleDialogues';
import type {
  ActivateLorebookResult,
  LoreActivation,
  LoreDrop,
  LorePosition,
} from './lorebookTypes';
import { expandMacros, type MacroContext } from './macros';
import type { AssemblePromptInput, PromptSection, PromptSectionKind } from './promptTypes';

/** Where a section ends up among the ChatML turns. */
export type SectionSlot = 'system' | 'history' | 'atDepth' | 'post' | 'generation';

/** A section plus what the assembler needs to place it and, when the context is full, cut it. */
export interface DraftSection extends PromptSection {
  slot: SectionSlot;
  /** Cut order: tier 0 history, 1 example dialogues, 2 lorebook; then `order`, then `tie`. */
  drop?: { tier: 0 | 1 | 2; order: number; tie: number };
}

export interface BuiltSections {
  sections: DraftSection[];
  lorebook: ActivateLorebookResult;
  /** Introduces the example dialogues in the system turn (only when one of them is kept). */
  exampleHeader: string;
}

export const DEFAULT_GENERATION_PROMPT = '<|im_start|>assistant\n';

function loreSection(
  item: LoreActivation | LoreDrop,
  countTokens: (t: string) => number,
  budget: number | undefined,
): DraftSection {
  const dropped = 'droppedBecause' in item;
  const section: DraftSection = {
    key: `lore:${item.index}`,
    kind: 'lorebook',
    label: item.label,
    text: item.content,
    tokens: countTokens(item.content),
    included: !dropped,
    role: item.position === 'at_depth' ? item.role : 'system',
    slot: item.position === 'at_depth' ? 'atDepth' : 'system',
    lore: {
      index: item.index,
      position: item.position,
      depth: item.depth,
      activation: item.reason,
    },
  };
  if (!dropped) section.drop = { tier: 2, order: item.priority, tie: -item.index };
  else if (item.droppedBecause === 'budget') {
    const tokens = budget ?? 0;
    section.reason = `The lorebook token budget (${tokens} tokens) went to more important entries.`;
  } else section.reason = 'Its probability roll failed.';
  return section;
}

function scanLorebook(
  input: AssemblePromptInput,
  data: CharacterCardV3Data | undefined,
  history: { content: string; name?: string; id: string }[],
  context: MacroContext,
): ActivateLorebookResult {
  const book = data?.character_book;
  const entries: CharacterBookEntryV2[] = [
    ...(Array.isArray(book?.entries) ? book.entries : []),
    ...(input.lorebooks ?? []).flatMap((b) => (Array.isArray(b.entries) ? b.entries : [])),
  ];
  const settings = input.lorebook ?? {};
  const tokenBudget = settings.tokenBudget ?? book?.token_budget;
  const scanDepth = settings.scanDepth ?? book?.scan_depth;
  return activateLorebook(entries, {
    messages: history,
    ...(scanDepth === undefined ? {} : { scanDepth }),
    ...(tokenBudget === undefined ? {} : { tokenBudget }),
    ...(settings.maxRecursionDepth === undefined
      ? {}
      : { maxRecursionDepth: settings.maxRecursionDepth }),
    ...(settings.caseSensitive === undefined ? {} : { caseSensitive: settings.caseSensitive }),
    ...(settings.matchWholeWords === undefined
      ? {}
      : { matchWholeWords: settings.matchWholeWords }),
    ...(settings.includeNames === undefined ? {} : { includeNames: settings.includeNames }),
    recursive: settings.recursive ?? book?.recursive_scanning ?? false,
    countTokens: input.countTokens,
    ...(input.random ? { random: input.random } : {}),
    expand: (t) => expandMacros(t, context),
    scanSources: {
      personaDescription: context.persona ?? '',
      characterDescription: context.description ?? '',
      characterPersonality: context.personality ?? '',
      scenario: context.scenario ?? '',
      creatorNotes: text(data?.creator_notes),
    },
  });
}

/** Builds every section in prompt order (README.md documents it), before any budget cut. */
export function buildSections(input: AssemblePromptInput): BuiltSections {
  const data = input.character ? cardData(input.character) : undefined;
  const user = input.persona?.name?.trim() || 'User';
  const char = text(data?.name).trim() || 'Assistant';
  const base: MacroContext = {
    user,
    char,
    now: input.now,
    ...(input.locale ? { locale: input.locale } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    ...(input.random ? { random: input.random } : {}),
  };
  const expandBase = (t: string): string => expandMacros(t, base);
  const context: MacroContext = {
    ...base,
    description: expandBase(text(data?.description)),
    personality: expandBase(text(data?.personality)),
    scenario: expandBase(text(data?.scenario)),
    persona: expandBase(text(input.persona?.description)),
  };
  const expand = (t: string, original?: string): string =>
    expandMacros(t, original === undefined ? context : { ...context, original });
  const count = input.countTokens;
  const overrides = input.useCharacterOverrides ?? true;
  const sections: DraftSection[] = [];
  const add = (s: Omit<DraftSection, 'tokens' | 'included'> & { included?: boolean }): void => {
    if (s.text.trim() === '') return;
    sections.push({ ...s, tokens: count(s.text), included: s.included ?? true });
  };

  const history = input.history.map((m) => ({
    id: m.id,
    role: m.role,
    content: input.expandHistoryMacros === false ? m.content : expand(m.content),
    name: m.name ?? (m.role === 'user' ? user : m.role === 'assistant' ? char : undefined),
  }));
  const lorebook = scanLorebook(
    input,
    data,
    history.map(({ id, content, name }) => (name ? { id, content, name } : { id, content })),
    context,
  );
  const lore = [...lorebook.activated, ...lorebook.dropped].sort(
    (a, b) => a.insertionOrder - b.insertionOrder || a.index - b.index,
  );
  const loreBudget = input.lorebook?.tokenBudget ?? data?.character_book?.token_budget;
  const addLore = (position: LorePosition): void => {
    for (const item of lore.filter((l) => l.position === position)) {
      sections.push(loreSection(item, count, loreBudget));
    }
  };

  const inSystem = (
    key: string,
    kind: PromptSectionKind,
    label: string,
    body: string,
    drop?: DraftSection['drop'],
  ): void =>
    add({
      key,
      kind,
      label,
      text: body,
      role: 'system',
      slot: 'system',
      ...(drop ? { drop } : {}),
    });

  const preset = expand(input.preset?.systemPrompt ?? '');
  const charPrompt = overrides ? text(data?.system_prompt) : '';
  if (charPrompt.trim()) {
    inSystem('systemPrompt', 'systemPrompt', `${char}'s system prompt`, expand(charPrompt, preset));
  } else inSystem('systemPrompt', 'systemPrompt', input.preset?.name ?? 'System prompt', preset);
  addLore('before_char');
  inSystem('description', 'description', `${char}'s description`, context.description ?? '');
  if (context.personality?.trim()) {
    const body = `${char}'s personality: ${context.personality}`;
    inSystem('personality', 'personality', `${char}'s personality`, body);
  }
  if (context.scenario?.trim()) {
    inSystem('scenario', 'scenario', 'Scenario', `Scenario: ${context.scenario}`);
  }
  addLore('after_char');
  if (context.persona?.trim()) {
    inSystem('persona', 'persona', `${user}'s persona`, `${user}'s persona: ${context.persona}`);
  }
  addLore('before_examples');
  const examples = parseExampleDialogues(text(data?.mes_example));
  examples.forEach((block, i) => {
    const drop = { tier: 1 as const, order: examples.length - 1 - i, tie: 0 };
    inSystem(
      `example:${i}`,
      'exampleDialogue',
      `Example dialogue ${i + 1}`,
      expand(block.text),
      drop,
    );
  });
  addLore('after_examples');

  // The last user turn is what the reply answers: it is never cut.
  const lastUser = history.map((m) => m.role).lastIndexOf('user');
  // "@D" entries sit `depth` messages from the end; deeper than the history means at its top.
  const atDepth = lore.filter((l) => l.position === 'at_depth');
  const depthSections = (at: number): void => {
    for (const item of atDepth.filter((l) => Math.max(0, history.length - l.depth) === at)) {
      sections.push(loreSection(item, count, loreBudget));
    }
  };
  history.forEach((m, i) => {
    depthSections(i);
    add({
      key: `history:${m.id}`,
      kind: 'history',
      label: m.name ?? m.role,
      text: m.content,
      role: m.role,
      slot: 'history',
      messageId: m.id,
      ...(i === lastUser ? {} : { drop: { tier: 0 as const, order: i, tie: 0 } }),
    });
  });
  depthSections(history.length);

  const presetPost = expand(input.preset?.postHistoryInstructions ?? '');
  const charPost = overrides ? text(data?.post_history_instructions) : '';
  add({
    key: 'postHistoryInstructions',
    kind: 'postHistoryInstructions',
    label: charPost.trim() ? `${char}'s post-history instructions` : 'Post-history instructions',
    text: charPost.trim() ? expand(charPost, presetPost) : presetPost,
    role: 'system',
    slot: 'post',
  });
  const generation = input.generationPrompt ?? DEFAULT_GENERATION_PROMPT;
  add({
    key: 'generationPrompt',
    kind: 'generationPrompt',
    label: 'Generation prompt',
    text: generation,
    role: 'assistant',
    slot: 'generation',
  });

  const exampleHeader = expand(
    'Example dialogues showing how {{char}} speaks and acts (not part of this conversation):',
  );
  return { sections, lorebook, exampleHeader };
}

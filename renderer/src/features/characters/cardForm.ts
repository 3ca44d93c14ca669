import { emptyCardData, type CharacterBook, type CharacterCardV3 } from '../../../../shared/cards';

/** What the character editor edits: the card's text fields, flat and always present. */
export interface CardForm {
  name: string;
  nickname: string;
  creator: string;
  version: string;
  tags: string[];
  description: string;
  personality: string;
  scenario: string;
  systemPrompt: string;
  postHistoryInstructions: string;
  firstMessage: string;
  alternateGreetings: string[];
  examples: string;
  creatorNotes: string;
  /** The card's own lorebook (character_book), or null when it has none. */
  book: CharacterBook | null;
}

export type CardField = Exclude<keyof CardForm, 'book'> | 'book';

/** A blank V3 card, the base of a new character. */
export function emptyCard(): CharacterCardV3 {
  return {
    spec: 'chara_card_v3',
    spec_version: '3.0',
    data: emptyCardData(),
  };
}

export function emptyBook(): CharacterBook {
  return { extensions: {}, entries: [] };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function cardToForm(card: CharacterCardV3): CardForm {
  const d = card.data;
  return {
    name: text(d.name),
    nickname: text(d.nickname),
    creator: text(d.creator),
    version: text(d.character_version),
    tags: texts(d.tags),
    description: text(d.description),
    personality: text(d.personality),
    scenario: text(d.scenario),
    systemPrompt: text(d.system_prompt),
    postHistoryInstructions: text(d.post_history_instructions),
    firstMessage: text(d.first_mes),
    alternateGreetings: texts(d.alternate_greetings),
    examples: text(d.mes_example),
    creatorNotes: text(d.creator_notes),
    book: d.character_book ?? null,
  };
}

/**
 * The card with the form's values written into `base`. Every field the form does not know
 * (extensions, assets, V3 extras, unknown keys) is kept as it was. Blank alternate greetings are
 * left out; an empty nickname removes it; a new, still empty lorebook is not added.
 */
export function formToCard(form: CardForm, base: CharacterCardV3): CharacterCardV3 {
  const data: CharacterCardV3['data'] = {
    ...base.data,
    name: form.name.trim(),
    creator: form.creator,
    character_version: form.version,
    tags: [...form.tags],
    description: form.description,
    personality: form.personality,
    scenario: form.scenario,
    system_prompt: form.systemPrompt,
    post_history_instructions: form.postHistoryInstructions,
    first_mes: form.firstMessage,
    alternate_greetings: form.alternateGreetings.filter((g) => g.trim() !== ''),
    mes_example: form.examples,
    creator_notes: form.creatorNotes,
  };
  if (form.nickname.trim() !== '') data.nickname = form.nickname;
  else delete data.nickname;
  if (form.book && (form.book.entries.length > 0 || base.data.character_book)) {
    data.character_book = form.book;
  } else {
    delete data.character_book;
  }
  return { ...base, data };
}

/** The greetings a chat can open with: the first message and every non-blank alternate. */
export function greetingCount(form: Pick<CardForm, 'firstMessage' | 'alternateGreetings'>): number {
  return [form.firstMessage, ...form.alternateGreetings].filter((g) => g.trim() !== '').length;
}

/** Whether two forms hold the same card (the "unsaved changes" test). */
export function sameForm(a: CardForm, b: CardForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** What a problem in the form or from the backend is about, for showing it next to its field. */
export function problemsOf(form: CardForm): Partial<Record<CardField, string>> {
  return form.name.trim() === '' ? { name: 'A character needs a name.' } : {};
}

const FIELD_PATHS: [RegExp, CardField][] = [
  [/\bdata\.name\b|\bname is\b|\bname must\b|\bblank name\b/i, 'name'],
  [/\bnickname\b/, 'nickname'],
  [/\bcreator_notes\b/, 'creatorNotes'],
  [/\bcreator\b/, 'creator'],
  [/\bcharacter_version\b/, 'version'],
  [/\btags\b/, 'tags'],
  [/\bdescription\b/, 'description'],
  [/\bpersonality\b/, 'personality'],
  [/\bscenario\b/, 'scenario'],
  [/\bsystem_prompt\b/, 'systemPrompt'],
  [/\bpost_history_instructions\b/, 'postHistoryInstructions'],
  [/\bfirst_mes\b/, 'firstMessage'],
  [/\balternate_greetings\b/, 'alternateGreetings'],
  [/\bmes_example\b/, 'examples'],
  [/\bcharacter_book\b/, 'book'],
];

/** The field a backend validation message names (e.g. "data.first_mes must be a string"). */
export function fieldOfError(message: string): CardField | null {
  // The lorebook path comes first: "character_book.entries[2].content" is not the description.
  if (/\bcharacter_book\b/.test(message)) return 'book';
  for (const [pattern, field] of FIELD_PATHS) if (pattern.test(message)) return field;
  return null;
}

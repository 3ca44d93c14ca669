import { omit } from './fields';
import { V1_FIELDS } from './normalize';
import type {
  CharacterBookEntryV2,
  CharacterCardV2,
  CharacterCardV2Data,
  CharacterCardV3,
  JsonObject,
} from './types';

/** Data fields the V3 spec added; a V2 reader would not know what to do with them. */
const V3_ONLY_DATA_FIELDS = [
  'group_only_greetings',
  'assets',
  'nickname',
  'creator_notes_multilingual',
  'source',
  'creation_date',
  'modification_date',
] as const;

/**
 * Downgrades a normalized V3 card to V2: drops the V3-only data fields and each lorebook entry's
 * `use_regex` (a V2 reader would treat regex keys as plain text), keeps every unknown field and
 * extension, and mirrors the six V1 fields at the top level as SillyTavern does so V1-only
 * readers still see the character.
 */
export function downgradeToV2(card: CharacterCardV3): CharacterCardV2 {
  const source = card.data;
  const data = omit(source, V3_ONLY_DATA_FIELDS) as CharacterCardV2Data;
  const english = source.creator_notes_multilingual?.['en'];
  if (data.creator_notes === '' && english !== undefined) data.creator_notes = english;
  if (source.character_book) {
    data.character_book = {
      ...source.character_book,
      entries: source.character_book.entries.map(
        (entry) => omit(entry, ['use_regex']) as CharacterBookEntryV2,
      ),
    };
  }
  const mirror: JsonObject = {};
  for (const key of V1_FIELDS) mirror[key] = source[key];
  const extra = omit(card, ['spec', 'spec_version', 'data']);
  return { ...mirror, ...extra, spec: 'chara_card_v2', spec_version: '2.0', data };
}

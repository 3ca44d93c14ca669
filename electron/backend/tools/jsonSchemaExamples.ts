import character from '../../../resources/json-schemas/character.json';
import classification from '../../../resources/json-schemas/classification.json';
import event from '../../../resources/json-schemas/event.json';
import extraction from '../../../resources/json-schemas/extraction.json';
import recipe from '../../../resources/json-schemas/recipe.json';
import sentiment from '../../../resources/json-schemas/sentiment.json';
import type { JsonSchemaExample, JsonSchemaObject } from '../../../shared/contract/tools';
import { toGrammarSchema } from './schemaSupport';

const FILES: Record<string, JsonSchemaObject> = {
  character,
  sentiment,
  classification,
  recipe,
  event,
  extraction,
};

/** The example schemas of resources/json-schemas, with what the grammar will not enforce. */
export function jsonSchemaExamples(): JsonSchemaExample[] {
  return Object.entries(FILES).map(([id, schema]) => ({
    id,
    title: typeof schema['title'] === 'string' ? schema['title'] : id,
    description: typeof schema['description'] === 'string' ? schema['description'] : '',
    schema,
    unenforced: toGrammarSchema(schema).unenforced,
  }));
}

import { pyJsonDumps } from './tojson';

/**
 * The Hermes JSON-mode system prompt, word for word as the Hermes 2 Pro and Hermes 3 model cards
 * publish it ("Prompt Format for JSON Mode / Structured Outputs"):
 *
 *   You are a helpful assistant that answers in JSON. Here's the json schema you must adhere
 *   to:\n<schema>\n{schema}\n</schema>
 *
 * The card writes the newlines as `\n` inside a code block; the reference jsonmode.py builds the
 * same text with an f-string, so they are real newlines. jsonmode.py fills `{schema}` with
 * pydantic's `schema_json()`, i.e. Python `json.dumps` with default settings: ", " and ": "
 * separators and non-ASCII escaped as \uXXXX, which is what an object schema is turned into
 * here. A string is inserted as given. jsonmode.py closes with `</schema>` as the cards do since
 * NousResearch/Hermes-Function-Calling@d3e8b88 (5 July 2024, "fix closing tag for JSON mode");
 * before that it closed with a second `<schema>`. Checked against the repository's HEAD, 3e695ed.
 */
export function jsonModeSystemPrompt(schema: object | string): string {
  const text = typeof schema === 'string' ? schema : pyJsonDumps(schema, { ensureAscii: true });
  return (
    "You are a helpful assistant that answers in JSON. Here's the json schema you must adhere to:" +
    `\n<schema>\n${text}\n</schema>`
  );
}

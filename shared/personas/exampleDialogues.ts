/** One `<START>` block of a card's `mes_example`. */
export interface ExampleDialogueBlock {
  /** The block as written (trimmed, `<START>` removed, macros not expanded). */
  text: string;
  /** The block split into turns by its `{{user}}:` / `{{char}}:` speaker prefixes. */
  turns: { role: 'user' | 'assistant'; content: string }[];
}

const START = /^[ \t]*<START>[ \t]*$/im;
const SPEAKER = /^[ \t]*(\{\{user\}\}|<user>|\{\{char\}\}|<bot>|<char>)[ \t]*:[ \t]?/i;

/**
 * Parses `mes_example` into its `<START>` blocks. Text before the first `<START>` counts as a
 * block (many cards omit the marker). Lines without a speaker prefix continue the current turn;
 * narration before the first speaker is kept in `text` but belongs to no turn.
 */
export function parseExampleDialogues(mesExample: string): ExampleDialogueBlock[] {
  const normalized = mesExample.replace(/\r\n?/g, '\n');
  const blocks: ExampleDialogueBlock[] = [];
  for (const raw of normalized.split(new RegExp(START.source, 'gim'))) {
    const text = raw.trim();
    if (text === '') continue;
    const turns: ExampleDialogueBlock['turns'] = [];
    for (const line of text.split('\n')) {
      const speaker = SPEAKER.exec(line);
      if (speaker) {
        const user = /user/i.test(speaker[1]!);
        turns.push({ role: user ? 'user' : 'assistant', content: line.slice(speaker[0].length) });
      } else if (turns.length > 0) {
        turns[turns.length - 1]!.content += `\n${line}`;
      }
    }
    for (const turn of turns) turn.content = turn.content.trim();
    blocks.push({ text, turns });
  }
  return blocks;
}

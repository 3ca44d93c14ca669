import { describe, expect, it } from 'vitest';
import { parseExampleDialogues } from './exampleDialogues';

describe('parseExampleDialogues', () => {
  it('splits <START> blocks into user and assistant turns', () => {
    const blocks = parseExampleDialogues(
      '<START>\r\n{{user}}: Hi there.\r\n{{char}}: *waves* Hello!\r\nHow are you?\r\n<start>\n<USER>: Bye\n<BOT>:Farewell',
    );
    expect(blocks).toEqual([
      {
        text: '{{user}}: Hi there.\n{{char}}: *waves* Hello!\nHow are you?',
        turns: [
          { role: 'user', content: 'Hi there.' },
          { role: 'assistant', content: '*waves* Hello!\nHow are you?' },
        ],
      },
      {
        text: '<USER>: Bye\n<BOT>:Farewell',
        turns: [
          { role: 'user', content: 'Bye' },
          { role: 'assistant', content: 'Farewell' },
        ],
      },
    ]);
  });

  it('keeps text before the first marker and narration without a speaker', () => {
    const blocks = parseExampleDialogues(
      'The scene opens.\n{{char}}: Hm.\n<START>\n\n<START>\nJust prose.',
    );
    expect(blocks.map((b) => b.text)).toEqual(['The scene opens.\n{{char}}: Hm.', 'Just prose.']);
    expect(blocks[0]!.turns).toEqual([{ role: 'assistant', content: 'Hm.' }]);
    expect(blocks[1]!.turns).toEqual([]);
  });

  it('returns nothing for an empty field', () => {
    expect(parseExampleDialogues('')).toEqual([]);
    expect(parseExampleDialogues('  <START>  \n')).toEqual([]);
  });
});

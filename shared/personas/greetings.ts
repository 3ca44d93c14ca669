import { cardData, text, type CharacterInput } from './cardData';
import { expandMacros, type MacroContext } from './macros';

/**
 * The character's greetings for a new chat, macro-expanded: `first_mes`, then each of
 * `alternate_greetings` (the swipes of the opening message). Blank greetings are left out.
 * `context.char` defaults to the card's name.
 */
export function greetings(
  card: CharacterInput,
  context: Omit<MacroContext, 'char'> & { char?: string },
): string[] {
  const data = cardData(card);
  const macros: MacroContext = { ...context, char: context.char ?? text(data.name) };
  const alternates = Array.isArray(data.alternate_greetings) ? data.alternate_greetings : [];
  return [data.first_mes, ...alternates]
    .map(text)
    .filter((greeting) => greeting.trim() !== '')
    .map((greeting) => expandMacros(greeting, macros));
}

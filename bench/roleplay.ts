import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getLlama } from 'node-llama-cpp';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { readCharacterCard } from '../shared/cards';
import { renderHermesPrompt } from '../shared/hermes';
import { assemblePrompt, seededRandom, type PromptHistoryMessage } from '../shared/personas';
import { fmt, median } from './stats';

const CARD = resolve(import.meta.dirname, '../shared/cards/fixtures/seraphina-v2.png');
const LINES = [
  'I follow the path deeper into the forest, looking for the glade you spoke of.',
  '*Seraphina walks beside you, her magic lighting the way between the old trees.*',
  'What are the Shadowfangs, and why do they hunt here?',
  '*She pauses, listening to the wind, then answers softly about the beasts.*',
];

function history(count: number): PromptHistoryMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `${LINES[i % LINES.length]} ${'The night is long and the woods are quiet. '.repeat(3)}`,
  }));
}

/**
 * What building a roleplay prompt costs before each reply: assemblePrompt (macros, lorebook
 * scan, sections, fitting by bisection with the model's tokenizer) against the floor of
 * rendering the same history plainly and tokenizing it once, in the same process.
 */
export async function run(args: string[]): Promise<void> {
  const messages = Number(args[0] ?? 200);
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath: await ensureTinyModel() });
  const card = readCharacterCard(new Uint8Array(readFileSync(CARD)));
  const turns = history(messages);
  let tokenizations = 0;
  const countTokens = (text: string): number => {
    tokenizations++;
    return model.tokenize(text, true).length;
  };
  const assemble = () =>
    assemblePrompt({
      preset: { systemPrompt: 'You are {{char}}. Today is {{date}}.' },
      character: card,
      persona: { name: 'Ada', description: 'A cartographer lost in the woods.' },
      history: turns,
      contextSize: 8192,
      reserveForReply: 750,
      countTokens,
      now: new Date(),
      random: seededRandom('bench'),
    });
  const plain = () =>
    model.tokenize(renderHermesPrompt(turns.map(({ role, content }) => ({ role, content }))), true)
      .length;

  const rounds = 15;
  const assembleMs: number[] = [];
  const plainMs: number[] = [];
  let last = assemble();
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    plain();
    plainMs.push(performance.now() - t);
    tokenizations = 0;
    t = performance.now();
    last = assemble();
    assembleMs.push(performance.now() - t);
  }
  const cut = last.sections.filter((s) => !s.included).length;
  const lore = last.sections.filter((s) => s.kind === 'lorebook' && s.included).length;
  console.log(`roleplay prompt assembly: Seraphina card, ${messages} messages, 8192-token context`);
  console.log(
    `  assemblePrompt          median ${fmt(median(assembleMs))} ms (${tokenizations} tokenizer calls)`,
  );
  console.log(`  plain render + tokenize median ${fmt(median(plainMs))} ms (the floor)`);
  console.log(`  ratio                   ${fmt(median(assembleMs) / median(plainMs))}x`);
  console.log(
    `  prompt                  ${last.tokens.total}/${last.tokens.budget} tokens, ${lore} lorebook entries in, ${cut} pieces cut`,
  );
  await model.dispose();
  await llama.dispose();
}

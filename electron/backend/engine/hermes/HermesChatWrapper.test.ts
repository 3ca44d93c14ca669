import { readFileSync } from 'node:fs';
import { getLlama, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../../scripts/testing/testModels';
import {
  JinjaTemplate,
  renderHermesPrompt,
  type HermesMessage,
  type HermesTool,
} from '../../../../shared/hermes';
import { loadCases, resolveTools } from '../../../../shared/hermes/fixtures/loadFixtures';
import { HermesChatWrapper } from './HermesChatWrapper';
import { toHermesChatHistory } from './hermesHistory';
import { specialTagsOf } from './specialTokens';

const file = loadCases();

/**
 * What the wrapper must produce for a conversation: the template's prompt with the generation
 * prompt, except that a trailing plain assistant message is continued rather than closed.
 */
function expectedPrompt(messages: HermesMessage[], tools: HermesTool[]): string {
  const last = messages.at(-1);
  if (last?.role === 'assistant' && last.tool_calls == null) {
    return renderHermesPrompt(messages.slice(0, -1), { tools }) + (last.content ?? '');
  }
  return renderHermesPrompt(messages, { tools });
}

const cases = file.cases.map((c) => ({
  name: c.name,
  messages: c.messages,
  tools: resolveTools(file, c.tools),
}));

describe('HermesChatWrapper text', () => {
  it.each(cases)('renders $name exactly as renderHermesPrompt', ({ messages, tools }) => {
    const wrapper = new HermesChatWrapper({ tools });
    const text = wrapper.renderText(toHermesChatHistory(messages));
    expect(text).toBe(expectedPrompt(messages, tools).replace(/^<\|begin_of_text\|>/, ''));
  });

  it('takes the tools from node-llama-cpp functions when none are given', () => {
    const tools = resolveTools(
      file,
      ['get_weather', 'get_time'].filter((t) => t in file.toolDefs),
    );
    const functions = Object.fromEntries(
      tools.map((tool) => {
        const fn = 'function' in tool ? tool.function : tool;
        return [fn.name, { description: fn.description, params: fn.parameters as never }];
      }),
    );
    const messages: HermesMessage[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const text = new HermesChatWrapper().renderText(toHermesChatHistory(messages), functions);
    expect(text).toBe(expectedPrompt(messages, tools).replace(/^<\|begin_of_text\|>/, ''));
  });
});

describe('HermesChatWrapper tokens on the generated model', () => {
  let llama: Llama;
  let model: LlamaModel;

  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath: await ensureTinyModel() });
  });
  afterAll(async () => {
    await model?.dispose();
    await llama?.dispose();
  });

  it('finds the Hermes tags the vocabulary holds as special tokens', () => {
    expect(specialTagsOf(model)).toEqual([
      '<|im_start|>',
      '<|im_end|>',
      '<tool_call>',
      '</tool_call>',
      '<tool_response>',
      '</tool_response>',
    ]);
  });

  it.each(cases)('evaluates the tokens of renderHermesPrompt for $name', ({ messages, tools }) => {
    const wrapper = new HermesChatWrapper({ tools, specialTokens: specialTagsOf(model) });
    const { contextText } = wrapper.generateContextState({
      chatHistory: toHermesChatHistory(messages),
    });
    const expected = model.tokenize(expectedPrompt(messages, tools), true);
    expect(contextText.tokenize(model.tokenizer)).toEqual(expected);
  });

  it('keeps tool calls, parallel calls and consecutive results as special tokens', () => {
    const tools = resolveTools(file, Object.keys(file.toolDefs).slice(0, 2));
    const messages: HermesMessage[] = [
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: 'Two things, please.' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          { type: 'function', function: { name: 'a', arguments: { x: 1 } } },
          { type: 'function', function: { name: 'b', arguments: '{"y": [1, 2]}' } },
        ],
      },
      { role: 'tool', content: '{"name": "a", "content": 2}' },
      { role: 'tool', content: '{"name": "b", "content": "ok"}' },
    ];
    const wrapper = new HermesChatWrapper({ tools, specialTokens: specialTagsOf(model) });
    const tokens = wrapper
      .generateContextState({ chatHistory: toHermesChatHistory(messages) })
      .contextText.tokenize(model.tokenizer);
    const [open] = model.tokenize('<tool_call>', true);
    const [response] = model.tokenize('<tool_response>', true);
    // Two in the system turn's instructions, one per call.
    expect(tokens.filter((t) => t === open)).toHaveLength(2 + 2);
    expect(tokens.filter((t) => t === response)).toHaveLength(2);
    expect(tokens).toEqual(model.tokenize(renderHermesPrompt(messages, { tools }), true));
    expect(model.detokenize(tokens, true)).toContain(
      '</tool_response>\n<tool_response>\n{"name": "b", "content": "ok"}\n</tool_response>' +
        '<|im_end|><|im_start|>assistant\n',
    );
  });

  it("evaluates the model's own template (here vLLM's Hermes 2 Pro one), BOS added once", () => {
    const vllm = readFileSync(
      new URL(
        '../../../../shared/hermes/templates/hermes2pro-vllm-tool-use.jinja',
        import.meta.url,
      ),
      'utf8',
    );
    const tools: HermesTool[] = [
      {
        type: 'function',
        function: {
          name: 'a',
          description: 'A.',
          parameters: { type: 'object', properties: { x: { type: 'integer', description: 'X.' } } },
        },
      },
    ];
    const messages: HermesMessage[] = [{ role: 'user', content: 'Call a' }];
    const wrapper = new HermesChatWrapper({
      tools,
      specialTokens: specialTagsOf(model),
      templates: { default: vllm },
    });
    const tokens = wrapper
      .generateContextState({ chatHistory: toHermesChatHistory(messages) })
      .contextText.tokenize(model.tokenizer);
    const expected = new JinjaTemplate(vllm).render({
      messages,
      tools,
      add_generation_prompt: true,
      bos_token: '<|begin_of_text|>',
      eos_token: '<|im_end|>',
    });
    expect(wrapper.lastNote).toBeNull();
    expect(tokens).toEqual(model.tokenize(expected, true));
    expect(expected).toContain('"required": ["arguments", "name"]');
  });
});

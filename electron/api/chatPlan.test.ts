import { describe, expect, it } from 'vitest';
import { renderHermesPrompt } from '../../shared/hermes';
import { planGeneration } from '../backend/chat/generationPlan';
import { ApiError } from './apiErrors';
import { planChat, toHermesMessages } from './chatPlan';
import type { ChatRequest } from './requestSchemas';

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string', pattern: '^[A-Z]' } } },
  },
};

const conversation: ChatRequest['messages'] = [
  { role: 'developer', content: 'Be brief.' },
  { role: 'user', content: 'Weather in Oslo and Rome?' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      {
        id: 'call_1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
      },
      {
        id: 'call_2',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
      },
    ],
  },
  { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 3}' },
  { role: 'tool', tool_call_id: 'call_2', content: '{"temp": 19}' },
];

describe('OpenAI messages in the Hermes format', () => {
  it("renders tool calls in the model's own spacing and results as <tool_response>", () => {
    const prompt = renderHermesPrompt(toHermesMessages(conversation, 'tool'), { tools: [weather] });
    expect(prompt).toContain('<|im_start|>system\nBe brief.<|im_end|>');
    expect(prompt).toContain(
      '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n</tool_call>',
    );
    expect(prompt).toContain(
      '<|im_start|>tool\n<tool_response>\n{"temp": 3}\n</tool_response>\n<tool_response>\n{"temp": 19}\n</tool_response>',
    );
  });

  it("sends results as one user turn where the model's settings say so", () => {
    const messages = toHermesMessages(conversation, 'user');
    expect(messages.at(-1)).toEqual({
      role: 'user',
      content:
        '<tool_response>\n{"temp": 3}\n</tool_response>\n<tool_response>\n{"temp": 19}\n</tool_response>\n',
    });
  });

  it('enforces tool choice with grammars and says which keywords it cannot enforce', () => {
    const plan = planChat(
      {
        model: 'm',
        messages: conversation,
        tools: [weather],
        tool_choice: 'required',
        parallel_tool_calls: false,
      },
      { toolResponseRole: 'tool', contextSize: 2048 },
    );
    // The same planning as the app's chat.
    const planned = planGeneration(plan);
    expect(planned.options.tools).toMatchObject({ choice: 'required', maxCalls: 1 });
    expect(planned.options.tools?.argumentGrammars?.['get_weather']).toBeDefined();
    expect(planned.warnings.join()).toContain('the pattern is not enforced');
  });

  it('maps sampling, bounding max_tokens by the context', () => {
    const plan = planChat(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
        seed: 4,
        max_completion_tokens: 99_999,
        presence_penalty: 0.5,
        logit_bias: { '42': -100 },
      },
      { toolResponseRole: 'tool', contextSize: 2048 },
    );
    expect(plan.sampling).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      stopStrings: ['END'],
      seed: 4,
      maxTokens: 2048,
      presencePenalty: 0.5,
      logitBias: { '42': -100 },
    });
  });

  it('refuses a named tool that is not offered', () => {
    expect(() =>
      planChat(
        {
          model: 'm',
          messages: [{ role: 'user', content: 'hi' }],
          tools: [weather],
          tool_choice: { type: 'function', function: { name: 'other' } },
        },
        { toolResponseRole: 'tool', contextSize: 2048 },
      ),
    ).toThrow(ApiError);
  });
});

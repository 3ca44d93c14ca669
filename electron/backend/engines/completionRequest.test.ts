import { describe, expect, it } from 'vitest';
import type { SamplingParams } from '../../../shared/contract/types';
import { chatCompletionRequest, rawCompletionRequest } from './completionRequest';

const sampling: SamplingParams = {
  temperature: 0.7,
  topP: 0.9,
  topK: 0,
  minP: 0.05,
  repeatPenalty: 1.1,
  seed: 42,
  maxTokens: 128,
  stopStrings: ['\nUser:'],
};
const schema = { type: 'object', properties: { a: { type: 'integer' } }, required: ['a'] };
const input = {
  model: 'NousResearch/Hermes-3-Llama-3.1-405B-FP8',
  prompt: '<|im_start|>…',
  sampling,
};

describe('rawCompletionRequest', () => {
  it('speaks llama.cpp: grammar or json_schema, its own sampler names, prompt cache on', () => {
    const req = rawCompletionRequest('llama.cpp', {
      ...input,
      stop: ['<tool_call>'],
      constraint: { type: 'gbnf', grammar: 'root ::= "x"' },
    });
    expect(req.path).toBe('/v1/completions');
    expect(req.body).toMatchObject({
      prompt: '<|im_start|>…',
      stream: true,
      max_tokens: 128,
      top_k: 0,
      min_p: 0.05,
      repeat_penalty: 1.1,
      seed: 42,
      cache_prompt: true,
      grammar: 'root ::= "x"',
      stop: ['\nUser:', '<tool_call>'],
    });
    const json = rawCompletionRequest('llama.cpp', {
      ...input,
      constraint: { type: 'json_schema', schema },
    });
    expect(json.body.json_schema).toEqual(schema);
    expect(json.body).not.toHaveProperty('grammar');
  });

  it('passes OpenAI penalties and logit bias through where they are set', () => {
    const req = rawCompletionRequest('llama.cpp', {
      ...input,
      sampling: {
        ...sampling,
        presencePenalty: 0.5,
        frequencyPenalty: 0.2,
        logitBias: { '42': -100 },
      },
    });
    expect(req.body).toMatchObject({
      presence_penalty: 0.5,
      frequency_penalty: 0.2,
      logit_bias: { '42': -100 },
    });
    expect(rawCompletionRequest('llama.cpp', input).body).not.toHaveProperty('presence_penalty');
  });

  it('speaks vLLM ≥ 0.12: structured_outputs, never the removed guided_* fields', () => {
    const req = rawCompletionRequest('vllm', {
      ...input,
      constraint: { type: 'json_schema', schema },
    });
    expect(req.body).toMatchObject({
      structured_outputs: { json: schema },
      repetition_penalty: 1.1,
      top_k: -1,
      skip_special_tokens: false,
    });
    expect(Object.keys(req.body).some((k) => k.startsWith('guided_'))).toBe(false);
    const gbnf = rawCompletionRequest('vllm', {
      ...input,
      constraint: { type: 'gbnf', grammar: 'root ::= "y"' },
    });
    expect(gbnf.body.structured_outputs).toEqual({ grammar: 'root ::= "y"' });
  });

  it('speaks Ollama: raw /api/generate with format and options', () => {
    const req = rawCompletionRequest('ollama', {
      ...input,
      constraint: { type: 'json_schema', schema },
    });
    expect(req).toMatchObject({ path: '/api/generate', stream: 'ollama' });
    expect(req.body).toMatchObject({
      raw: true,
      format: schema,
      options: { num_predict: 128, repeat_penalty: 1.1, seed: 42, stop: ['\nUser:'] },
    });
    expect(() =>
      rawCompletionRequest('ollama', { ...input, constraint: { type: 'gbnf', grammar: 'x' } }),
    ).toThrow(/JSON schemas, not GBNF/);
  });

  it('leaves the seed out when none is fixed, and refuses a constraint a plain server cannot keep', () => {
    const req = rawCompletionRequest('chat', { ...input, sampling: { ...sampling, seed: null } });
    expect(req.body).not.toHaveProperty('seed');
    expect(() =>
      rawCompletionRequest('none', { ...input, constraint: { type: 'json_schema', schema } }),
    ).toThrow(/cannot constrain/);
  });
});

describe('chatCompletionRequest', () => {
  it('maps tools, a named tool choice and JSON mode onto OpenAI fields', () => {
    const tool = {
      type: 'function' as const,
      function: { name: 'get_weather', parameters: schema },
    };
    const req = chatCompletionRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      sampling,
      tools: [tool],
      toolChoice: { name: 'get_weather' },
      jsonSchema: schema,
    });
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.body).toMatchObject({
      tools: [tool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: { type: 'json_schema', json_schema: { schema, strict: true } },
      stream_options: { include_usage: true },
    });
    const none = chatCompletionRequest({ model: 'm', messages: [], sampling });
    expect(none.body).not.toHaveProperty('tools');
    expect(none.body).not.toHaveProperty('tool_choice');
  });
});

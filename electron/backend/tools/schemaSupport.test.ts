import { Ajv2020 } from 'ajv/dist/2020.js';
import { getLlama, LlamaChat, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTinyModel } from '../../../scripts/testing/testModels';
import { HermesChatWrapper } from '../engine/hermes/HermesChatWrapper';
import { toGrammarSchema } from './schemaSupport';

const keywords = (schema: unknown) =>
  toGrammarSchema(schema).unenforced.map((issue) => `${issue.path} ${issue.keyword}`);

describe('toGrammarSchema: what the grammar will not enforce', () => {
  it('lists ignored keywords with their schema paths', () => {
    expect(
      keywords({
        type: 'object',
        properties: {
          zip: { type: 'string', pattern: '^[0-9]{5}$' },
          age: { type: 'integer', minimum: 0, maximum: 150 },
          email: { type: 'string', format: 'email' },
          when: { type: 'string', format: 'date-time' },
          tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        },
      }),
    ).toEqual([
      '/properties/zip pattern',
      '/properties/age minimum',
      '/properties/age maximum',
      '/properties/email format',
      '/properties/tags uniqueItems',
    ]);
  });

  it('reports nothing for schemas the grammar enforces fully', () => {
    expect(
      keywords({
        type: 'object',
        properties: {
          unit: { enum: ['c', 'f'] },
          n: { type: 'integer' },
          list: { type: 'array', items: { type: 'string', maxLength: 5 }, maxItems: 3 },
          maybe: { type: ['string', 'null'] },
          choice: { anyOf: [{ type: 'string' }, { type: 'number' }] },
        },
        required: ['unit'],
      }),
    ).toEqual([]);
  });

  it('splits a nullable string so its string keywords are enforced, and reports the rest', () => {
    const { grammarSchema, unenforced } = toGrammarSchema({
      type: 'object',
      properties: {
        name: { type: ['string', 'null'], maxLength: 5, minLength: 1 },
        email: { type: ['null', 'string'], format: 'email' },
        day: { type: ['string', 'null'], format: 'date' },
      },
    });
    expect(grammarSchema).toMatchObject({
      properties: {
        name: { oneOf: [{ type: 'string', maxLength: 5, minLength: 1 }, { type: 'null' }] },
        email: { oneOf: [{ type: 'null' }, { type: 'string' }] },
        day: { oneOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      },
    });
    const props = (grammarSchema as { properties: Record<string, { oneOf: object[] }> }).properties;
    expect(props['name']?.oneOf[1]).toEqual({ type: 'null' });
    expect(props['email']?.oneOf[1]).toEqual({ type: 'string' });
    expect(unenforced.map((i) => `${i.path} ${i.keyword}`)).toEqual([
      '/properties/email/type/1 format',
    ]);
  });

  it('rewrites what the grammar mishandles into something it handles', () => {
    const { grammarSchema } = toGrammarSchema({
      type: 'object',
      properties: {
        v: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        o: { type: ['object', 'null'], properties: { a: { type: 'integer' } } },
        any: {},
        ref: { $ref: '#/definitions/Point' },
      },
      definitions: { Point: { type: 'object', properties: { x: { type: 'number' } } } },
    });
    expect(grammarSchema).toMatchObject({
      $defs: { Point: { type: 'object' } },
      properties: {
        v: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        o: { oneOf: [{ type: 'object' }, { type: 'null' }] },
        any: { oneOf: expect.any(Array) },
        ref: { $ref: '#/$defs/Point' },
      },
    });
  });
});

describe('toGrammarSchema on the generated model', () => {
  let llama: Llama;
  let model: LlamaModel;
  let chat: LlamaChat;

  beforeAll(async () => {
    llama = await getLlama({ gpu: false, build: 'never' });
    model = await llama.loadModel({ modelPath: await ensureTinyModel() });
    const context = await model.createContext({ contextSize: 1024, threads: 1 });
    chat = new LlamaChat({
      contextSequence: context.getSequence(),
      chatWrapper: new HermesChatWrapper(),
    });
  });
  afterAll(async () => {
    await model?.dispose();
    await llama?.dispose();
  });

  async function sample(schema: Record<string, unknown>, seed: number): Promise<unknown> {
    const grammar = await llama.createGrammarForJsonSchema(schema as never);
    const history = [
      { type: 'user' as const, text: 'JSON please' },
      { type: 'model' as const, response: [] },
    ];
    const response = await chat.generateResponse(history, {
      grammar,
      temperature: 1,
      seed,
      maxTokens: 80,
    });
    return JSON.parse(response.response);
  }

  // Verified on node-llama-cpp 3.22.1: given as is, each of these yields only null (or {}).
  const structural: Record<string, Record<string, unknown>> = {
    anyOf: {
      type: 'object',
      properties: { v: { anyOf: [{ type: 'string', maxLength: 8 }, { type: 'integer' }] } },
    },
    nullableObject: {
      type: 'object',
      properties: { o: { type: ['object', 'null'], properties: { a: { type: 'boolean' } } } },
      required: ['o'],
    },
    allOf: {
      allOf: [{ type: 'object', properties: { a: { type: 'boolean' } } }, { required: ['a'] }],
    },
    requiredWithoutProperty: { type: 'object', properties: {}, required: ['x'] },
    nullableStringMaxLength: {
      type: 'object',
      properties: { s: { type: ['string', 'null'], minLength: 3, maxLength: 4 } },
      required: ['s'],
    },
  };

  it.each(Object.entries(structural))(
    '%s: the rewritten grammar yields valid JSON',
    async (_, schema) => {
      const validate = new Ajv2020({ strict: false }).compile(schema);
      for (const seed of [1, 2, 3]) {
        const value = await sample(toGrammarSchema(schema).grammarSchema, seed);
        expect(validate(value), JSON.stringify(value)).toBe(true);
      }
    },
  );

  it('the plain grammar mishandles anyOf, allOf and format, which is why the check exists', async () => {
    for (const seed of [1, 2, 3]) {
      expect(
        await sample({ type: 'object', properties: { v: { anyOf: [{ type: 'string' }] } } }, seed),
      ).toEqual({ v: null });
      expect(
        await sample({ type: 'object', properties: { v: { allOf: [{ type: 'integer' }] } } }, seed),
      ).toEqual({ v: null });
      expect(
        await sample(
          { type: 'object', properties: { e: { type: 'string', format: 'email' } } },
          seed,
        ),
      ).toEqual({ e: '' });
    }
  });
});

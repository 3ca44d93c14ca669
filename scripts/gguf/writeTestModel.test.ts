import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECIAL_TOKENS } from './bpeVocab';
import { floatToHalf, halfToFloat } from './halfFloat';
import { encodeGgufHeader } from './ggufWriter';
import { tensorByteSize } from './tensorData';
import {
  buildTestModel,
  hermesTemplates,
  writeTestModel,
  type TestModelOptions,
} from './writeTestModel';

let dir: string;
let llama: Llama;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'talaria-gguf-'));
  llama = await getLlama({ gpu: false });
});

afterAll(async () => {
  await llama?.dispose();
  await rm(dir, { recursive: true, force: true });
});

let fileCounter = 0;
async function write(options: Omit<TestModelOptions, 'out'>): Promise<string> {
  return writeTestModel({ ...options, out: join(dir, `model-${fileCounter++}.gguf`) });
}

async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function generateText(path: string, maxTokens: number, temperature: number) {
  const model = await llama.loadModel({ modelPath: path });
  try {
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    const tokens = [];
    const sequence = context.getSequence();
    for await (const token of sequence.evaluate(model.tokenize('Hello, how are you?'), {
      temperature,
      seed: 7,
    })) {
      tokens.push(token);
      if (tokens.length >= maxTokens) break;
    }
    return { text: model.detokenize(tokens), tokens };
  } finally {
    await model.dispose();
  }
}

describe('writeTestModel', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = await sha256(await write({ seed: 42 }));
    const b = await sha256(await write({ seed: 42 }));
    const c = await sha256(await write({ seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('is deterministic for the quantised formats too', async () => {
    for (const quant of ['q8_0', 'q4_0'] as const) {
      const a = await sha256(await write({ seed: 5, quant }));
      const b = await sha256(await write({ seed: 5, quant }));
      expect(a).toBe(b);
    }
  });

  it('carries both Hermes 3 chat templates byte for byte', async () => {
    const info = await readGgufFileInfo(await write({}));
    const { chatTemplate, toolUseTemplate } = hermesTemplates();
    expect(info.metadata.tokenizer.chat_template).toBe(chatTemplate);
    expect((info.metadata.tokenizer as Record<string, unknown>)['chat_template.tool_use']).toBe(
      toolUseTemplate,
    );
    expect(chatTemplate.startsWith('{{bos_token}}{% for message in messages %}')).toBe(true);
    expect(toolUseTemplate).toContain('<tool_call>');
    expect(info.metadata.general.architecture).toBe('llama');
    expect(info.architectureMetadata.feed_forward_length).toBe(128);
  });

  it('leaves out the keys it is told to omit', async () => {
    const info = await readGgufFileInfo(
      await write({ omitKeys: ['llama.feed_forward_length'], withoutToolUseTemplate: true }),
    );
    expect(info.architectureMetadata.feed_forward_length).toBeUndefined();
    expect(info.architectureMetadata.attention?.head_count).toBe(4);
    expect(Object.keys(info.metadata.tokenizer)).not.toContain('chat_template.tool_use');
  });

  it('loads in node-llama-cpp with the ChatML and tool tokens as single control tokens', async () => {
    const model = await llama.loadModel({ modelPath: await write({}) });
    try {
      for (const special of SPECIAL_TOKENS) {
        const tokens = model.tokenize(special, true);
        expect(tokens, special).toHaveLength(1);
        expect(model.detokenize(tokens, true)).toBe(special);
      }
      expect(model.tokenize('<|im_start|>', false).length).toBeGreaterThan(1);
      const prompt = '<|im_start|>user\nHello there, how are you?<|im_end|>\n';
      expect(model.detokenize(model.tokenize(prompt, true), true)).toBe(prompt);
      // The trained merges make common English words single tokens.
      expect(model.tokenize(' the').length).toBe(1);
      expect(model.detokenize([model.tokens.bos!], true)).toBe('<|begin_of_text|>');
      expect(model.detokenize([model.tokens.eos!], true)).toBe('<|im_end|>');
      expect(model.detokenize([model.tokens.eot!], true)).toBe('<|im_end|>');
    } finally {
      await model.dispose();
    }
  });

  it('generates readable text quickly', async () => {
    const started = Date.now();
    const { text, tokens } = await generateText(await write({}), 40, 1);
    expect(tokens).toHaveLength(40);
    expect(text).toMatch(/^[\x20-\x7e\n]+$/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('writes quantised files llama.cpp can run', async () => {
    for (const quant of ['f16', 'q8_0', 'q4_0'] as const) {
      const { tokens } = await generateText(await write({ quant }), 5, 0);
      expect(tokens, quant).toHaveLength(5);
    }
  });

  it('makes the end-of-turn token win with a large eosBias', async () => {
    // Sequence evaluation ends at an end-of-generation token without yielding it.
    const { tokens } = await generateText(await write({ eosBias: 40 }), 5, 0.8);
    expect(tokens).toEqual([]);
  });
});

describe('the llama-3.2-3b shape', () => {
  it('declares Llama-3.2-3B dimensions and about 1.8 GB of Q4_0 tensors', async () => {
    const { metadata, tensors } = buildTestModel({ shape: 'llama-3.2-3b' });
    const plans = tensors.map((t) => t.plan);
    // The header alone is a valid GGUF prefix: node-llama-cpp reads only the header.
    const headerPath = join(dir, 'header-3b.gguf');
    await writeFile(headerPath, encodeGgufHeader(metadata, plans));
    const info = await readGgufFileInfo(headerPath);
    expect(info.architectureMetadata).toMatchObject({
      embedding_length: 3072,
      block_count: 28,
      feed_forward_length: 8192,
      attention: { head_count: 24, head_count_kv: 8 },
    });
    expect(info.metadata.tokenizer.ggml.tokens).toHaveLength(128256);
    expect(info.tensorInfo).toHaveLength(28 * 9 + 2);
    expect(info.tensorInfo?.find((t) => t.name === 'output.weight')).toBeUndefined();
    const dataBytes = plans.reduce((sum, plan) => sum + tensorByteSize(plan), 0);
    expect(dataBytes).toBeGreaterThan(1.7e9);
    expect(dataBytes).toBeLessThan(1.9e9);
  });

  it('streams tensor data in bounded, seed-determined chunks', () => {
    const firstChunk = (seed: number) => {
      const source = buildTestModel({ shape: 'llama-3.2-3b', seed }).tensors.find(
        (t) => t.plan.name === 'blk.0.ffn_up.weight',
      );
      const iterator = source!.chunks()[Symbol.iterator]();
      return iterator.next().value as Uint8Array;
    };
    const a = firstChunk(1);
    expect(a.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(Buffer.compare(a, firstChunk(1))).toBe(0);
    expect(Buffer.compare(a, firstChunk(2))).not.toBe(0);
  });
});

describe('floatToHalf', () => {
  it('encodes IEEE binary16 with round-to-nearest-even', () => {
    expect(floatToHalf(1)).toBe(0x3c00);
    expect(floatToHalf(-2)).toBe(0xc000);
    expect(floatToHalf(65504)).toBe(0x7bff);
    expect(floatToHalf(1e6)).toBe(0x7c00);
    expect(floatToHalf(0.1)).toBe(0x2e66);
    expect(floatToHalf(2 ** -24)).toBe(0x0001);
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00);
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    for (const v of [0.5, -0.3125, 3.140625, 2 ** -20]) expect(halfToFloat(floatToHalf(v))).toBe(v);
  });
});

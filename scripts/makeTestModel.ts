/**
 * Writes a deterministic random-weight llama GGUF with the Hermes vocabulary and templates.
 *
 *   npx tsx scripts/makeTestModel.ts --out file.gguf [--seed N] [--shape tiny|streaming|llama-3.2-3b]
 *     [--quant f32|f16|q8_0|q4_0] [--omit metadata.key]... [--eos-bias N]
 */
import { parseArgs } from 'node:util';
import type { TensorType } from './gguf/ggufConstants';
import { MODEL_SHAPES, type ModelShapeName } from './gguf/llamaShapes';
import { writeTestModel } from './gguf/writeTestModel';

const QUANTS: readonly TensorType[] = ['f32', 'f16', 'q8_0', 'q4_0'];

function fail(message: string): never {
  console.error(`makeTestModel: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'tiny' },
      quant: { type: 'string' },
      omit: { type: 'string', multiple: true },
      'eos-bias': { type: 'string' },
    },
  });
  if (!values.out) fail('--out <file.gguf> is required');
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail('--seed must be a uint32');
  if (!(values.shape in MODEL_SHAPES)) fail(`--shape must be one of ${Object.keys(MODEL_SHAPES)}`);
  if (values.quant !== undefined && !QUANTS.includes(values.quant as TensorType)) {
    fail(`--quant must be one of ${QUANTS.join(', ')}`);
  }
  const started = Date.now();
  const path = await writeTestModel({
    out: values.out,
    seed,
    shape: values.shape as ModelShapeName,
    ...(values.quant !== undefined && { quant: values.quant as TensorType }),
    ...(values.omit && { omitKeys: values.omit }),
    ...(values['eos-bias'] !== undefined && { eosBias: Number(values['eos-bias']) }),
  });
  console.log(`wrote ${path} in ${Date.now() - started} ms`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

import { TENSOR_TYPES, type TensorType } from './ggufConstants';
import { floatToHalf } from './halfFloat';
import { createPrng, type Prng } from './prng';

/** How a tensor's values are made. */
export type TensorFill =
  | {
      kind: 'uniform';
      /** Values are drawn uniformly from [-amplitude, amplitude]. */
      amplitude: number;
      /** Edits one row (ne0 values) after it was drawn; forces the slow float path. */
      editRow?: (rowIndex: number, values: Float32Array) => void;
    }
  | { kind: 'constant'; value: number };

export interface TensorPlan {
  name: string;
  /** ggml order: dims[0] (ne0) is the contiguous row length. */
  dims: number[];
  type: TensorType;
  fill: TensorFill;
}

const CHUNK_TARGET_BYTES = 4 * 1024 * 1024;

export function tensorByteSize(plan: TensorPlan): number {
  const info = TENSOR_TYPES[plan.type];
  const count = plan.dims.reduce((a, b) => a * b, 1);
  return (count / info.blockSize) * info.blockBytes;
}

function rowByteSize(type: TensorType, rowLength: number): number {
  const info = TENSOR_TYPES[type];
  if (rowLength % info.blockSize !== 0) {
    throw new Error(
      `${type} needs rows that are a multiple of ${info.blockSize}, got ${rowLength}`,
    );
  }
  return (rowLength / info.blockSize) * info.blockBytes;
}

/**
 * Yields the tensor's bytes in chunks of a few MiB, so multi-GB tensors stream to disk. The PRNG
 * is seeded per tensor by the caller; bytes depend only on the plan and that seed.
 */
export function* tensorChunks(plan: TensorPlan, seed: number): Generator<Uint8Array> {
  const rowLength = plan.dims[0] ?? 1;
  const rows = plan.dims.slice(1).reduce((a, b) => a * b, 1);
  const rowBytes = rowByteSize(plan.type, rowLength);
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_TARGET_BYTES / rowBytes));
  const prng = createPrng(seed);
  const values = new Float32Array(rowLength);
  const fast = plan.fill.kind === 'uniform' && !plan.fill.editRow && plan.type.startsWith('q');

  for (let first = 0; first < rows; first += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rows - first);
    const chunk = new Uint8Array(count * rowBytes);
    const view = new DataView(chunk.buffer);
    for (let r = 0; r < count; r++) {
      const offset = r * rowBytes;
      if (fast && plan.fill.kind === 'uniform') {
        writeRandomQuantRow(plan.type, plan.fill.amplitude, prng, chunk, offset, rowLength);
        continue;
      }
      fillRow(plan.fill, first + r, values, prng);
      encodeRow(plan.type, values, view, offset);
    }
    yield chunk;
  }
}

function fillRow(fill: TensorFill, rowIndex: number, values: Float32Array, prng: Prng): void {
  if (fill.kind === 'constant') {
    values.fill(fill.value);
    return;
  }
  const a = fill.amplitude;
  for (let i = 0; i < values.length; i++) values[i] = (prng.nextFloat() * 2 - 1) * a;
  fill.editRow?.(rowIndex, values);
}

/** Encodes one row of floats in the given type (ggml's reference quantisers for Q8_0/Q4_0). */
export function encodeRow(type: TensorType, values: Float32Array, view: DataView, offset: number) {
  switch (type) {
    case 'f32':
      values.forEach((v, i) => view.setFloat32(offset + i * 4, v, true));
      return;
    case 'f16':
      values.forEach((v, i) => view.setUint16(offset + i * 2, floatToHalf(v), true));
      return;
    case 'q8_0':
      for (let b = 0; b * 32 < values.length; b++)
        quantizeQ8Block(values, b * 32, view, offset + b * 34);
      return;
    case 'q4_0':
      for (let b = 0; b * 32 < values.length; b++)
        quantizeQ4Block(values, b * 32, view, offset + b * 18);
      return;
  }
}

function quantizeQ8Block(values: Float32Array, start: number, view: DataView, offset: number) {
  let amax = 0;
  for (let j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(values[start + j] ?? 0));
  const d = amax / 127;
  const id = d !== 0 ? 1 / d : 0;
  view.setUint16(offset, floatToHalf(d), true);
  for (let j = 0; j < 32; j++)
    view.setInt8(offset + 2 + j, Math.round((values[start + j] ?? 0) * id));
}

function quantizeQ4Block(values: Float32Array, start: number, view: DataView, offset: number) {
  let amax = 0;
  let max = 0;
  for (let j = 0; j < 32; j++) {
    const v = values[start + j] ?? 0;
    if (Math.abs(v) > amax) {
      amax = Math.abs(v);
      max = v;
    }
  }
  const d = max / -8;
  const id = d !== 0 ? 1 / d : 0;
  view.setUint16(offset, floatToHalf(d), true);
  const q = (v: number) => Math.min(15, Math.trunc(v * id + 8.5));
  for (let j = 0; j < 16; j++) {
    const lo = q(values[start + j] ?? 0);
    const hi = q(values[start + 16 + j] ?? 0);
    view.setUint8(offset + 2 + j, lo | (hi << 4));
  }
}

/**
 * Random quantised blocks written directly (one fixed scale, random quants): about ten times
 * faster than drawing floats and quantising, which matters for the multi-GB benchmark shape.
 */
function writeRandomQuantRow(
  type: TensorType,
  amplitude: number,
  prng: Prng,
  out: Uint8Array,
  offset: number,
  rowLength: number,
) {
  const isQ8 = type === 'q8_0';
  const blockBytes = isQ8 ? 34 : 18;
  const scale = floatToHalf(isQ8 ? amplitude / 127 : amplitude / 8);
  const quantBytes = blockBytes - 2;
  for (let b = 0; b < rowLength / 32; b++) {
    let o = offset + b * blockBytes;
    out[o++] = scale & 0xff;
    out[o++] = scale >>> 8;
    for (let j = 0; j < quantBytes; j += 4) {
      const r = prng.nextU32();
      out[o++] = r & 0xff;
      out[o++] = (r >>> 8) & 0xff;
      out[o++] = (r >>> 16) & 0xff;
      out[o++] = r >>> 24;
    }
  }
}

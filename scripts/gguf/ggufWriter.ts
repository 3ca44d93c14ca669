import { open } from 'node:fs/promises';
import {
  GGUF_DEFAULT_ALIGNMENT,
  GGUF_MAGIC,
  GGUF_VERSION,
  GgufValueType,
  TENSOR_TYPES,
} from './ggufConstants';
import { tensorByteSize, type TensorPlan } from './tensorData';

export type GgufArrayItemType = 'string' | 'i32' | 'u32' | 'f32';

/** A typed metadata value; GGUF stores the type, so plain JS numbers are ambiguous. */
export type GgufValue =
  | { type: 'u32' | 'i32' | 'f32'; value: number }
  | { type: 'u64'; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufArrayItemType; values: readonly (string | number)[] };

/** Key order is kept as given so the output is byte-stable. */
export type GgufMetadata = ReadonlyArray<readonly [key: string, value: GgufValue]>;

export interface GgufTensorSource {
  plan: TensorPlan;
  /** Produces exactly tensorByteSize(plan) bytes. */
  chunks: () => Iterable<Uint8Array>;
}

/** Growable little-endian byte buffer for the header. */
class ByteSink {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  f32(v: number): void {
    this.reserve(4);
    this.view.setFloat32(this.length, v, true);
    this.length += 4;
  }
  u64(v: bigint | number): void {
    this.reserve(8);
    this.view.setBigUint64(this.length, BigInt(v), true);
    this.length += 8;
  }
  u8(v: number): void {
    this.reserve(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
  }
  string(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }
  padTo(alignment: number): void {
    while (this.length % alignment !== 0) this.u8(0);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

const ITEM_TYPE_CODES: Record<GgufArrayItemType, number> = {
  string: GgufValueType.STRING,
  i32: GgufValueType.INT32,
  u32: GgufValueType.UINT32,
  f32: GgufValueType.FLOAT32,
};

function writeValue(sink: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      sink.u32(GgufValueType.UINT32);
      return sink.u32(value.value);
    case 'i32':
      sink.u32(GgufValueType.INT32);
      return sink.i32(value.value);
    case 'f32':
      sink.u32(GgufValueType.FLOAT32);
      return sink.f32(value.value);
    case 'u64':
      sink.u32(GgufValueType.UINT64);
      return sink.u64(value.value);
    case 'bool':
      sink.u32(GgufValueType.BOOL);
      return sink.u8(value.value ? 1 : 0);
    case 'string':
      sink.u32(GgufValueType.STRING);
      return sink.string(value.value);
    case 'array':
      sink.u32(GgufValueType.ARRAY);
      sink.u32(ITEM_TYPE_CODES[value.itemType]);
      sink.u64(value.values.length);
      for (const item of value.values) writeArrayItem(sink, value.itemType, item);
      return;
  }
}

function writeArrayItem(sink: ByteSink, type: GgufArrayItemType, item: string | number): void {
  if (type === 'string') return sink.string(String(item));
  if (typeof item !== 'number') throw new Error(`GGUF ${type} array item must be a number`);
  if (type === 'i32') return sink.i32(item);
  if (type === 'u32') return sink.u32(item);
  sink.f32(item);
}

/** Header, metadata, tensor infos and the padding up to the data section. */
export function encodeGgufHeader(
  metadata: GgufMetadata,
  tensors: readonly TensorPlan[],
): Uint8Array {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(metadata.length);
  for (const [key, value] of metadata) {
    sink.string(key);
    writeValue(sink, value);
  }
  let offset = 0;
  for (const plan of tensors) {
    sink.string(plan.name);
    sink.u32(plan.dims.length);
    for (const dim of plan.dims) sink.u64(dim);
    sink.u32(TENSOR_TYPES[plan.type].code);
    sink.u64(offset);
    offset = alignUp(offset + tensorByteSize(plan), GGUF_DEFAULT_ALIGNMENT);
  }
  sink.padTo(GGUF_DEFAULT_ALIGNMENT);
  return sink.bytes();
}

function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/** Writes a GGUF v3 file, streaming tensor data chunk by chunk. */
export async function writeGgufFile(
  path: string,
  metadata: GgufMetadata,
  tensors: readonly GgufTensorSource[],
): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.write(
      encodeGgufHeader(
        metadata,
        tensors.map((t) => t.plan),
      ),
    );
    const zeros = new Uint8Array(GGUF_DEFAULT_ALIGNMENT);
    for (const tensor of tensors) {
      const expected = tensorByteSize(tensor.plan);
      let written = 0;
      for (const chunk of tensor.chunks()) {
        await file.write(chunk);
        written += chunk.length;
      }
      if (written !== expected) {
        throw new Error(`tensor ${tensor.plan.name}: wrote ${written} bytes, expected ${expected}`);
      }
      const padding = alignUp(written, GGUF_DEFAULT_ALIGNMENT) - written;
      if (padding > 0) await file.write(zeros.subarray(0, padding));
    }
  } finally {
    await file.close();
  }
}

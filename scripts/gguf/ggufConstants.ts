/** Numeric codes of the GGUF v3 format (ggml/include/gguf.h, ggml/include/ggml.h). */

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;

export type TensorType = 'f32' | 'f16' | 'q8_0' | 'q4_0';

export interface TensorTypeInfo {
  /** ggml_type code written in the tensor info. */
  code: number;
  /** Values per block (1 for plain floats). */
  blockSize: number;
  /** Bytes per block. */
  blockBytes: number;
}

export const TENSOR_TYPES: Record<TensorType, TensorTypeInfo> = {
  f32: { code: 0, blockSize: 1, blockBytes: 4 },
  f16: { code: 1, blockSize: 1, blockBytes: 2 },
  q4_0: { code: 2, blockSize: 32, blockBytes: 18 },
  q8_0: { code: 8, blockSize: 32, blockBytes: 34 },
};

/** llama_ftype values for `general.file_type`. */
export const FILE_TYPES: Record<TensorType, number> = {
  f32: 0,
  f16: 1,
  q4_0: 2,
  q8_0: 7,
};

/** llama_token_type values for `tokenizer.ggml.token_type`. */
export const TokenType = {
  NORMAL: 1,
  UNKNOWN: 2,
  CONTROL: 3,
  USER_DEFINED: 4,
  UNUSED: 5,
  BYTE: 6,
} as const;

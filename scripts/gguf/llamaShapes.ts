import type { TensorType } from './ggufConstants';

export type ModelShapeName = 'tiny' | 'streaming' | 'llama-3.2-3b';

/** Hyper-parameters of a llama-architecture model. */
export interface LlamaShape {
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  feedForwardLength: number;
  headCount: number;
  headCountKv: number;
  rmsEpsilon: number;
  ropeFreqBase: number;
  /** Llama 3.2 3B ties the output projection to the token embedding (no output.weight). */
  tiedEmbeddings: boolean;
  /** Vocabulary size to pad to; undefined keeps the natural test vocabulary (~700 tokens). */
  vocabSize?: number;
  /** Default tensor type for the matrices (norms are always f32). */
  defaultType: TensorType;
}

export const MODEL_SHAPES: Record<ModelShapeName, LlamaShape> = {
  tiny: {
    contextLength: 4096,
    embeddingLength: 64,
    blockCount: 2,
    feedForwardLength: 128,
    headCount: 4,
    headCountKv: 2,
    rmsEpsilon: 1e-5,
    ropeFreqBase: 500000,
    tiedEmbeddings: false,
    defaultType: 'f32',
  },
  // ~32M f32 parameters: tokens arrive at a visible pace on a small CPU (about 70 tok/s on one
  // core of the 2-core dev machine), for UI tests that watch a stream and stop it.
  streaming: {
    contextLength: 4096,
    embeddingLength: 512,
    blockCount: 8,
    feedForwardLength: 2048,
    headCount: 8,
    headCountKv: 4,
    rmsEpsilon: 1e-5,
    ropeFreqBase: 500000,
    tiedEmbeddings: false,
    defaultType: 'f32',
  },
  // Dimensions from meta-llama/Llama-3.2-3B's config.json; the vocabulary is padded to the real
  // 128256 so the output projection costs what it costs in the real model.
  'llama-3.2-3b': {
    contextLength: 131072,
    embeddingLength: 3072,
    blockCount: 28,
    feedForwardLength: 8192,
    headCount: 24,
    headCountKv: 8,
    rmsEpsilon: 1e-5,
    ropeFreqBase: 500000,
    tiedEmbeddings: true,
    vocabSize: 128256,
    defaultType: 'q4_0',
  },
};

import type { TestVocab } from './bpeVocab';
import { FILE_TYPES, type TensorType } from './ggufConstants';
import type { GgufMetadata, GgufValue } from './ggufWriter';
import type { LlamaShape } from './llamaShapes';

export interface LlamaMetadataInput {
  name: string;
  shape: LlamaShape;
  type: TensorType;
  vocab: TestVocab;
  /** null: no `tokenizer.chat_template` (a model without a template). */
  chatTemplate: string | null;
  toolUseTemplate: string | null;
}

const u32 = (value: number): GgufValue => ({ type: 'u32', value });
const f32 = (value: number): GgufValue => ({ type: 'f32', value });
const str = (value: string): GgufValue => ({ type: 'string', value });
const bool = (value: boolean): GgufValue => ({ type: 'bool', value });

/** Metadata in the order llama.cpp's convert_hf_to_gguf.py writes it for a Llama 3 model. */
export function llamaMetadata(input: LlamaMetadataInput): GgufMetadata {
  const { shape, vocab } = input;
  const headDim = shape.embeddingLength / shape.headCount;
  const bos = vocab.specialIds['<|begin_of_text|>'];
  const eos = vocab.specialIds['<|im_end|>'];
  const entries: [string, GgufValue][] = [
    ['general.architecture', str('llama')],
    ['general.name', str(input.name)],
    ['llama.block_count', u32(shape.blockCount)],
    ['llama.context_length', u32(shape.contextLength)],
    ['llama.embedding_length', u32(shape.embeddingLength)],
    ['llama.feed_forward_length', u32(shape.feedForwardLength)],
    ['llama.attention.head_count', u32(shape.headCount)],
    ['llama.attention.head_count_kv', u32(shape.headCountKv)],
    ['llama.rope.freq_base', f32(shape.ropeFreqBase)],
    ['llama.attention.layer_norm_rms_epsilon', f32(shape.rmsEpsilon)],
    ['llama.attention.key_length', u32(headDim)],
    ['llama.attention.value_length', u32(headDim)],
    ['general.file_type', u32(FILE_TYPES[input.type])],
    ['llama.vocab_size', u32(vocab.tokens.length)],
    ['llama.rope.dimension_count', u32(headDim)],
    ['tokenizer.ggml.model', str('gpt2')],
    ['tokenizer.ggml.pre', str('llama-bpe')],
    ['tokenizer.ggml.tokens', { type: 'array', itemType: 'string', values: vocab.tokens }],
    ['tokenizer.ggml.token_type', { type: 'array', itemType: 'i32', values: vocab.tokenTypes }],
    ['tokenizer.ggml.merges', { type: 'array', itemType: 'string', values: vocab.merges }],
    ['tokenizer.ggml.bos_token_id', u32(bos)],
    ['tokenizer.ggml.eos_token_id', u32(eos)],
    ['tokenizer.ggml.eot_token_id', u32(eos)],
    ['tokenizer.ggml.padding_token_id', u32(vocab.specialIds['<|end_of_text|>'])],
    ['tokenizer.ggml.add_bos_token', bool(true)],
    ['tokenizer.ggml.add_eos_token', bool(false)],
  ];
  if (input.chatTemplate !== null) {
    entries.push(['tokenizer.chat_template', str(input.chatTemplate)]);
  }
  if (input.toolUseTemplate !== null) {
    entries.push(['tokenizer.chat_template.tool_use', str(input.toolUseTemplate)]);
  }
  entries.push(['general.quantization_version', u32(2)]);
  return entries;
}

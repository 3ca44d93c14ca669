import type { TensorType } from './ggufConstants';
import type { LlamaShape } from './llamaShapes';
import type { TensorPlan } from './tensorData';

/**
 * Steering for random weights. Dimension 0 of the residual stream is pinned to a constant (the
 * embedding sets it, the attention and FFN output projections never write it), so after the
 * final RMS norm it is a positive "bias input" the output projection can weight per token. That
 * gives a llama model without bias tensors a per-token logit bias: tokens that would make broken
 * text (lone UTF-8 bytes, control bytes, stray control tokens) are pushed far down, and the
 * end-of-turn token can be made likely.
 */
export interface LogitSteering {
  /** Token ids that should never be sampled. */
  bannedTokens: ReadonlySet<number>;
  eosTokenId: number;
  /** Weight of the anchor on the eos logit; 0 leaves eos as likely as any random token. */
  eosBias: number;
}

const ANCHOR_VALUE = 2;
const BAN_WEIGHT = -40;

function linear(name: string, inputs: number, outputs: number, type: TensorType): TensorPlan {
  return {
    name,
    dims: [inputs, outputs],
    type,
    fill: { kind: 'uniform', amplitude: Math.sqrt(3 / inputs) },
  };
}

function norm(name: string, size: number): TensorPlan {
  return { name, dims: [size], type: 'f32', fill: { kind: 'constant', value: 1 } };
}

function keepAnchorClear(plan: TensorPlan): TensorPlan {
  if (plan.fill.kind !== 'uniform') return plan;
  return {
    ...plan,
    fill: { ...plan.fill, editRow: (row, values) => row === 0 && values.fill(0) },
  };
}

/** Tensor list of a llama model in llama.cpp's naming (LLM_ARCH_LLAMA). */
export function llamaTensorPlans(
  shape: LlamaShape,
  vocabSize: number,
  type: TensorType,
  steering: LogitSteering | null,
): TensorPlan[] {
  const nEmbd = shape.embeddingLength;
  const headDim = nEmbd / shape.headCount;
  const nEmbdKv = headDim * shape.headCountKv;
  const ff = shape.feedForwardLength;
  const anchored = (plan: TensorPlan) => (steering ? keepAnchorClear(plan) : plan);

  const embedding: TensorPlan = {
    name: 'token_embd.weight',
    dims: [nEmbd, vocabSize],
    type,
    fill: {
      kind: 'uniform',
      amplitude: 1,
      ...(steering && {
        editRow: (_row: number, values: Float32Array) => void (values[0] = ANCHOR_VALUE),
      }),
    },
  };
  const plans: TensorPlan[] = [embedding];
  for (let i = 0; i < shape.blockCount; i++) {
    const p = `blk.${i}.`;
    plans.push(
      norm(`${p}attn_norm.weight`, nEmbd),
      linear(`${p}attn_q.weight`, nEmbd, nEmbd, type),
      linear(`${p}attn_k.weight`, nEmbd, nEmbdKv, type),
      linear(`${p}attn_v.weight`, nEmbd, nEmbdKv, type),
      anchored(linear(`${p}attn_output.weight`, nEmbd, nEmbd, type)),
      norm(`${p}ffn_norm.weight`, nEmbd),
      linear(`${p}ffn_gate.weight`, nEmbd, ff, type),
      anchored(linear(`${p}ffn_down.weight`, ff, nEmbd, type)),
      linear(`${p}ffn_up.weight`, nEmbd, ff, type),
    );
  }
  plans.push(norm('output_norm.weight', nEmbd));
  if (!shape.tiedEmbeddings) plans.push(outputPlan(nEmbd, vocabSize, type, steering));
  return plans;
}

function outputPlan(
  nEmbd: number,
  vocabSize: number,
  type: TensorType,
  steering: LogitSteering | null,
): TensorPlan {
  const plan = linear('output.weight', nEmbd, vocabSize, type);
  if (!steering || plan.fill.kind !== 'uniform') return plan;
  const editRow = (token: number, values: Float32Array) => {
    if (steering.bannedTokens.has(token)) values[0] = BAN_WEIGHT;
    else if (token === steering.eosTokenId) values[0] = steering.eosBias;
    else values[0] = 0;
  };
  return { ...plan, fill: { ...plan.fill, editRow } };
}

import { GgufFileType, type GgufFileInfo } from 'node-llama-cpp';
import type { ChatTemplateKind, GgufModelMetadata } from '../../../../shared/contract/library';
import { countParameters } from './ggufIntegrity';

export type { ChatTemplateKind, GgufModelMetadata } from '../../../../shared/contract/library';

export function chatTemplateKind(template: unknown): ChatTemplateKind {
  if (typeof template !== 'string' || template.trim() === '') return 'none';
  if (template.includes('<|im_start|>')) return 'chatml';
  if (template.includes('<|start_header_id|>')) return 'llama3';
  return 'other';
}

/** The Hermes generation a name (general.name, repo or file name) states. */
export function detectHermesVersion(...names: (string | null | undefined)[]): string | null {
  for (const name of names) {
    if (!name) continue;
    const n = name.toLowerCase();
    if (!n.includes('hermes')) continue;
    if (/hermes[-_ ]?3/.test(n)) return '3';
    if (/hermes[-_ ]?2[-_ ]?pro/.test(n)) return '2 Pro';
    if (/hermes[-_ ]?2[-_ ]?theta/.test(n)) return '2 Theta';
    if (/hermes[-_ ]?2/.test(n)) return '2';
  }
  return null;
}

export function fileTypeName(fileType: unknown): string | null {
  if (typeof fileType !== 'number') return null;
  const name = (GgufFileType as unknown as Record<number, string | undefined>)[fileType];
  if (name === undefined) return null;
  return name.replace(/^(MOSTLY|ALL)_/, '');
}

function numberOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/** The library's view of a GGUF header; `hints` are the repo and file names. */
export function summarizeGguf(info: GgufFileInfo, ...hints: string[]): GgufModelMetadata {
  const general = info.metadata.general as Record<string, unknown> | undefined;
  // node-llama-cpp keeps `tokenizer.chat_template.tool_use` as a flat key next to `chat_template`.
  const tokenizer = info.metadata.tokenizer as Record<string, unknown> | undefined;
  const template = tokenizer?.['chat_template'];
  const toolUse = tokenizer?.['chat_template.tool_use'];
  const arch = info.architectureMetadata as Record<string, unknown>;
  const name = typeof general?.name === 'string' ? general.name : null;
  const tensors = info.fullTensorInfo ?? info.tensorInfo;
  return {
    name,
    architecture: typeof general?.architecture === 'string' ? general.architecture : null,
    parameterCount: tensors && tensors.length > 0 ? countParameters(tensors) : null,
    sizeLabel: typeof general?.size_label === 'string' ? general.size_label : null,
    fileType: fileTypeName(general?.file_type),
    contextLength: numberOrNull(arch?.context_length),
    chatTemplate: chatTemplateKind(template),
    hermesVersion: detectHermesVersion(name, ...hints),
    hasToolUseTemplate: typeof toolUse === 'string' && toolUse.length > 0,
  };
}

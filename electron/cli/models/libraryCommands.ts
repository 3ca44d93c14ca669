import { TalariaError } from '../../../shared/contract/errors';
import type { LibraryModel } from '../../../shared/contract/library';
import { ModelLibrary } from '../../backend/models/ModelLibrary';
import { formatBytes } from '../../backend/models/utils/diskSpace';
import type { CliContext } from './cliContext';
import { formatParams, table } from './table';

const TEMPLATES = { chatml: 'ChatML', llama3: 'Llama 3', other: 'other', none: 'none' } as const;

/** `talaria models list [--json]`. */
export async function listCommand(ctx: CliContext): Promise<number> {
  const models = await new ModelLibrary({ modelsDir: ctx.modelsDir }).list();
  if (ctx.json) {
    ctx.out.write(`${JSON.stringify(models, null, 2)}\n`);
    return 0;
  }
  if (models.length === 0) {
    ctx.out.write(
      `No models in ${ctx.modelsDir}.\nDownload one: talaria models download NousResearch/Hermes-3-Llama-3.2-3B-GGUF --quant Q4_K_M\n`,
    );
    return 0;
  }
  const rows = models.map((m) => {
    const meta = m.metadata;
    return [
      m.id,
      formatBytes(m.sizeBytes),
      m.quant ?? '-',
      meta?.architecture ?? '-',
      formatParams(meta?.parameterCount),
      meta?.contextLength ? meta.contextLength.toLocaleString('en-US') : '-',
      meta ? TEMPLATES[meta.chatTemplate] : '-',
      meta?.hermesVersion ? `Hermes ${meta.hermesVersion}` : '-',
      meta?.hasToolUseTemplate ? 'yes' : 'no',
    ];
  });
  const header = [
    'ID',
    'SIZE',
    'QUANT',
    'ARCH',
    'PARAMS',
    'CONTEXT',
    'TEMPLATE',
    'HERMES',
    'TOOLS',
  ];
  ctx.out.write(`${table(header, rows)}\n`);
  for (const m of models.filter((model) => model.error)) {
    ctx.out.write(`\n${m.id}: ${m.error}\n`);
  }
  return 0;
}

/** `talaria models rm <id>`: an id from `models list`, or a file name that names one model. */
export async function removeCommand(ctx: CliContext, query: string): Promise<number> {
  const library = new ModelLibrary({ modelsDir: ctx.modelsDir });
  const model = pickModel(await library.list(), query);
  await library.delete(model.id);
  ctx.out.write(
    `Deleted ${model.id}${model.linked ? ' (the link; the linked file is kept)' : ''}\n`,
  );
  return 0;
}

export function pickModel(models: LibraryModel[], query: string): LibraryModel {
  const exact = models.find((m) => m.id === query);
  if (exact) return exact;
  const matches = models.filter((m) => m.fileName === query || m.id.endsWith(`/${query}`));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new TalariaError(
      'INVALID_INPUT',
      `"${query}" names ${matches.length} models; use the full id:\n${matches.map((m) => `  ${m.id}`).join('\n')}`,
    );
  }
  throw new TalariaError(
    'MODEL_NOT_FOUND',
    `No model "${query}" in the library (see talaria models list).`,
  );
}

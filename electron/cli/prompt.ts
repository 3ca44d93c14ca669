import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readGgufFileInfo } from 'node-llama-cpp';
import { TalariaError } from '../../shared/contract/errors';
import type { HermesMessage, HermesTool } from '../../shared/hermes';
import { modelPromptInfoOf, modelPromptText } from '../backend/engine/hermes/modelPromptInfo';
import { ModelLibrary } from '../backend/models/ModelLibrary';
import { modelsDirFor } from '../backend/models/repoPaths';
import { resolveDataDir } from '../backend/paths';
import { pickModel } from './models/libraryCommands';
import { PROMPT_USAGE } from './promptUsage';

/** `talaria prompt`: the prompt inspector's text for a model, from a terminal. */
export async function prompt(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      messages: { type: 'string' },
      tools: { type: 'string' },
      'no-generation-prompt': { type: 'boolean' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`Usage:\n${PROMPT_USAGE}`);
    return 0;
  }
  if (!values.model || !values.messages) {
    console.error(`--model and --messages are required.\n\nUsage:\n${PROMPT_USAGE}`);
    return 2;
  }
  const path = await modelPath(values.model, values['data-dir']);
  const messages = await readJson<HermesMessage[]>(values.messages, 'messages');
  const tools = values.tools ? await readJson<HermesTool[]>(values.tools, 'tools') : [];
  if (!Array.isArray(messages) || !Array.isArray(tools)) {
    throw new TalariaError('INVALID_INPUT', '--messages and --tools must each hold a JSON array.');
  }
  const info = modelPromptInfoOf(
    (await readGgufFileInfo(path, { readTensorInfo: false })).metadata,
  );
  const rendered = modelPromptText(info, messages, {
    tools,
    addGenerationPrompt: !values['no-generation-prompt'],
  });
  process.stdout.write(rendered.text);
  const how =
    rendered.renderer === 'model'
      ? `rendered with this model's ${rendered.template === 'tool_use' ? 'tool_use' : 'default'} chat template`
      : (rendered.note ?? '');
  const bos =
    rendered.bos === null
      ? 'no BOS: llama.cpp adds none for this model'
      : `BOS ${rendered.bos} printed first: llama.cpp adds it once (tokenizer.ggml.add_bos_token)`;
  process.stderr.write(`${how}; ${bos}\n`);
  return 0;
}

async function modelPath(query: string, dataDir: string | undefined): Promise<string> {
  if (query.toLowerCase().endsWith('.gguf') && existsSync(query)) return resolve(query);
  const modelsDir = modelsDirFor(resolve(resolveDataDir(dataDir)));
  return pickModel(await new ModelLibrary({ modelsDir }).list(), query).path;
}

async function readJson<T>(file: string, what: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError('INVALID_INPUT', `Cannot read the ${what} file ${file}: ${reason}`);
  }
}

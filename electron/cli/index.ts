#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { APP_VERSION } from '../backend/version';
import { API_USAGE } from './apiUsage';
import { characters, CHARACTERS_USAGE } from './characters';
import { lorebooks, LOREBOOKS_USAGE } from './lorebooks';
import { chats, CHATS_USAGE } from './chats';
import { engines, ENGINES_USAGE } from './engines';
import { entryPaths } from './entryPaths';
import { evalCommand, EVAL_USAGE } from './eval';
import { MODELS_ENV, MODELS_USAGE } from './models/usage';
import { PROMPT_USAGE } from './promptUsage';

const USAGE = `Talaria ${APP_VERSION} — a chat studio for the Nous Research Hermes models

Usage:
  talaria serve [--port N] [--data-dir DIR] [--model FILE.gguf]
      Run the app headless on http://127.0.0.1 (the printed URL carries a secret token).
${API_USAGE}
${MODELS_USAGE}
${CHATS_USAGE}
${CHARACTERS_USAGE}
${LOREBOOKS_USAGE}
${EVAL_USAGE}
${ENGINES_USAGE}
${PROMPT_USAGE}

Options:
  --data-dir DIR   where conversations and models live (default: TALARIA_DATA_DIR or the
                   desktop app's data folder)
  -h, --help       show this help
  -v, --version    print the version

Environment:
${MODELS_ENV}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (command === '-v' || command === '--version') {
    console.log(APP_VERSION);
    return 0;
  }
  if (command === 'chats') return chats(rest);
  if (command === 'characters') return characters(rest);
  if (command === 'lorebooks') return lorebooks(rest);
  if (command === 'eval') return evalCommand(rest, () => entryPaths(import.meta.url));
  if (command === 'engines') return engines(rest);
  if (command === 'models') {
    const { runModels } = await import('./models/modelsCommand');
    return runModels(rest);
  }
  if (command === 'prompt') {
    const { prompt } = await import('./prompt');
    return prompt(rest);
  }
  if (command === 'api') {
    const { api } = await import('./api');
    return api(rest, entryPaths(import.meta.url));
  }
  if (command === 'serve') {
    const { serve } = await import('./serve');
    const { values } = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        model: { type: 'string' },
      },
      strict: true,
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`Invalid --port: ${values.port}`);
      return 2;
    }
    await serve(
      { port, dataDir: values['data-dir'], model: values.model },
      entryPaths(import.meta.url),
    );
    return -1;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

/** Exits once stdout and stderr are flushed: a pipe would otherwise lose the end of a long output. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) exitAfterFlush(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

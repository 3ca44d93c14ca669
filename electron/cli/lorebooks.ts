import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TalariaError } from '../../shared/contract/errors';
import {
  readWorldInfoSettings,
  scanWorldInfo,
  type ScanMessage,
  type WorldInfoSettings,
} from '../../shared/worldinfo';
import { LorebookService } from '../backend/personas';
import { processIo, withStore, type CliIo } from './storeCommand';

export const LOREBOOKS_USAGE = `  talaria lorebooks list [--json] [--data-dir DIR]
      Print every lorebook: id, entries and name.
  talaria lorebooks import <file.json>... [--data-dir DIR]
      Import SillyTavern world info, character_book JSON, cards with a book or Agnai memory books.
  talaria lorebooks export <id|name> [--format st|card] [--out FILE] [--data-dir DIR]
      Write SillyTavern world-info JSON (st, the default) or a card's character_book (card).
  talaria lorebooks activate <id|name> --chat FILE.json [--settings FILE.json] [--json]
      Scan a chat (OpenAI-style messages) as a reply would, SillyTavern's settings and defaults;
      print the activated entries in prompt order (--json: objects with each entry's uid).`;

/** SillyTavern's context size when none is given (its default "Context Size (tokens)"). */
const DEFAULT_MAX_CONTEXT = 8192;
/** SillyTavern's fallback token estimate when no tokenizer is at hand (3.35 chars a token). */
const estimateTokens = (text: string): number => Math.ceil(text.length / 3.35);

function findId(service: LorebookService, idOrName: string): string {
  if (service.find(idOrName)) return idOrName;
  const wanted = idOrName.trim().toLowerCase();
  const hits = service.list().filter((b) => b.name.toLowerCase() === wanted);
  if (hits.length === 1 && hits[0]) return hits[0].id;
  throw new TalariaError(
    'NOT_FOUND',
    hits.length > 1
      ? `${hits.length} lorebooks are called "${idOrName}"; give the id (talaria lorebooks list).`
      : `No lorebook has the id or name "${idOrName}".`,
  );
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new TalariaError('INVALID_INPUT', `Cannot read the ${what} file ${file}.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TalariaError('INVALID_INPUT', `The ${what} file ${file} is not JSON (${reason}).`);
  }
}

function readChat(file: string): ScanMessage[] {
  const value = readJsonFile(file, 'chat');
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' &&
        value !== null &&
        Array.isArray((value as { messages?: unknown }).messages)
      ? (value as { messages: unknown[] }).messages
      : null;
  if (!list) {
    throw new TalariaError(
      'INVALID_INPUT',
      `The chat file ${file} must be a list of messages ({"role", "content", "name"?}).`,
    );
  }
  return list.map((m, i) => {
    const message = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (typeof message.content !== 'string') {
      throw new TalariaError('INVALID_INPUT', `Message ${i + 1} of ${file} has no text content.`);
    }
    return typeof message.name === 'string' && message.name !== ''
      ? { content: message.content, name: message.name }
      : { content: message.content };
  });
}

/** `talaria lorebooks …`: the lorebook library and SillyTavern's scan from a terminal. */
export async function lorebooks(argv: string[], io: CliIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      chat: { type: 'string' },
      settings: { type: 'string' },
      'max-context': { type: 'string' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (sub !== 'list' && sub !== 'import' && sub !== 'export' && sub !== 'activate') {
    io.err(`Unknown lorebooks command "${sub ?? ''}".\n\nUsage:\n${LOREBOOKS_USAGE}\n`);
    return 2;
  }
  const format = values.format ?? 'st';
  if (format !== 'st' && format !== 'card') {
    io.err(`Invalid --format "${format}": use st or card.\n`);
    return 2;
  }
  if (sub === 'import' && positionals.length === 0) {
    io.err('Give the lorebook files to import.\n');
    return 2;
  }
  if ((sub === 'export' || sub === 'activate') && positionals.length !== 1) {
    io.err('Give one lorebook id or name.\n');
    return 2;
  }
  if (sub === 'activate' && !values.chat) {
    io.err('Give the chat to scan: --chat FILE.json (a list of {role, content, name?}).\n');
    return 2;
  }
  const maxContext = Number(values['max-context'] ?? DEFAULT_MAX_CONTEXT);
  if (!Number.isInteger(maxContext) || maxContext <= 0) {
    io.err(`Invalid --max-context "${values['max-context']}": give a number of tokens.\n`);
    return 2;
  }

  return withStore(values['data-dir'], io, (store) => {
    const service = new LorebookService({ store, emit: () => {} });
    if (sub === 'list') {
      const all = service.list();
      if (values.json) io.out(`${JSON.stringify(all, null, 2)}\n`);
      else for (const b of all) io.out(`${b.id}\t${b.entryCount}\t${b.name}\n`);
      return 0;
    }
    if (sub === 'import') {
      let failed = 0;
      for (const file of positionals) {
        try {
          const text = readFileSync(resolve(file), 'utf8');
          const { lorebook, warnings } = service.importText(basename(file), text);
          io.out(`${lorebook.id}\t${lorebook.book.entries.length}\t${lorebook.name}\n`);
          for (const warning of warnings) io.err(`${basename(file)}: warning: ${warning}\n`);
        } catch (error) {
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          io.err(`${basename(file)}: ${message}\n`);
        }
      }
      io.err(`Imported ${positionals.length - failed} of ${positionals.length} lorebook(s).\n`);
      return failed === 0 ? 0 : 1;
    }
    const id = findId(service, positionals[0] ?? '');
    if (sub === 'export') {
      const exported = service.exportFile(id, format);
      const target = resolve(values.out ?? exported.fileName);
      writeFileSync(target, Buffer.from(exported.data, 'base64'));
      io.err(`Wrote ${target}\n`);
      return 0;
    }
    let settings: Partial<WorldInfoSettings> = {};
    if (values.settings) {
      const read = readWorldInfoSettings(readJsonFile(values.settings, 'settings'));
      settings = read.settings;
      for (const warning of read.warnings) io.err(`warning: ${warning}\n`);
    }
    const book = service.get(id);
    const file = service.worldInfo(id);
    const result = scanWorldInfo({
      books: [{ name: book.name, source: 'global', entries: Object.values(file.entries) }],
      messages: readChat(values.chat ?? ''),
      settings,
      maxContext,
      countTokens: estimateTokens,
    });
    const rows = result.activated.map((a) => ({
      uid: a.uid,
      comment: a.comment,
      key: Array.isArray(a.entry.key) ? a.entry.key : [],
      order: a.order,
      position: a.position,
      cause: a.cause,
      content: a.content,
    }));
    if (values.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
    for (const row of values.json ? [] : rows) {
      const why = row.cause.kind === 'key' ? `key "${row.cause.key}"` : row.cause.kind;
      io.out(`${row.uid}\t${row.order}\t${row.comment || row.key.join(', ')}\t(${why})\n`);
    }
    if (result.budgetOverflowed) {
      io.err(`warning: the world-info budget (${result.budget} tokens) was reached.\n`);
    }
    return 0;
  });
}

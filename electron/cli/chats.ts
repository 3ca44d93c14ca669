import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ImportExportService } from '../backend/chat/transfer/ImportExportService';
import { processIo, withStore, type CliIo } from './storeCommand';

export const CHATS_USAGE = `  talaria chats list [--data-dir DIR]
      Print every conversation: id, message count and title.
  talaria chats export <id|--all> [--format md|json] [--out FILE] [--data-dir DIR]
      Export one conversation or all of them (JSON keeps every branch, stats and settings;
      Markdown the branch on screen). Writes to stdout unless --out is given.
  talaria chats import <file> [--data-dir DIR]
      Import a Talaria JSON export or an OpenAI-style messages array; prints the new ids.`;

export type ChatsIo = CliIo;

/** `talaria chats …`: export and import without starting the app. Returns the exit code. */
export async function chats(argv: string[], io: ChatsIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      all: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (sub !== 'list' && sub !== 'export' && sub !== 'import') {
    io.err(`Unknown chats command "${sub ?? ''}".\n\nUsage:\n${CHATS_USAGE}\n`);
    return 2;
  }
  const format = values.format ?? 'json';
  if (format !== 'md' && format !== 'json') {
    io.err(`Invalid --format "${format}": use md or json.\n`);
    return 2;
  }
  if (sub === 'export' && (values.all ? positionals.length !== 0 : positionals.length !== 1)) {
    io.err('Give one conversation id, or --all.\n');
    return 2;
  }
  if (sub === 'import' && positionals.length !== 1) {
    io.err('Give the file to import.\n');
    return 2;
  }

  return withStore(values['data-dir'], io, async (store) => {
    if (sub === 'list') {
      for (const c of store.conversations.listPage({ limit: 10_000 }).conversations) {
        io.out(`${c.id}\t${c.messageCount}\t${c.pinned ? '📌 ' : ''}${c.title}\n`);
      }
      return 0;
    }
    const service = new ImportExportService({ store });
    if (sub === 'import') {
      const { conversationIds } = await service.importFile(resolve(positionals[0] ?? ''));
      for (const id of conversationIds) io.out(`${id}\n`);
      io.err(`Imported ${conversationIds.length} conversation(s).\n`);
      return 0;
    }
    const exported = values.all
      ? service.exportAll(format)
      : service.exportConversation(positionals[0] ?? '', format);
    if (values.out) {
      writeFileSync(resolve(values.out), exported.text);
      io.err(`Wrote ${exported.conversationCount} conversation(s) to ${values.out}\n`);
    } else {
      io.out(exported.text.endsWith('\n') ? exported.text : `${exported.text}\n`);
    }
    return 0;
  });
}

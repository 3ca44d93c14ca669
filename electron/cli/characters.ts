import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TalariaError } from '../../shared/contract/errors';
import { CharacterService } from '../backend/personas';
import { processIo, withStore, type CliIo } from './storeCommand';

export const CHARACTERS_USAGE = `  talaria characters list [--json] [--data-dir DIR]
      Print every character: id, greetings, lorebook entries, name and tags.
  talaria characters import <file.png|file.json|file.charx>... [--data-dir DIR]
      Import SillyTavern cards (V1/V2/V3, PNG, JSON or CHARX); each file succeeds or fails alone.
  talaria characters export <id|name> [--format png|json|charx] [--out FILE] [--data-dir DIR]
      Write a card (PNG carries the V2 'chara' and V3 'ccv3' chunks) to FILE or its own name.`;

export type CharactersIo = CliIo;

function findId(service: CharacterService, idOrName: string): string {
  if (service.find(idOrName)) return idOrName;
  const wanted = idOrName.trim().toLowerCase();
  const hits = service.list().characters.filter((c) => c.name.toLowerCase() === wanted);
  if (hits.length === 1 && hits[0]) return hits[0].id;
  throw new TalariaError(
    'NOT_FOUND',
    hits.length > 1
      ? `${hits.length} characters are called "${idOrName}"; give the id (talaria characters list).`
      : `No character has the id or name "${idOrName}".`,
  );
}

/** `talaria characters …`: the character library without starting the app. The exit code. */
export async function characters(argv: string[], io: CharactersIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (sub !== 'list' && sub !== 'import' && sub !== 'export') {
    io.err(`Unknown characters command "${sub ?? ''}".\n\nUsage:\n${CHARACTERS_USAGE}\n`);
    return 2;
  }
  const format = values.format ?? 'png';
  if (format !== 'png' && format !== 'json' && format !== 'charx') {
    io.err(`Invalid --format "${format}": use png, json or charx.\n`);
    return 2;
  }
  if (
    (sub === 'import' && positionals.length === 0) ||
    (sub === 'export' && positionals.length !== 1)
  ) {
    io.err(
      sub === 'import' ? 'Give the card files to import.\n' : 'Give one character id or name.\n',
    );
    return 2;
  }

  return withStore(values['data-dir'], io, (store) => {
    const service = new CharacterService({ store, emit: () => {} });
    if (sub === 'list') {
      const { characters: all } = service.list();
      // Avatars are image data; a terminal wants to know whether there is one.
      const rows = all.map(({ avatar, ...c }) => ({ ...c, hasAvatar: avatar !== null }));
      if (values.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
      for (const c of values.json ? [] : all) {
        const tags = c.tags.length > 0 ? `\t[${c.tags.join(', ')}]` : '';
        io.out(`${c.id}\t${c.greetingCount}\t${c.loreEntryCount}\t${c.name}${tags}\n`);
      }
      return 0;
    }
    if (sub === 'import') {
      let failed = 0;
      for (const file of positionals) {
        try {
          const data = readFileSync(resolve(file)).toString('base64');
          const { character, warnings } = service.importCard(data);
          io.out(`${character.id}\t${character.card.data.name}\n`);
          for (const warning of warnings) io.err(`${basename(file)}: warning: ${warning}\n`);
        } catch (error) {
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          io.err(`${basename(file)}: ${message}\n`);
        }
      }
      io.err(`Imported ${positionals.length - failed} of ${positionals.length} card(s).\n`);
      return failed === 0 ? 0 : 1;
    }
    const exported = service.exportCard(findId(service, positionals[0] ?? ''), format);
    const target = resolve(values.out ?? exported.fileName);
    writeFileSync(target, Buffer.from(exported.data, 'base64'));
    io.err(`Wrote ${target}\n`);
    return 0;
  });
}

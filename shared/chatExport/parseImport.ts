import { importError, joinPath } from './importErrors';
import { talariaSchemas } from './importSchema';
import { openAiToTree } from './openAiImport';
import { talariaToTree } from './talariaImport';
import {
  BUNDLE_FORMAT,
  CONVERSATION_FORMAT,
  DEFAULT_IMPORT_LIMITS,
  EXPORT_VERSION,
  type ConversationTree,
  type ImportLimits,
} from './types';

export interface ParseImportOptions {
  limits?: Partial<ImportLimits>;
  /** Timestamp for imported messages that carry none (OpenAI-style files). */
  now?: number;
}

/** UTF-8 size of a string, counted without encoding it (a 200 MB copy would be wasteful). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function tooBig(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return utf8ByteLength(text) > maxBytes;
}

function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkVersion(raw: Record<string, unknown>, where: string): void {
  const version = raw['version'];
  if (typeof version === 'number' && version > EXPORT_VERSION) {
    throw importError(
      where,
      `it was exported by a newer Talaria (format version ${version}; this one reads up to ` +
        `${EXPORT_VERSION}). Update Talaria to import it.`,
    );
  }
}

/**
 * Reads an import file: our single-conversation export, a bundle (`{conversations: [...]}`, as
 * written by export --all), or a plain OpenAI-style `messages` array (bare, or as
 * `{messages: [...]}` with an optional `title`). Returns validated conversations whose messages
 * are ordered parents first, still carrying the file's ids (the store gives them new ones).
 *
 * The text is only ever read by JSON.parse and validated as data: nothing in it is evaluated,
 * and markup stays the text it is. Every problem is an INVALID_INPUT TalariaError saying where.
 */
export function parseImport(text: string, options: ParseImportOptions = {}): ConversationTree[] {
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  const now = options.now ?? Date.now();
  if (tooBig(text, limits.maxBytes)) {
    throw importError('', `the file is larger than ${formatSize(limits.maxBytes)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw importError('', `it is not valid JSON (${reason.slice(0, 200)})`);
  }

  if (Array.isArray(raw)) return [openAiToTree(raw, 'messages', { limits, now })];
  if (!isRecord(raw)) {
    throw importError('', 'expected a JSON object or a messages array at the top level');
  }
  const format = raw['format'];
  if (format === CONVERSATION_FORMAT) {
    checkVersion(raw, '');
    return [talariaToTree(raw, '', limits)];
  }
  const conversations = raw['conversations'];
  if (format === BUNDLE_FORMAT || (format === undefined && Array.isArray(conversations))) {
    checkVersion(raw, '');
    if (!Array.isArray(conversations)) {
      throw importError('conversations', 'expected a list of conversations');
    }
    if (conversations.length > limits.maxConversations) {
      throw importError(
        'conversations',
        `${conversations.length} conversations; at most ${limits.maxConversations} can be ` +
          'imported at once',
      );
    }
    const schemas = talariaSchemas(limits);
    return conversations.map((item, index) => {
      const where = joinPath('conversations', index);
      if (isRecord(item)) checkVersion(item, where);
      return talariaToTree(item, where, limits, schemas);
    });
  }
  if (typeof format === 'string') {
    throw importError(
      'format',
      `${JSON.stringify(format.slice(0, 60))} is not a format Talaria can import`,
    );
  }
  const messages = raw['messages'];
  if (Array.isArray(messages)) {
    return [openAiToTree(messages, 'messages', { limits, now, title: raw['title'] })];
  }
  throw importError(
    '',
    'this is not a Talaria export or an OpenAI-style messages list (expected "format": ' +
      `"${CONVERSATION_FORMAT}", a "conversations" list, or a "messages" list)`,
  );
}

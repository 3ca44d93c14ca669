import fs from 'node:fs/promises';
import { TalariaError } from '../../../../shared/contract/errors';
import {
  buildBundle,
  buildConversationExport,
  serializeExport,
} from '../../../../shared/chatExport/exportJson';
import {
  conversationToMarkdown,
  conversationsToMarkdown,
} from '../../../../shared/chatExport/exportMarkdown';
import { exportFileName, type ExportFormat } from '../../../../shared/chatExport/fileName';
import { parseImport } from '../../../../shared/chatExport/parseImport';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../../../shared/chatExport/types';
import type { Clock } from '../../store/clock';
import type { Store } from '../../store/Store';
import { TransferRepository } from '../../store/TransferRepository';

export interface ImportExportServiceOptions {
  store: Store;
  now?: Clock;
  /** Id factory for imported rows (tests only). */
  newId?: () => string;
  limits?: Partial<ImportLimits>;
}

export interface ExportedText {
  /** A safe suggested file name (no folders). */
  fileName: string;
  text: string;
  conversationCount: number;
}

export interface ImportResult {
  /** The new ids, in the file's order. */
  conversationIds: string[];
}

const ALL_FILE_BASE = 'talaria-conversations';

/**
 * Export to our full-fidelity JSON or to Markdown, and import of our JSON or an OpenAI-style
 * messages list. An import is all or nothing: it is validated completely first, then written in
 * one transaction under new ids.
 */
export class ImportExportService {
  private readonly transfer: TransferRepository;
  private readonly now: Clock;
  private readonly limits: ImportLimits;

  constructor(options: ImportExportServiceOptions) {
    this.transfer = new TransferRepository(
      options.store.db,
      options.newId ? { newId: options.newId } : {},
    );
    this.now = options.now ?? Date.now;
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  }

  /** One conversation: JSON with every branch, or Markdown of the branch on screen. */
  exportConversation(id: string, format: ExportFormat = 'json'): ExportedText {
    const source = this.transfer.readSource(id);
    const exportedAt = this.now();
    const text =
      format === 'md'
        ? conversationToMarkdown(source.conversation, TransferRepository.activePath(source), {
            exportedAt,
          })
        : serializeExport(buildConversationExport(source, exportedAt));
    return {
      fileName: exportFileName(source.conversation.title, format),
      text,
      conversationCount: 1,
    };
  }

  /** Every conversation in one file, in sidebar order, read from one consistent snapshot. */
  exportAll(format: ExportFormat = 'json'): ExportedText {
    const sources = this.transfer.snapshot(() =>
      this.transfer.listIds().map((id) => this.transfer.readSource(id)),
    );
    const exportedAt = this.now();
    const text =
      format === 'md'
        ? conversationsToMarkdown(
            sources.map((s) => ({
              conversation: s.conversation,
              activePath: TransferRepository.activePath(s),
            })),
            { exportedAt },
          )
        : serializeExport(buildBundle(sources, exportedAt));
    return { fileName: `${ALL_FILE_BASE}.${format}`, text, conversationCount: sources.length };
  }

  /** Imports the text of a file. INVALID_INPUT (nothing written) when anything is wrong. */
  importText(text: string): ImportResult {
    const trees = parseImport(text, { limits: this.limits, now: this.now() });
    try {
      return { conversationIds: this.transfer.importTrees(trees) };
    } catch (error) {
      if (error instanceof TalariaError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new TalariaError('INTERNAL', `Import failed and nothing was saved: ${reason}`);
    }
  }

  /** Imports a file, refusing one over the size limit before reading it. */
  async importFile(file: string): Promise<ImportResult> {
    let size: number;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) throw new TalariaError('INVALID_INPUT', `${file} is not a file`);
      size = stat.size;
    } catch (error) {
      if (error instanceof TalariaError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new TalariaError('NOT_FOUND', `${file} does not exist`);
      throw new TalariaError('INVALID_INPUT', `Cannot read ${file}: ${(error as Error).message}`);
    }
    if (size > this.limits.maxBytes) {
      const mb = Math.round(this.limits.maxBytes / (1024 * 1024));
      throw new TalariaError(
        'INVALID_INPUT',
        `Cannot import this file: it is larger than ${mb} MB`,
      );
    }
    return this.importText(await fs.readFile(file, 'utf8'));
  }
}

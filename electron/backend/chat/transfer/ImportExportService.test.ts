import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TalariaError } from '../../../../shared/contract/errors';
import type { GenerationStats, Message } from '../../../../shared/contract/types';
import { SearchRepository } from '../../store/SearchRepository';
import { Store } from '../../store/Store';
import { steppingClock, useTempDir } from '../../store/testSupport';
import { ImportExportService } from './ImportExportService';

const STATS: GenerationStats = {
  ttftMs: 80,
  tokensPerSecond: 14.5,
  promptTokens: 42,
  evaluatedPromptTokens: 42,
  completionTokens: 9,
  durationMs: 700,
  stopReason: 'maxTokens',
};

async function errorOf(fn: () => unknown): Promise<TalariaError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof TalariaError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('ImportExportService', () => {
  const tempDir = useTempDir();
  let source: Store;
  let target: Store;
  const open = (name: string) =>
    new Store({ file: path.join(tempDir(), name), now: steppingClock(5_000) });

  beforeEach(() => {
    source = open('source.db');
    target = open('target.db');
  });
  afterEach(() => {
    source.close();
    target.close();
  });

  const count = (store: Store, table: string) =>
    (store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  const allMessages = (store: Store, conversationId: string) =>
    (
      store.db
        .prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY rowid')
        .all(conversationId) as { id: string }[]
    ).map((r) => store.messages.get(r.id) as Message);

  /** user → (assistant A → user follow-up) | assistant B; the A branch is on screen. */
  function seedBranched(store: Store, title = 'Trip planning') {
    const c = store.conversations.create({ title, systemPrompt: 'You are a travel agent.' });
    store.conversations.update(c.id, { sampling: { temperature: 0.5, topK: 20 } });
    const say = (parentId: string | null, role: Message['role'], content: string) =>
      store.messages.insert({ conversationId: c.id, parentId, role, content, status: 'complete' });
    const q = say(null, 'user', 'Plan three days in Lisbon');
    const a = say(q.id, 'assistant', 'Day 1: Alfama.\n```text\ntram 28\n```');
    store.messages.update(a.id, { stats: STATS });
    const followUp = say(a.id, 'user', 'And day four?');
    say(q.id, 'assistant', 'Alternative plan: Sintra');
    store.conversations.update(c.id, { activeLeafId: followUp.id });
    store.conversations.setPinned(c.id, true);
    return { c, q, a, followUp };
  }

  /** The conversation as comparable data without ids: parents referred to by content. */
  function portable(store: Store, conversationId: string) {
    const messages = allMessages(store, conversationId);
    const byId = new Map(messages.map((m) => [m.id, m]));
    const conversation = store.conversations.get(conversationId);
    return {
      title: conversation?.title,
      systemPrompt: conversation?.systemPrompt,
      sampling: conversation?.sampling,
      createdAt: conversation?.createdAt,
      updatedAt: conversation?.updatedAt,
      pinned: store.conversations.isPinned(conversationId),
      activePath: store.messages.activePath(conversationId).map((m) => m.content),
      messages: messages.map((m) => ({
        parent: m.parentId ? byId.get(m.parentId)?.content : null,
        role: m.role,
        content: m.content,
        status: m.status,
        stats: m.stats,
        createdAt: m.createdAt,
        updatedAt: m.updatedAt,
      })),
    };
  }

  it('round-trips a conversation through JSON with every branch under new ids', () => {
    const { c } = seedBranched(source);
    const exported = new ImportExportService({ store: source }).exportConversation(c.id, 'json');
    expect(exported.fileName).toBe('trip-planning.json');
    expect(exported.conversationCount).toBe(1);

    const { conversationIds } = new ImportExportService({ store: target }).importText(
      exported.text,
    );
    expect(conversationIds).toHaveLength(1);
    const newId = conversationIds[0] as string;
    expect(newId).not.toBe(c.id);
    expect(portable(target, newId)).toEqual(portable(source, c.id));
    const oldIds = new Set(allMessages(source, c.id).map((m) => m.id));
    expect(allMessages(target, newId).some((m) => oldIds.has(m.id))).toBe(false);
    // Imported text is searchable at once.
    expect(new SearchRepository(target.db).search('Sintra')[0]?.conversationId).toBe(newId);
  });

  it('imports the same file twice as two separate conversations', () => {
    const { c } = seedBranched(source);
    const { text } = new ImportExportService({ store: source }).exportConversation(c.id);
    const service = new ImportExportService({ store: target });
    const first = service.importText(text).conversationIds;
    const second = service.importText(text).conversationIds;
    expect(first[0]).not.toBe(second[0]);
    expect(count(target, 'conversations')).toBe(2);
    expect(count(target, 'messages')).toBe(8);
  });

  it('exports all conversations (pinned, then latest activity) and imports them back', () => {
    seedBranched(source, 'First');
    const second = source.conversations.create({ title: 'Second' });
    source.conversations.create({ title: 'Empty one' });
    source.messages.insert({
      conversationId: second.id,
      parentId: null,
      role: 'user',
      content: 'hello',
      status: 'complete',
    });
    const all = new ImportExportService({ store: source }).exportAll('json');
    expect(all).toMatchObject({ fileName: 'talaria-conversations.json', conversationCount: 3 });
    const ids = new ImportExportService({ store: target }).importText(all.text).conversationIds;
    expect(ids.map((id) => target.conversations.get(id)?.title)).toEqual([
      'First',
      'Second',
      'Empty one',
    ]);
    expect(count(target, 'messages')).toBe(count(source, 'messages'));
    expect(count(target, 'message_stats')).toBe(1);
  });

  it('exports the branch on screen as Markdown', () => {
    const { c } = seedBranched(source);
    const md = new ImportExportService({ store: source, now: () => 0 }).exportConversation(
      c.id,
      'md',
    );
    expect(md.fileName).toBe('trip-planning.md');
    expect(md.text).toBe(
      [
        '# Trip planning',
        '',
        '_Exported from Talaria on 1970-01-01T00:00:00.000Z_',
        '',
        '## System prompt',
        '',
        'You are a travel agent.',
        '',
        '## User',
        '',
        'Plan three days in Lisbon',
        '',
        '## Assistant',
        '',
        'Day 1: Alfama.',
        '```text',
        'tram 28',
        '```',
        '',
        '## User',
        '',
        'And day four?',
        '',
      ].join('\n'),
    );
    const all = new ImportExportService({ store: source }).exportAll('md');
    expect(all.text).toContain('# Trip planning');
    expect(all.text).not.toContain('Sintra');
  });

  it('imports an OpenAI-style messages list', () => {
    const text = JSON.stringify([
      { role: 'system', content: 'Be terse.' },
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Paris.' },
    ]);
    const [id] = new ImportExportService({ store: target }).importText(text).conversationIds;
    const conversation = target.conversations.get(id as string);
    expect(conversation).toMatchObject({ title: 'Capital of France?', systemPrompt: 'Be terse.' });
    expect(target.messages.activePath(id as string).map((m) => [m.role, m.content])).toEqual([
      ['user', 'Capital of France?'],
      ['assistant', 'Paris.'],
    ]);
  });

  it('writes nothing when one conversation of a bundle fails mid-insert', async () => {
    seedBranched(source, 'One');
    seedBranched(source, 'Two');
    seedBranched(source, 'Three');
    const { text } = new ImportExportService({ store: source }).exportAll('json');
    // Valid data, but the database refuses a row of the second conversation.
    target.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON messages
      WHEN NEW.content = 'And day four?'
        AND (SELECT COUNT(*) FROM conversations) >= 2
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const before = ['conversations', 'messages', 'message_stats', 'messages_fts'].map((t) =>
      count(target, t),
    );
    const error = await errorOf(() => new ImportExportService({ store: target }).importText(text));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('Import failed and nothing was saved: disk says no');
    expect(
      ['conversations', 'messages', 'message_stats', 'messages_fts'].map((t) => count(target, t)),
    ).toEqual(before);
    expect(before[0]).toBe(0);

    // The same file imports fully once the obstacle is gone.
    target.db.exec('DROP TRIGGER refuse');
    expect(
      new ImportExportService({ store: target }).importText(text).conversationIds,
    ).toHaveLength(3);
  });

  it('rolls back when new ids collide part-way through', async () => {
    const { c } = seedBranched(source);
    const { text } = new ImportExportService({ store: source }).exportConversation(c.id);
    let n = 0;
    const service = new ImportExportService({
      store: target,
      newId: () => `id-${Math.min(n++, 3)}`,
    });
    const error = await errorOf(() => service.importText(text));
    expect(error.message).toMatch(/^Import failed and nothing was saved: UNIQUE constraint failed/);
    expect(count(target, 'conversations') + count(target, 'messages')).toBe(0);
  });

  it('rejects bad files with INVALID_INPUT and writes nothing', async () => {
    const service = new ImportExportService({ store: target });
    for (const text of [
      '',
      'not json',
      '{"format":"talaria.conversation","version":1}',
      '[{"role":"x"}]',
    ]) {
      const error = await errorOf(() => service.importText(text));
      expect(error.code, text).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/^Cannot import this file: /);
    }
    expect(count(target, 'conversations')).toBe(0);
    expect((await errorOf(() => service.exportConversation('missing'))).code).toBe('NOT_FOUND');
  });

  it('reads files, refusing a missing, oversized or non-file path before reading it', async () => {
    const { c } = seedBranched(source);
    const { text } = new ImportExportService({ store: source }).exportConversation(c.id);
    const file = path.join(tempDir(), 'chat.json');
    fs.writeFileSync(file, text);

    const service = new ImportExportService({ store: target });
    expect((await service.importFile(file)).conversationIds).toHaveLength(1);
    expect((await errorOf(() => service.importFile(path.join(tempDir(), 'nope.json')))).code).toBe(
      'NOT_FOUND',
    );
    const dirError = await errorOf(() => service.importFile(tempDir()));
    expect(dirError).toMatchObject({
      code: 'INVALID_INPUT',
      message: `${tempDir()} is not a file`,
    });
    const small = new ImportExportService({ store: target, limits: { maxBytes: 1024 * 1024 } });
    fs.writeFileSync(file, Buffer.alloc(1024 * 1024 + 1, 0x20));
    expect((await errorOf(() => small.importFile(file))).message).toBe(
      'Cannot import this file: it is larger than 1 MB',
    );
  });

  it('stores hostile markup verbatim and exports it unchanged', () => {
    const payloads = [
      '<script>globalThis.__imported = 1</script>',
      '<svg onload="globalThis.__imported=1"></svg>',
      '[x](javascript:globalThis.__imported=1) ![i](https://tracker.example/p.png)',
      '```mermaid\ngraph LR; A-->B; click A href "javascript:alert(1)"\n```',
      '$$\\href{javascript:alert(1)}{x}$$',
    ];
    const text = JSON.stringify({
      title: '<img src=x onerror=alert(1)>',
      messages: payloads.map((content) => ({ role: 'user', content })),
    });
    const service = new ImportExportService({ store: target });
    const [id] = service.importText(text).conversationIds;
    expect(target.messages.activePath(id as string).map((m) => m.content)).toEqual(payloads);
    expect(target.conversations.get(id as string)?.title).toBe('<img src=x onerror=alert(1)>');
    const md = service.exportConversation(id as string, 'md').text;
    for (const p of payloads) expect(md).toContain(p);
    expect((globalThis as Record<string, unknown>)['__imported']).toBeUndefined();
  });
});

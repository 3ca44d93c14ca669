import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTERRUPTED_ERROR } from './MessageRepository';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import { Store } from './Store';
import { useTempDir } from './testSupport';

const STORE_INDEX = fileURLToPath(new URL('./index.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('Store', () => {
  const tempDir = useTempDir();
  const file = () => path.join(tempDir(), 'data', 'talaria.db');

  it('keeps conversations, branches, stats and settings across close and reopen', () => {
    const first = new Store({ file: file() });
    const conv = first.conversations.create({
      title: 'Restart me',
      systemPrompt: 'You are Hermes.',
      sampling: { temperature: 0.5 },
    });
    const q = first.messages.insert({
      conversationId: conv.id,
      parentId: null,
      role: 'user',
      content: 'Hi',
      status: 'complete',
    });
    const a1 = first.messages.insert({
      conversationId: conv.id,
      parentId: q.id,
      role: 'assistant',
      content: 'Hello!',
      status: 'complete',
      model: 'hermes.gguf',
    });
    first.messages.insert({
      conversationId: conv.id,
      parentId: q.id,
      role: 'assistant',
      content: 'Hey.',
      status: 'complete',
    });
    first.messages.update(a1.id, {
      stats: {
        ttftMs: 12,
        tokensPerSecond: 14.5,
        promptTokens: 30,
        evaluatedPromptTokens: 30,
        completionTokens: 3,
        durationMs: 250,
        stopReason: 'eos',
      },
    });
    first.conversations.update(conv.id, { activeLeafId: a1.id });
    first.settings.set('ui.theme', 'dark');
    const before = {
      conversation: first.conversations.get(conv.id),
      list: first.conversations.list(),
      path: first.messages.activePath(conv.id),
      branches: first.messages.children(q.id),
    };
    first.close();
    expect(first.isOpen).toBe(false);
    first.close();

    const second = new Store({ file: file() });
    try {
      expect(second.conversations.get(conv.id)).toEqual(before.conversation);
      expect(second.conversations.list()).toEqual(before.list);
      expect(second.messages.activePath(conv.id)).toEqual(before.path);
      expect(second.messages.activePath(conv.id)[1]?.stats?.tokensPerSecond).toBe(14.5);
      expect(second.messages.children(q.id)).toEqual(before.branches);
      expect(second.settings.get('ui.theme', 'light')).toBe('dark');
    } finally {
      second.close();
    }
  });

  it('recovers what a killed process had committed and marks its stream interrupted', () => {
    // The writer is SIGKILLed without closing the database, like a crashed host.
    const script = path.join(tempDir(), 'crash.ts');
    fs.writeFileSync(
      script,
      `import { Store } from ${JSON.stringify(STORE_INDEX)};
const store = new Store({ file: process.argv[2]! });
const c = store.conversations.create({ title: 'Crashy' });
const q = store.messages.insert({ conversationId: c.id, parentId: null, role: 'user',
  content: 'Count to ten', status: 'complete' });
const a = store.messages.insert({ conversationId: c.id, parentId: q.id, role: 'assistant',
  content: '', status: 'streaming' });
store.messages.update(a.id, { content: 'One, two, three' });
process.stdout.write(JSON.stringify({ conversationId: c.id, answerId: a.id }));
process.kill(process.pid, 'SIGKILL');
`,
    );
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file()], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    const ids = JSON.parse(child.stdout) as { conversationId: string; answerId: string };

    const store = new Store({ file: file() });
    try {
      expect(store.messages.get(ids.answerId)?.status).toBe('streaming');
      expect(store.messages.markInterrupted()).toBe(1);
      expect(store.messages.activePath(ids.conversationId)).toMatchObject([
        { role: 'user', content: 'Count to ten', status: 'complete' },
        {
          role: 'assistant',
          content: 'One, two, three',
          status: 'interrupted',
          error: INTERRUPTED_ERROR,
        },
      ]);
    } finally {
      store.close();
    }
  });

  it('uses the injected clock for every repository', () => {
    const store = new Store({ file: file(), now: () => 42 });
    try {
      const conv = store.conversations.create();
      const msg = store.messages.insert({
        conversationId: conv.id,
        parentId: null,
        role: 'user',
        content: 'x',
        status: 'complete',
      });
      store.settings.set('k', 1);
      expect([conv.createdAt, msg.createdAt, msg.updatedAt]).toEqual([42, 42, 42]);
      expect(store.db.prepare('SELECT updated_at FROM settings').get()).toEqual({ updated_at: 42 });
    } finally {
      store.close();
    }
  });

  it('reports the migration it ran when opening a new file', () => {
    const store = new Store({ file: file() });
    try {
      expect(store.migration).toEqual({
        from: 0,
        to: LATEST_SCHEMA_VERSION,
        applied: MIGRATIONS.map((m) => m.name),
      });
      expect(fs.existsSync(file())).toBe(true);
    } finally {
      store.close();
    }
  });
});

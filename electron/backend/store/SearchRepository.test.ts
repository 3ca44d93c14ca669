import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { splitHighlights } from '../../../shared/chatExport/searchHighlight';
import type { ChatRole } from '../../../shared/contract/types';
import { seedSearchCorpus } from './searchBench';
import { SearchRepository } from './SearchRepository';
import { Store } from './Store';
import { steppingClock, useTempDir } from './testSupport';

describe('SearchRepository', () => {
  const tempDir = useTempDir();
  let store: Store;
  let search: SearchRepository;

  beforeEach(() => {
    store = new Store({ file: path.join(tempDir(), 'talaria.db'), now: steppingClock() });
    search = new SearchRepository(store.db);
  });
  afterEach(() => store.close());

  function chat(title: string, turns: [ChatRole, string][]) {
    const c = store.conversations.create({ title });
    let parentId: string | null = null;
    const ids: string[] = [];
    for (const [role, content] of turns) {
      parentId = store.messages.insert({
        conversationId: c.id,
        parentId,
        role,
        content,
        status: 'complete',
      }).id;
      ids.push(parentId);
    }
    return { id: c.id, ids };
  }

  it('finds messages across conversations with title, role, time and a marked snippet', () => {
    const a = chat('Sorting', [
      ['user', 'How do I sort a list in Python?'],
      ['assistant', 'Call sorted(my_list) or my_list.sort().'],
    ]);
    chat('Weather', [['user', 'Will it rain tomorrow?']]);
    const hits = search.search('sort');
    expect(hits).toHaveLength(2);
    const userHit = hits.find((h) => h.role === 'user');
    expect(userHit).toEqual({
      messageId: a.ids[0],
      conversationId: a.id,
      conversationTitle: 'Sorting',
      role: 'user',
      snippet: 'How do I \u0001sort\u0002 a list in Python?',
      createdAt: store.messages.get(a.ids[0] as string)?.createdAt,
      rank: expect.any(Number),
    });
    expect(splitHighlights(userHit?.snippet ?? '')).toEqual([
      { text: 'How do I ', hit: false },
      { text: 'sort', hit: true },
      { text: ' a list in Python?', hit: false },
    ]);
  });

  it('ranks the better match first by default', () => {
    const c = chat('Ranking', [
      ['user', 'kettle'],
      ['assistant', 'a long answer that mentions a kettle once among many other words here'],
      ['user', 'kettle kettle kettle'],
    ]);
    const hits = search.search('kettle');
    expect(hits.map((h) => h.messageId)).toEqual([c.ids[2], c.ids[0], c.ids[1]]);
    expect(hits[0]?.rank).toBeLessThan(hits[2]?.rank ?? 0);
  });

  it('orders newest first on request', () => {
    const c = chat('Order', [
      ['user', 'kettle kettle kettle'],
      ['assistant', 'kettle'],
      ['user', 'a kettle among many other words in this sentence'],
    ]);
    expect(search.search('kettle', { order: 'recent' }).map((h) => h.messageId)).toEqual(
      [...c.ids].reverse(),
    );
  });

  it('supports prefixes, phrases and accent-insensitive matching', () => {
    const c = chat('Mixed', [
      ['user', 'The temperature is high'],
      ['assistant', 'Lower the temp and return value x'],
      ['user', 'I had a café au lait, très naïve'],
      ['assistant', 'value return is not the phrase'],
    ]);
    expect(search.search('temp*').map((h) => h.messageId)).toHaveLength(2);
    expect(search.search('temp').map((h) => h.messageId)).toEqual([c.ids[1]]);
    expect(search.search('"return value"').map((h) => h.messageId)).toEqual([c.ids[1]]);
    expect(search.search('cafe tres naive').map((h) => h.messageId)).toEqual([c.ids[2]]);
    expect(search.search('CAFÉ').map((h) => h.messageId)).toEqual([c.ids[2]]);
  });

  it('searches every branch, not only the one on screen', () => {
    const c = chat('Branches', [['user', 'pick a fruit']]);
    const root = c.ids[0] as string;
    const apple = store.messages.insert({
      conversationId: c.id,
      parentId: root,
      role: 'assistant',
      content: 'apple',
      status: 'complete',
    });
    store.messages.insert({
      conversationId: c.id,
      parentId: root,
      role: 'assistant',
      content: 'banana',
      status: 'complete',
    });
    expect(search.search('apple').map((h) => h.messageId)).toEqual([apple.id]);
  });

  it('returns [] for empty or punctuation-only input and never fails on FTS5 syntax', () => {
    chat('Syntax', [['user', 'AND OR NOT NEAR are words here, and so is content: x - y']]);
    for (const q of ['', '   ', '"', '*', '-', '(', ')', '^', '""', '" *', '(*)', '-"']) {
      expect(search.search(q), JSON.stringify(q)).toEqual([]);
    }
    expect(search.search('NEAR').map((h) => h.snippet)).toEqual([
      'AND OR NOT \u0001NEAR\u0002 are words here, and so is content: x - y',
    ]);
    expect(search.search('AND(')).toHaveLength(1);
    expect(search.search('content: x')).toHaveLength(1);

    // Random strings built from every character FTS5 gives meaning to.
    const alphabet = ['"', '*', '-', '+', '(', ')', ':', '^', '{', '}', ' ', 'NEAR', 'AND', 'OR'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const q = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % 14]).join('');
      expect(() => search.search(q), q).not.toThrow();
    }
  });

  it('pages with limit and offset', () => {
    const c = chat(
      'Pages',
      Array.from({ length: 25 }, (_, i): [ChatRole, string] => ['user', `needle ${i}`]),
    );
    const pages = [0, 10, 20].map((offset) => search.search('needle', { limit: 10, offset }));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    const all = pages.flat().map((h) => h.messageId);
    expect(new Set(all).size).toBe(25);
    expect(new Set(all)).toEqual(new Set(c.ids));
    expect(search.search('needle', { limit: 0 })).toEqual([]);
    expect(search.search('needle', { limit: -5, offset: -3 })).toEqual([]);
  });

  it('returns hostile markup as text inside the snippet, markers only from the index', () => {
    chat('XSS', [['assistant', '<img src=x onerror=alert(1)> findme <script>alert(2)</script>']]);
    const [hit] = search.search('findme');
    expect(hit?.snippet).toBe(
      '<img src=x onerror=alert(1)> \u0001findme\u0002 <script>alert(2)</script>',
    );
  });

  it('notices an index that drifted from the table and rebuilds it', () => {
    chat('Drift', [['user', 'before']]);
    store.db.exec('DROP TRIGGER messages_fts_after_insert');
    chat('Drift', [['user', 'after']]);
    expect(search.search('after')).toEqual([]);
    expect(search.checkIndex()).toBe(false);
    search.rebuildIndex();
    expect(search.checkIndex()).toBe(true);
    expect(search.search('after')).toHaveLength(1);
  });

  it('searches 100,000 messages written in one transaction', () => {
    const seeded = seedSearchCorpus(store.db, { messages: 100_000 });
    expect(seeded).toMatchObject({ messages: 100_000, conversations: 1000 });

    const count = store.db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number };
    expect(count.n).toBe(100_000);

    // zebracorn is in every 1000th message: exactly 100 hits, reachable page by page.
    const pages = [0, 50, 100].map((offset) => search.search('zebracorn', { limit: 50, offset }));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 0]);
    expect(new Set(pages.flat().map((h) => h.messageId)).size).toBe(100);

    const common = search.search('model');
    expect(common).toHaveLength(50);
    for (const hit of common) {
      expect(hit.snippet).toContain('\u0001model\u0002');
      expect(hit.conversationTitle).toMatch(/^Bench chat \d+$/);
    }
    const recent = search.search('quasarflux', { order: 'recent', limit: 20 });
    const times = recent.map((h) => h.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(search.search('temp* "return value"').length).toBeGreaterThan(0);
    expect(search.search('nonexistentword')).toEqual([]);
  }, 180_000);
});

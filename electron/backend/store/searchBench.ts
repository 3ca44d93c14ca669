import { performance } from 'node:perf_hooks';
import type { SqliteDatabase } from './openDatabase';
import type { SearchOptions, SearchRepository } from './SearchRepository';

export interface SeedCorpusOptions {
  /** Messages to write (default 100,000). */
  messages?: number;
  /** Messages per conversation (default 100); each conversation is one user/assistant chain. */
  perConversation?: number;
  /** PRNG seed, so every run writes the same text. */
  seed?: number;
  /** Timestamp of the first message; later ones follow one millisecond apart. */
  startTime?: number;
}

export interface SeedCorpusResult {
  conversations: number;
  messages: number;
  /** Words that occur in every n-th message, for queries with known hit counts. */
  markers: { word: string; every: number }[];
}

// Common English words weighted toward the front (Zipf-like), so posting lists range from
// huge ("the") to rare, as in real chat history.
const VOCABULARY = (
  'the of and to a in is you that it for on with as this be are or was can by an not but ' +
  'from at have if your which one will all use function model return value code data file ' +
  'python error type string list number example output input token context hermes llama ' +
  'prompt message system user assistant tool call json schema server request response ' +
  'memory thread process window array object class method variable loop index query table ' +
  'database search result test build install version config option default path network ' +
  'image format parse render stream buffer cache layer weight gradient training inference ' +
  'temperature sampling probability vector matrix tensor kernel device cuda vulkan metal ' +
  'café naïve résumé über straße déjà façade coöperate jalapeño piñata'
).split(' ');

const MARKERS = [
  { word: 'zebracorn', every: 1000 },
  { word: 'quasarflux', every: 97 },
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const index = Math.floor(VOCABULARY.length * random() ** 2.5);
    out.push(VOCABULARY[index] ?? 'the');
  }
  return out.join(' ');
}

function messageText(random: () => number, n: number): string {
  let text = sentence(random, 8 + Math.floor(random() * 60));
  if (n % 7 === 3) text += `\n\n\`\`\`python\ndef f_${n}(x):\n    return x * ${n}\n\`\`\`\n`;
  for (const m of MARKERS) if (n % m.every === 0) text += ` ${m.word}`;
  return text;
}

/**
 * Writes a synthetic chat history straight into the tables (one transaction, the FTS triggers
 * index it as it goes), for search tests and the `bench ui` search-latency figure.
 */
export function seedSearchCorpus(
  db: SqliteDatabase,
  options: SeedCorpusOptions = {},
): SeedCorpusResult {
  const total = options.messages ?? 100_000;
  const per = Math.max(1, options.perConversation ?? 100);
  const random = mulberry32(options.seed ?? 42);
  let time = options.startTime ?? 1_700_000_000_000;
  const insertConversation = db.prepare(
    `INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (id, conversation_id, parent_id, role, content, status, created_at,
       updated_at) VALUES (?, ?, ?, ?, ?, 'complete', ?, ?)`,
  );
  const setLeaf = db.prepare('UPDATE conversations SET active_leaf_id = ? WHERE id = ?');
  let conversations = 0;
  db.transaction(() => {
    let conversationId = '';
    let parentId: string | null = null;
    for (let n = 0; n < total; n++) {
      if (n % per === 0) {
        if (conversationId && parentId) setLeaf.run(parentId, conversationId);
        conversationId = `bench-c${conversations++}`;
        insertConversation.run(conversationId, `Bench chat ${conversations}`, time, time);
        parentId = null;
      }
      const id = `bench-m${n}`;
      const role = n % 2 === 0 ? 'user' : 'assistant';
      insertMessage.run(id, conversationId, parentId, role, messageText(random, n), time, time);
      time++;
      parentId = id;
    }
    if (conversationId && parentId) setLeaf.run(parentId, conversationId);
  })();
  return { conversations, messages: total, markers: MARKERS };
}

export interface SearchLatency {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

/** Default queries: common words, prefixes, a phrase, a rare word and an absent one. */
export const BENCH_QUERIES = [
  'model',
  'the',
  'python error',
  'temp*',
  '"return value"',
  'zebracorn',
  'quasarflux',
  'cafe',
  'hermes stream*',
  'nonexistentword',
];

/** Times `search` over the queries (after one warm-up pass); timings only, no assertions. */
export function measureSearchLatency(
  search: SearchRepository,
  options: { queries?: readonly string[]; rounds?: number; search?: SearchOptions } = {},
): SearchLatency {
  const queries = options.queries ?? BENCH_QUERIES;
  const rounds = options.rounds ?? 20;
  for (const q of queries) search.search(q, options.search);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      search.search(q, options.search);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return {
    samples: times.length,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: times.at(-1) ?? 0,
  };
}

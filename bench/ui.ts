import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { measureSearchLatency, seedSearchCorpus } from '../electron/backend/store/searchBench';
import { SearchRepository } from '../electron/backend/store/SearchRepository';
import { Store } from '../electron/backend/store/Store';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { startHost } from '../e2e/support/hostProcess';
import { fmt, median } from './stats';

const CLI = resolve(import.meta.dirname, '../out/main/cli.js');
const BIG = 'bench-c0';
const SMALL = 'bench-c1';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** A data folder with one conversation of `messages` messages and a short one to switch from. */
function seedDataDir(messages: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'talaria-bench-ui-'));
  const store = new Store({ file: join(dir, 'talaria.db') });
  seedSearchCorpus(store.db, { messages: messages + 2, perConversation: messages });
  store.close();
  return dir;
}

// In-page scripts are text: the bench is type-checked without the DOM library.
const OPEN_SCRIPT = `async ({ id, lastId }) => {
  const item = document.querySelector('[data-conversation-id="' + id + '"] button');
  if (!item) throw new Error('conversation ' + id + ' is not in the sidebar');
  const started = performance.now();
  item.click();
  for (;;) {
    await new Promise((r) => requestAnimationFrame(r));
    const el = document.querySelector('[data-message-id="' + lastId + '"]');
    if (el && el.getBoundingClientRect().height > 0) break;
    if (performance.now() - started > 30000) throw new Error('timed out');
  }
  // One more frame: the rows are laid out and painted.
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - started;
}`;

/**
 * Scrolls the message list from the bottom to the top, one step per frame, like a fast wheel.
 * Each frame's work is timed synchronously: the scroll position changes, the list reacts to the
 * scroll event (rows mount, markdown renders) and layout is forced. Frame intervals are the
 * rAF-to-rAF times, paint included.
 */
const SCROLL_SCRIPT = `async ({ frames, step }) => {
  const list = document.querySelector('[data-testid="message-list"]');
  const work = [];
  const intervals = [];
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    const now = await new Promise((r) => requestAnimationFrame(r));
    intervals.push(now - last);
    last = now;
    const started = performance.now();
    list.scrollTop = Math.max(0, list.scrollTop - step);
    list.dispatchEvent(new Event('scroll'));
    list.getBoundingClientRect();
    document.body.offsetHeight;
    work.push(performance.now() - started);
    if (list.scrollTop === 0) list.scrollTop = list.scrollHeight;
  }
  return { work, intervals: intervals.slice(1) };
}`;

/**
 * Sends a message and records frame intervals until the reply is done. The tiny test model
 * writes far faster than 100 tokens/s, so this is the markdown re-render under a worst-case
 * stream.
 */
const STREAM_SCRIPT = `async () => {
  const composer = document.querySelector('[data-testid="composer"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
  setValue.call(composer, 'Write a long answer with lists and code.');
  composer.dispatchEvent(new Event('input', { bubbles: true }));
  await new Promise((r) => requestAnimationFrame(r));
  document.querySelector('[data-testid="send"]').click();
  const intervals = [];
  let last = performance.now();
  let sawStream = false;
  const started = performance.now();
  for (;;) {
    const now = await new Promise((r) => requestAnimationFrame(r));
    intervals.push(now - last);
    last = now;
    const streaming = document.querySelector('[data-status="streaming"]') !== null;
    if (streaming) sawStream = true;
    if (sawStream && !streaming) break;
    if (now - started > 60000) break;
  }
  let stats = null;
  for (let i = 0; i < 100 && !stats; i++) {
    await new Promise((r) => setTimeout(r, 50));
    stats = document.querySelector('[data-role="assistant"]:last-of-type [data-testid="message-stats"]')
      ?? [...document.querySelectorAll('[data-testid="message-stats"]')].pop();
  }
  return { intervals: intervals.slice(2), stats: stats ? stats.innerText : 'no reply' };
}`;

async function measureStreaming(page: Page): Promise<{ intervals: number[]; stats: string }> {
  await page.getByTestId('new-chat').click();
  await page.getByTestId('open-generation-settings').click();
  await page.getByTestId('gen-maxTokens').fill('1500');
  await page.getByTestId('gen-repeatPenalty').fill('1');
  await page.getByTestId('gen-save').click();
  await page.getByTestId('generation-settings').waitFor({ state: 'detached' });
  return (await page.evaluate(`(${STREAM_SCRIPT})()`)) as { intervals: number[]; stats: string };
}

async function measureOpen(page: Page, runs: number, messages: number): Promise<number[]> {
  const times: number[] = [];
  const lastId = `bench-m${messages - 1}`;
  for (let i = 0; i <= runs; i++) {
    await page.evaluate(`(${OPEN_SCRIPT})({ id: '${SMALL}', lastId: 'bench-m${messages + 1}' })`);
    const ms = (await page.evaluate(
      `(${OPEN_SCRIPT})({ id: '${BIG}', lastId: '${lastId}' })`,
    )) as number;
    // The first open warms the caches (SQLite pages, parsed bundles); it is not counted.
    if (i > 0) times.push(ms);
  }
  return times;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      messages: { type: 'string', default: '10000' },
      'search-messages': { type: 'string', default: '100000' },
      runs: { type: 'string', default: '5' },
      frames: { type: 'string', default: '300' },
    },
  });
  const messages = Number(values.messages);
  const runs = Math.max(1, Number(values.runs));
  if (!existsSync(CLI)) throw new Error('Build first: `npm run build`.');
  console.log(`Seeding a ${messages.toLocaleString()}-message conversation…`);
  const dataDir = seedDataDir(messages);
  const host = await startHost({ dataDir, model: await ensureTinyModel() });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(`${host.url}#/chat/${SMALL}`);
    await page.waitForSelector(`[data-conversation-id="${BIG}"]`);
    const open = await measureOpen(page, runs, messages);
    // The rest of the history loads behind the first screen; scroll once it is all there.
    const loaded = `document.body.innerText.includes('${messages} messages')`;
    while (!(await page.evaluate(loaded))) await page.waitForTimeout(50);
    const scroll = (await page.evaluate(
      `(${SCROLL_SCRIPT})({ frames: ${Number(values.frames)}, step: 120 })`,
    )) as { work: number[]; intervals: number[] };
    const stream = await measureStreaming(page);

    console.log(
      `\nSearch: seeding ${Number(values['search-messages']).toLocaleString()} messages…`,
    );
    const searchDir = mkdtempSync(join(tmpdir(), 'talaria-bench-search-'));
    const store = new Store({ file: join(searchDir, 'talaria.db') });
    seedSearchCorpus(store.db, { messages: Number(values['search-messages']) });
    const search = measureSearchLatency(new SearchRepository(store.db));
    store.close();
    rmSync(searchDir, { recursive: true, force: true });

    const row = (label: string, value: string, goal: string) =>
      console.log(`${label.padEnd(44)}${value.padStart(14)}   ${goal}`);
    console.log(`\nUI on the built host in Chromium (${runs} runs)\n`);
    row(
      `open a ${messages.toLocaleString()}-message chat (median)`,
      `${fmt(median(open), 0)} ms`,
      '(goal < 300 ms)',
    );
    row(
      '  fastest / slowest',
      `${fmt(Math.min(...open), 0)} / ${fmt(Math.max(...open), 0)} ms`,
      '',
    );
    row('scroll: frame work p50', `${fmt(percentile(scroll.work, 50), 1)} ms`, '');
    row('scroll: frame work p95', `${fmt(percentile(scroll.work, 95), 1)} ms`, '(goal < 16 ms)');
    row(
      'scroll: frame interval p50 / p95',
      `${fmt(percentile(scroll.intervals, 50), 1)} / ${fmt(percentile(scroll.intervals, 95), 1)} ms`,
      '(60 Hz = 16.7 ms)',
    );
    row(
      'streaming: frame interval p50 / p95',
      `${fmt(percentile(stream.intervals, 50), 1)} / ${fmt(percentile(stream.intervals, 95), 1)} ms`,
      `(${stream.stats.replace('TTFT', 'TTFT ').replace(/\s+/g, ' ')})`,
    );
    const corpus = Number(values['search-messages']).toLocaleString();
    row(`FTS search, ${corpus} messages: p50`, `${fmt(search.p50Ms, 1)} ms`, '');
    row('FTS search p95', `${fmt(search.p95Ms, 1)} ms`, '(goal < 30 ms)');
    row('FTS search max', `${fmt(search.maxMs, 1)} ms`, '');
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

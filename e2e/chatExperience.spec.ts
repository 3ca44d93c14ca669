import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { apiClient } from './support/apiClient';
import { startHost, type RunningHost } from './support/hostProcess';
import { shot } from './support/shots';

const DAY = 86_400_000;

interface FixtureMessage {
  id: string;
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
}

function conversationFile(
  title: string,
  messages: FixtureMessage[],
  options: { activeLeafId?: string; updatedAt?: number; stats?: object[] } = {},
) {
  const t = messages[0]?.createdAt ?? Date.now();
  return {
    format: 'talaria.conversation',
    version: 1,
    exportedAt: t,
    conversation: {
      id: title,
      title,
      systemPrompt: '',
      sampling: {},
      createdAt: t,
      updatedAt: options.updatedAt ?? messages.at(-1)?.createdAt ?? t,
      activeLeafId: options.activeLeafId ?? messages.at(-1)?.id ?? null,
      pinned: false,
    },
    messages: messages.map((m) => ({
      ...m,
      status: 'complete',
      error: null,
      model: m.role === 'assistant' ? 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf' : null,
      updatedAt: m.createdAt,
    })),
    stats: options.stats ?? [],
  };
}

const RICH = [
  '## Rendering check',
  '',
  'Inline math $E = mc^2$ and a display formula:',
  '',
  '$$',
  '\\int_0^\\infty e^{-x^2}\\,dx = \\frac{\\sqrt{\\pi}}{2}',
  '$$',
  '',
  '| Model | Params | Context |',
  '|---|---:|---|',
  '| Hermes 3 | 8B | 128k |',
  '| Hermes 2 Pro | 8B | 8k |',
  '',
  '- [x] GFM task done',
  '- [ ] GFM task open',
  '',
  '```python',
  'def greet(name: str) -> str:',
  '    # say hello',
  '    return f"Hello, {name}!"',
  '```',
  '',
  '```mermaid',
  'graph TD',
  '  A[Start] --> B{Is it safe?}',
  '  B -->|Yes| C[Render]',
  '  B -->|No| D[Show code]',
  '```',
  '',
  'A [link](https://example.com) and an image ![logo](https://example.com/logo.png).',
].join('\n');

function richConversation(now: number) {
  return conversationFile(
    'Rendering showcase',
    [
      { id: 'u1', parentId: null, role: 'user', content: 'Show me everything.', createdAt: now },
      {
        id: 'a1',
        parentId: 'u1',
        role: 'assistant',
        content: 'An older draft about pelicans.',
        createdAt: now + 1,
      },
      { id: 'a2', parentId: 'u1', role: 'assistant', content: RICH, createdAt: now + 2 },
    ],
    {
      stats: [
        {
          messageId: 'a2',
          ttftMs: 212,
          tokensPerSecond: 41.3,
          promptTokens: 812,
          evaluatedPromptTokens: 800,
          completionTokens: 245,
          durationMs: 6100,
          stopReason: 'eos',
        },
      ],
    },
  );
}

function chain(title: string, count: number, start: number) {
  const messages: FixtureMessage[] = [];
  for (let i = 0; i < count; i++) {
    messages.push({
      id: `m${i}`,
      parentId: i === 0 ? null : `m${i - 1}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content:
        i % 2 === 0
          ? `Question number ${i}: what about item ${i}?`
          : `Answer ${i}. Here is **some** detail about item ${i - 1}.\n\n- point one\n- point two` +
            (i % 10 === 1 ? `\n\n\`\`\`ts\nconst answer${i} = ${i};\n\`\`\`` : ''),
      createdAt: start + i,
    });
  }
  return conversationFile(title, messages);
}

/** Imports a file through the Settings dialog's file picker, as a user would. */
async function importThroughUi(page: Page, name: string, data: unknown): Promise<void> {
  await page.getByTestId('open-settings').click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('settings-import').click();
  await (
    await chooser
  ).setFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(data)),
  });
  await expect(page.getByTestId('toast')).toContainText('Imported');
  await page.keyboard.press('Escape');
}

const assistant = (page: Page) => page.locator('[data-testid="message"][data-role="assistant"]');
const user = (page: Page) => page.locator('[data-testid="message"][data-role="user"]');

test.describe('chat experience on the real host', () => {
  let host: RunningHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('renders markdown, math, code and diagrams; steps through versions', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    await page.goto(host.url);
    await expect(page.getByText('No chats yet')).toBeVisible();
    await shot(page, 'experience-empty');

    await importThroughUi(page, 'showcase.json', richConversation(Date.now()));
    const reply = assistant(page).last();
    await expect(reply.locator('table')).toContainText('Hermes 2 Pro');
    await expect(reply.locator('input[type="checkbox"]')).toHaveCount(2);
    await expect(reply.locator('.katex')).toHaveCount(2);
    await expect(reply.locator('.katex-display')).toHaveCount(1);
    await expect(reply.getByTestId('code-language').first()).toHaveText('python');
    await expect(reply.locator('.hljs-keyword').first()).toHaveText('def');
    await expect(reply.getByTestId('mermaid-diagram').locator('svg')).toBeVisible();
    await expect(reply.getByTestId('mermaid-diagram')).toContainText('Is it safe?');
    await expect(reply.getByTestId('blocked-image')).toContainText('not loaded');
    await expect(reply.getByRole('link', { name: 'link' })).toHaveAttribute(
      'href',
      'https://example.com',
    );
    await expect(reply.getByTestId('message-stats')).toContainText('41.3 tok/s');

    await reply.getByTestId('code-block').first().hover();
    await reply.getByRole('button', { name: 'Copy code' }).first().click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toContain('def greet');
    await page.getByTestId('message-list').evaluate((el) => (el.scrollTop = 0));
    await shot(page, 'experience-rendering');
    await page.getByTestId('message-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await shot(page, 'experience-rendering-diagram');

    await expect(reply.getByTestId('branch-position')).toHaveText('2/2');
    await reply.getByTestId('branch-prev').click();
    await expect(assistant(page).last()).toContainText('pelicans');
    await expect(assistant(page).last().getByTestId('branch-position')).toHaveText('1/2');
    await assistant(page).last().getByTestId('branch-next').click();
    await expect(assistant(page).last().locator('table')).toBeVisible();

    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveClass(/dark/);
    await expect(page.getByTestId('mermaid-diagram').locator('svg')).toBeVisible();
    await shot(page, 'experience-rendering-dark');
  });

  test('send, regenerate, edit, continue, copy, fork and delete messages', async ({
    page,
    context,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')),
      model: await ensureTinyModel(),
    });
    await page.goto(host.url);
    await expect(page.getByTestId('status-model')).toContainText('tiny-hermes', {
      timeout: 30_000,
    });
    await page.getByTestId('new-chat').click();
    await expect(page).toHaveURL(/#\/chat\/[0-9a-f-]{36}$/);

    // Short replies, so one is cut by max tokens and can be continued.
    await page.getByTestId('open-generation-settings').click();
    await page.getByTestId('gen-maxTokens').fill('6');
    await page.getByTestId('gen-temperature').fill('0.5');
    await page.getByTestId('gen-seed').fill('11');
    await page.getByTestId('gen-save').click();
    await expect(page.getByTestId('generation-settings')).toHaveCount(0);
    const api = await apiClient(host);
    const conversationId = page.url().split('/').pop() ?? '';
    const lastStored = async () =>
      (await api.request('conversations.get', { id: conversationId })).messages.at(-1)?.content;

    const composer = page.getByTestId('composer');
    await composer.fill('Tell me about lighthouses');
    await composer.press('Enter');
    await expect(assistant(page).last()).toHaveAttribute('data-status', 'complete');
    await expect(page.getByTestId('context-meter')).toBeVisible();
    const first = await assistant(page).last().getByTestId('message-content').innerText();

    await page.getByTestId('regenerate').click();
    await expect(assistant(page).last().getByTestId('branch-position')).toHaveText('2/2');
    await expect(assistant(page).last()).toHaveAttribute('data-status', 'complete');
    await assistant(page).last().getByTestId('branch-prev').click();
    await expect(assistant(page).last().getByTestId('message-content')).toHaveText(first);

    // The reply stopped at max tokens: continue it in place.
    await expect(assistant(page).last().getByTestId('message-stats')).toContainText(
      'Hit max tokens',
    );
    const before = (await lastStored()) ?? '';
    await assistant(page).last().getByTestId('continue').click();
    await expect(assistant(page).last()).toHaveAttribute('data-status', 'complete');
    await expect.poll(async () => (await lastStored())?.length).toBeGreaterThan(before.length);
    expect((await lastStored())?.startsWith(before)).toBe(true);
    // Copy puts the reply's text (its markdown source, trimmed) on the clipboard.
    const continued = ((await lastStored()) ?? '').trim();
    await assistant(page).last().hover();
    await assistant(page).last().getByRole('button', { name: 'Copy reply' }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(continued);

    await user(page).last().hover();
    await user(page).last().getByTestId('edit-message').click();
    await page.getByTestId('edit-input').fill('Tell me about harbours instead');
    await shot(page, 'experience-edit');
    await page.getByTestId('edit-send').click();
    await expect(user(page).last()).toContainText('harbours');
    await expect(user(page).last().getByTestId('branch-position')).toHaveText('2/2');
    await expect(assistant(page).last()).toHaveAttribute('data-status', 'complete');
    await user(page).last().getByTestId('branch-prev').click();
    await expect(user(page).last()).toContainText('lighthouses');
    await shot(page, 'experience-branches');

    await user(page).last().hover();
    await user(page).last().getByTestId('fork-message').click();
    await expect(page.getByTestId('chat-title')).toHaveText('Tell me about lighthouses (fork)');
    await expect(page.locator('[data-testid="message"]')).toHaveCount(1);

    await page.getByTestId('composer').fill('Another question');
    await page.getByTestId('composer').press('Enter');
    await expect(assistant(page)).toHaveCount(1);
    await expect(assistant(page).last()).toHaveAttribute('data-status', 'complete');
    await assistant(page).last().hover();
    await assistant(page).last().getByTestId('delete-message').click();
    await page.getByTestId('confirm-action').click();
    await expect(assistant(page)).toHaveCount(0);
    await expect(user(page)).toHaveCount(2);
    api.close();
  });

  test('sidebar groups, pins, renames, duplicates, deletes with undo; URLs open chats', async ({
    page,
  }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const api = await apiClient(host);
    const now = Date.now();
    const old = (title: string, ago: number) =>
      conversationFile(title, [
        { id: 'u', parentId: null, role: 'user', content: `About ${title}`, createdAt: now - ago },
      ]);
    await api.request('conversations.import', {
      text: JSON.stringify({
        format: 'talaria.conversations',
        version: 1,
        exportedAt: now,
        conversations: [
          old('Tide tables', 0),
          old('Fishing knots', DAY + 1000),
          old('Boat names', 3 * DAY),
          old('Sailing terms', 20 * DAY),
        ],
      }),
    });
    await page.goto(host.url);
    const groups = page.getByTestId('sidebar-group');
    await expect(groups).toHaveText(['Today', 'Yesterday', 'Previous 7 days', 'Previous 30 days']);

    const row = (title: string) =>
      page.locator('[data-testid="conversation-item"]', { hasText: title });
    await row('Boat names').hover();
    await row('Boat names').getByTestId('conversation-menu').click();
    await page.getByTestId('menu-pin').click();
    await expect(groups.first()).toHaveText('Pinned');
    await expect(page.locator('[data-testid="conversation-item"]').first()).toContainText(
      'Boat names',
    );

    await row('Fishing knots').hover();
    await row('Fishing knots').getByTestId('conversation-menu').click();
    await page.getByTestId('menu-rename').click();
    await page.getByTestId('rename-input').fill('Knots for anglers');
    await page.getByTestId('rename-input').press('Enter');
    await expect(row('Knots for anglers')).toBeVisible();

    await row('Tide tables').click();
    const tideUrl = page.url();
    expect(tideUrl).toMatch(/#\/chat\/[0-9a-f-]{36}$/);
    await page.getByTestId('chat-menu').click();
    await page.getByTestId('menu-duplicate').click();
    await expect(page.getByTestId('chat-title')).toHaveText('Tide tables (copy)');
    expect(page.url()).not.toBe(tideUrl);
    await shot(page, 'experience-sidebar');

    await row('Sailing terms').hover();
    await row('Sailing terms').getByTestId('delete-conversation').click();
    await expect(row('Sailing terms')).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('Deleted “Sailing terms”');
    await shot(page, 'experience-undo-delete');
    await page.getByTestId('toast-action').click();
    await expect(row('Sailing terms')).toBeVisible();
    await row('Sailing terms').hover();
    await row('Sailing terms').getByTestId('delete-conversation').click();
    // The real delete runs after the undo window.
    await expect
      .poll(async () => (await api.request('conversations.list', {})).total, { timeout: 10_000 })
      .toBe(4);

    // A stable URL opens its conversation, also after a reload.
    await page.goto(tideUrl);
    await expect(page.getByTestId('chat-title')).toHaveText('Tide tables');
    await page.reload();
    await expect(page.getByTestId('chat-title')).toHaveText('Tide tables');
    api.close();
  });

  test('searches every message and opens a hit in its branch', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const api = await apiClient(host);
    const now = Date.now();
    await api.request('conversations.import', { text: JSON.stringify(richConversation(now)) });
    await api.request('conversations.import', {
      text: JSON.stringify(chain('Long history', 400, now - 1000)),
    });
    await page.goto(host.url);
    await page.locator('[data-testid="conversation-item"]', { hasText: 'Long history' }).click();

    await page.keyboard.press('Control+Shift+F');
    await page.getByTestId('search-input').fill('pelican*');
    const hit = page.getByTestId('search-result');
    await expect(hit).toHaveCount(1);
    await expect(hit.locator('mark')).toHaveText('pelicans');
    await expect(hit).toContainText('Rendering showcase');
    await shot(page, 'experience-search');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chat-title')).toHaveText('Rendering showcase');
    // The hit was on the hidden branch: it is shown now, and highlighted.
    const shown = assistant(page).last();
    await expect(shown).toContainText('pelicans');
    await expect(shown).toHaveAttribute('data-flash', 'true');

    await page.keyboard.press('Control+Shift+F');
    await page.getByTestId('search-input').fill('"number 38"');
    await expect(page.getByTestId('search-result')).toHaveCount(1);
    await expect(page.getByTestId('search-result')).toContainText('Long history');
    await page.getByTestId('search-result').click();
    // Far from the end of a 400-message chat: the list scrolls there.
    const question = user(page).filter({ hasText: 'Question number 38:' });
    await expect(question).toBeVisible();
    await expect(question).toHaveAttribute('data-flash', 'true');
    api.close();
  });

  test('exports Markdown and JSON, imports an OpenAI messages file', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    await page.goto(host.url);
    await importThroughUi(page, 'openai.json', {
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Name three seabirds' },
        { role: 'assistant', content: 'Gannet, puffin, **fulmar**.' },
      ],
    });
    await expect(page.getByTestId('chat-title')).toHaveText('Name three seabirds');
    await expect(assistant(page).locator('strong')).toHaveText('fulmar');

    await page.getByTestId('chat-menu').click();
    const mdDownload = page.waitForEvent('download');
    await page.getByTestId('menu-export-md').click();
    const md = await mdDownload;
    expect(md.suggestedFilename()).toBe('name-three-seabirds.md');
    const mdText = readFileSync(await md.path(), 'utf8');
    expect(mdText).toContain('# Name three seabirds');
    expect(mdText).toContain('Gannet, puffin, **fulmar**.');

    await page.getByTestId('chat-menu').click();
    const jsonDownload = page.waitForEvent('download');
    await page.getByTestId('menu-export-json').click();
    const json = JSON.parse(readFileSync(await (await jsonDownload).path(), 'utf8')) as {
      format: string;
      conversation: { systemPrompt: string };
      messages: unknown[];
    };
    expect(json).toMatchObject({
      format: 'talaria.conversation',
      conversation: { systemPrompt: 'You are terse.' },
    });
    expect(json.messages).toHaveLength(2);

    // Re-importing our own JSON gives a second copy; a broken file changes nothing.
    await importThroughUi(page, 'again.json', json);
    await expect(page.locator('[data-testid="conversation-item"]')).toHaveCount(2);
    await page.getByTestId('open-settings').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('settings-import').click();
    await (
      await chooser
    ).setFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"x":') });
    await expect(page.getByTestId('toast')).toContainText('Import failed');
    await shot(page, 'experience-import-error');
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="conversation-item"]')).toHaveCount(2);

    await page.getByTestId('open-settings').click();
    const allDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all (JSON)' }).click();
    const all = JSON.parse(readFileSync(await (await allDownload).path(), 'utf8')) as {
      conversations: unknown[];
    };
    expect(all.conversations).toHaveLength(2);
    await shot(page, 'experience-settings');
  });

  test('generation settings keep per-conversation values and reset to Hermes defaults', async ({
    page,
  }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    await page.goto(host.url);
    await page.getByTestId('new-chat').click();
    await page.getByTestId('open-generation-settings').click();
    await expect(page.getByTestId('gen-temperature')).toHaveValue('0.8');
    await page.getByTestId('gen-temperature').fill('0.3');
    await page.getByTestId('gen-topK').fill('2.5');
    await page.getByTestId('gen-save').click();
    await expect(page.getByTestId('generation-settings').getByRole('alert')).toHaveText(
      'Enter a whole number',
    );
    await page.getByTestId('gen-topK').fill('40');
    await page.getByTestId('gen-seed').fill('1234');
    await page.getByTestId('gen-stopStrings').fill('### User:\nEND');
    await page.getByTestId('gen-contextLength').fill('2048');
    await page.getByTestId('gen-policy-truncateMiddle').check();
    await shot(page, 'experience-generation-settings');
    await page.getByTestId('gen-save').click();
    await expect(page.getByTestId('generation-settings')).toHaveCount(0);

    await page.reload();
    await page.getByTestId('open-generation-settings').click();
    await expect(page.getByTestId('gen-temperature')).toHaveValue('0.3');
    await expect(page.getByTestId('gen-seed')).toHaveValue('1234');
    await expect(page.getByTestId('gen-stopStrings')).toHaveValue('### User:\nEND');
    await expect(page.getByTestId('gen-policy-truncateMiddle')).toBeChecked();
    await page.getByTestId('gen-reset').click();
    await expect(page.getByTestId('gen-temperature')).toHaveValue('0.8');
    await expect(page.getByTestId('gen-policy-rollingWindow')).toBeChecked();
    await page.getByTestId('gen-save').click();
    await page.getByTestId('open-generation-settings').click();
    await expect(page.getByTestId('gen-seed')).toHaveValue('');
  });

  test('a 10,000-message chat opens and scrolls; 5,000 chats in the sidebar', async ({ page }) => {
    test.setTimeout(180_000);
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const api = await apiClient(host);
    const now = Date.now();
    await api.request('conversations.import', {
      text: JSON.stringify(chain('Ten thousand', 10_000, now - 20_000)),
    });
    const many = Array.from({ length: 5000 }, (_, i) =>
      conversationFile(`Chat ${i}`, [
        {
          id: 'u',
          parentId: null,
          role: 'user',
          content: `Hello ${i}`,
          createdAt: now - i * 60_000,
        },
      ]),
    );
    await api.request('conversations.import', {
      text: JSON.stringify({
        format: 'talaria.conversations',
        version: 1,
        exportedAt: now,
        conversations: many,
      }),
    });
    await page.goto(host.url);
    // Only the rows near the viewport exist.
    await expect(page.locator('[data-testid="conversation-item"]').first()).toBeVisible();
    expect(await page.locator('[data-testid="conversation-item"]').count()).toBeLessThan(60);
    await page.getByTestId('conversation-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect(
      page.locator('[data-testid="conversation-item"]', { hasText: 'Chat 4999' }),
    ).toBeVisible();

    await page.getByTestId('conversation-list').evaluate((el) => (el.scrollTop = 0));
    const started = Date.now();
    await page.locator('[data-testid="conversation-item"]', { hasText: 'Ten thousand' }).click();
    const last = assistant(page).filter({ hasText: 'Answer 9999.' });
    await expect(last).toBeVisible();
    const openMs = Date.now() - started;
    expect(openMs).toBeLessThan(5000);
    expect(await page.locator('[data-testid="message"]').count()).toBeLessThan(40);
    await expect(page.getByTestId('chat-title')).toHaveText('Ten thousand');
    // The newest messages show first; the rest of the history loads behind them.
    await expect(page.getByText('10000 messages')).toBeVisible();

    const list = page.getByTestId('message-list');
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect(page.locator('[data-testid="message"]').first()).toBeVisible();
    await list.evaluate((el) => (el.scrollTop = 0));
    await expect(user(page).filter({ hasText: 'Question number 0:' })).toBeVisible();
    await shot(page, 'experience-10k-top');
    await page.getByTestId('jump-latest').click();
    await expect(last).toBeVisible();
    api.close();
  });

  test('palette, shortcuts, theme and text size', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const api = await apiClient(host);
    const now = Date.now();
    for (const title of ['Alpha chat', 'Beta chat']) {
      await api.request('conversations.import', {
        text: JSON.stringify(
          conversationFile(title, [
            { id: 'u', parentId: null, role: 'user', content: title, createdAt: now },
          ]),
        ),
      });
    }
    await page.goto(host.url);
    await expect(page.getByTestId('chat-title')).toHaveText('Beta chat');

    await page.keyboard.press('Control+K');
    await expect(page.getByTestId('palette-input')).toBeFocused();
    await page.getByTestId('palette-input').fill('theme dark');
    await shot(page, 'experience-palette');
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveClass(/dark/);

    await page.keyboard.press('Control+K');
    await page.getByTestId('palette-input').fill('alpha');
    await expect(page.getByTestId('palette-item').first()).toContainText('Alpha chat');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('chat-title')).toHaveText('Alpha chat');

    await page.keyboard.press('Alt+ArrowUp');
    await expect(page.getByTestId('chat-title')).toHaveText('Beta chat');
    await page.keyboard.press('Alt+ArrowDown');
    await expect(page.getByTestId('chat-title')).toHaveText('Alpha chat');

    await page.locator('body').click();
    await page.keyboard.press('/');
    await expect(page.getByTestId('composer')).toBeFocused();

    await page.keyboard.press('Control+Shift+F');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await page.keyboard.press('Escape');

    await page.getByTestId('open-settings').click();
    await page.getByTestId('theme-light').click();
    await expect(page.locator('html')).not.toHaveClass(/dark/);
    await page.getByTestId('font-xl').click();
    const size = await page.evaluate(
      "getComputedStyle(document.querySelector('[data-testid=message-content]')).fontSize",
    );
    expect(size).toBe('16px');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+/');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await shot(page, 'experience-shortcuts');
    api.close();
  });
});

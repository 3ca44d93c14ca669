import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { apiClient } from './support/apiClient';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

const shots = (page: Page, name: string, target?: Locator): Promise<void> =>
  schemeShots(page, `tools-${name}`, { target });

async function openApp(page: Page, host: RunningHost): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  await expect(page.getByTestId('status-model')).toContainText('tiny', { timeout: 30_000 });
  await page.getByTestId('new-chat').click();
  await expect(page.getByTestId('open-tools')).toBeVisible();
  await shortReplies(page);
}

/** Short, reproducible replies: the tiny model's text is noise, and it writes ~10 tokens/s here. */
async function shortReplies(page: Page): Promise<void> {
  await page.getByTestId('open-generation-settings').click();
  await page.getByTestId('gen-maxTokens').fill('150');
  await page.getByTestId('gen-seed').fill('7');
  await page.getByTestId('gen-save').click();
  await expect(page.getByTestId('generation-settings')).toBeHidden();
}

async function send(page: Page, text: string): Promise<void> {
  const composer = page.getByTestId('composer');
  await composer.fill(text);
  await composer.press('Enter');
}

/** Waits until no reply of the shown chat is streaming any more. */
async function replyFinished(page: Page): Promise<void> {
  await expect(
    page.locator('[data-testid="message"][data-role="assistant"]').first(),
  ).toBeVisible();
  await expect(page.locator('[data-testid="message"][data-status="streaming"]')).toHaveCount(0, {
    timeout: 60_000,
  });
}

const LOOKUP_SCHEMA = `{
  "type": "object",
  "properties": {
    "city": { "type": "string", "maxLength": 12 },
    "units": { "enum": ["metric", "imperial"] }
  },
  "required": ["city", "units"]
}`;

test.describe('function calling and JSON mode on the real host and engine', () => {
  let host: RunningHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('define a tool, force it, see the call card, its result and the loop finish', async ({
    page,
  }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')),
      model: await ensureTinyModel(),
    });
    await openApp(page, host);
    await page.getByTestId('open-tools').click();
    const drawer = page.getByTestId('tools-drawer');
    await expect(drawer).toBeVisible();
    await expect(drawer.getByTestId('tool-row')).toHaveCount(4);
    await shots(page, 'drawer-empty');

    await drawer.getByTestId('tool-new').click();
    await drawer.getByTestId('tool-name').fill('lookup city');
    await expect(drawer.getByText('Use letters, digits and _ only')).toBeVisible();
    await drawer.getByTestId('tool-name').fill('lookup_city');
    await drawer.getByTestId('tool-description').fill('Looks up facts about a city.');
    const schema = drawer.getByTestId('tool-schema');
    await schema.fill('{\n  "type": "object",\n  "properties": {,}\n}');
    await expect(drawer.getByRole('alert').filter({ hasText: '3:18' })).toContainText(
      'Expected a property name in double quotes',
    );
    await schema.fill(
      '{\n  "type": "object",\n  "properties": {\n    "email": { "type": "string", "format": "email" },\n    "age": { "type": "integer", "minimum": 0 }\n  }\n}',
    );
    await expect(drawer.getByTestId('schema-unenforced')).toContainText('format');
    await expect(drawer.getByTestId('schema-unenforced')).toContainText('minimum');
    await shots(page, 'editor-unenforced');

    await schema.fill(LOOKUP_SCHEMA);
    await expect(drawer.getByText('Valid JSON Schema')).toBeVisible();
    await expect(drawer.getByTestId('schema-unenforced')).toHaveCount(0);
    await drawer
      .getByTestId('tool-canned-response')
      .fill('{"country": "France", "population": 2102650}');
    await drawer.getByTestId('tool-save').click();

    const row = drawer.locator('[data-testid="tool-row"][data-name="lookup_city"]');
    await expect(row).toHaveAttribute('data-enabled', 'true');
    await drawer.getByTestId('tool-choice').selectOption('tool:lookup_city');
    await drawer.getByTestId('guaranteed-arguments').check();
    await drawer.getByTestId('tool-max-depth').fill('2');
    await drawer.getByTestId('tool-max-depth').press('Enter');
    await expect(page.getByTestId('tools-badge')).toHaveText('1');
    await shots(page, 'drawer');
    await drawer.getByTestId('tools-close').click();

    await send(page, 'How many people live in Paris?');
    const card = page.locator('[data-testid="tool-call-card"][data-name="lookup_city"]').first();
    await expect(card).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
    await replyFinished(page);
    await card.getByTestId('tool-call-toggle').click();
    await expect(card.getByTestId('tool-call-arguments')).toContainText('"city"');
    await expect(card.getByTestId('tool-call-arguments')).toContainText(/"(metric|imperial)"/);
    await expect(card.getByTestId('tool-call-result')).toContainText('"France"');
    await expect(card.getByTestId('tool-call-result')).toContainText('2102650');
    await expect(card.getByTestId('tool-call-duration')).toHaveText(/ms|s$/);
    // The loop went on after the tool turn and stopped: a tool response, then another reply.
    await expect(page.locator('[data-testid="message"][data-role="tool"]').first()).toBeAttached();
    const replies = page.locator('[data-testid="message"][data-role="assistant"]');
    expect(await replies.count()).toBeGreaterThanOrEqual(2);
    await expect(replies.last()).toHaveAttribute('data-status', 'complete');
    await shots(page, 'call-card');

    await replies.last().hover();
    await replies.last().getByTestId('prompt-inspect').click();
    const inspector = page.getByTestId('prompt-inspector');
    await expect(inspector.getByTestId('prompt-token-count')).toHaveText(/^[\d,]+ tokens$/);
    const prompt = inspector.getByTestId('prompt-text');
    await expect(prompt).toContainText('<tools>');
    await expect(prompt).toContainText('"name": "lookup_city"');
    await expect(prompt).toContainText('<tool_response>');
    await expect(prompt.locator('[data-kind="token"]').first()).toHaveText('<|begin_of_text|>');
    await shots(page, 'prompt-inspector');
    await page.keyboard.press('Escape');
  });

  test('a forced built-in calculator call runs and the loop finishes', async ({ page }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')),
      model: await ensureTinyModel(),
    });
    await openApp(page, host);
    await page.getByTestId('open-tools').click();
    const drawer = page.getByTestId('tools-drawer');
    await drawer.getByTestId('tool-toggle-calculator').check();
    await drawer.getByTestId('tool-choice').selectOption('tool:calculator');
    await drawer.getByTestId('guaranteed-arguments').check();
    await drawer.getByTestId('tool-max-depth').fill('1');
    await drawer.getByTestId('tool-max-depth').press('Tab');
    await drawer.getByTestId('tools-close').click();

    await send(page, 'What is 6 times 7?');
    const card = page.locator('[data-testid="tool-call-card"][data-name="calculator"]').first();
    // The tiny model writes a random expression: the calculator answers it or says why not.
    await expect(card).toHaveAttribute('data-status', /^(done|error)$/, { timeout: 60_000 });
    await replyFinished(page);
    await card.getByTestId('tool-call-toggle').click();
    // Under the grammar the call is always readable; its expression is whatever the model wrote.
    await expect(card.getByTestId('tool-call-arguments')).toContainText('"expression"');
    await expect(card.getByTestId('tool-call-result')).not.toBeEmpty();
    await expect(page.locator('[data-testid="message"][data-role="tool"]')).toHaveCount(1);
    await expect(page.getByTestId('tool-loop-notice')).toContainText(/1/);
    await shots(page, 'calculator');
  });

  test("an 'ask me' tool imported as OpenAI JSON pauses until the user answers", async ({
    page,
  }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')),
      model: await ensureTinyModel(),
    });
    await openApp(page, host);
    await page.getByTestId('open-tools').click();
    const drawer = page.getByTestId('tools-drawer');
    await drawer.getByTestId('tools-transfer').click();
    await drawer.getByTestId('tools-import-text').fill('[{"type": "function"}]');
    await drawer.getByTestId('tools-import-run').click();
    await expect(drawer.getByTestId('tools-import-result')).toContainText('could not be imported');
    await drawer.getByTestId('tools-import-text').fill(
      JSON.stringify({
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: 'Current weather for a city.',
              parameters: {
                type: 'object',
                properties: { city: { type: 'string', maxLength: 10 } },
                required: ['city'],
              },
            },
          },
        ],
      }),
    );
    await drawer.getByTestId('tools-import-run').click();
    await expect(drawer.getByTestId('tools-import-result')).toHaveText('Imported 1 tool.');
    await expect(drawer.getByTestId('tools-export-text')).toContainText('"name": "get_weather"');
    await shots(page, 'transfer');
    await drawer.getByLabel('Back to tools').click();
    await expect(drawer.locator('[data-testid="tool-row"][data-name="get_weather"]')).toContainText(
      'Ask me',
    );
    await drawer.getByTestId('tool-choice').selectOption('tool:get_weather');
    await drawer.getByTestId('guaranteed-arguments').check();
    await drawer.getByTestId('tool-max-depth').fill('1');
    await drawer.getByTestId('tool-max-depth').press('Enter');
    await drawer.getByTestId('tools-close').click();

    await send(page, 'Weather in Oslo?');
    const card = page.locator('[data-testid="tool-call-card"][data-name="get_weather"]').first();
    await expect(card).toHaveAttribute('data-status', 'awaiting-user', { timeout: 60_000 });
    await card.getByTestId('ask-arguments').fill('{"city": "Oslo"}');
    await card.getByTestId('ask-response').fill('{"temperature": -3, "sky": "snow"}');
    await shots(page, 'ask');
    await card.getByTestId('ask-send').click();
    await expect(card).toHaveAttribute('data-status', 'done');
    await replyFinished(page);
    await card.getByTestId('tool-call-toggle').click();
    await expect(card.getByTestId('tool-call-arguments')).toContainText('"Oslo"');
    await expect(card.getByTestId('tool-call-result')).toContainText('"snow"');
  });

  test('JSON mode: pick an example schema, send, see a valid tree', async ({ page }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')),
      model: await ensureTinyModel(),
    });
    await openApp(page, host);
    await page.getByTestId('open-tools').click();
    const drawer = page.getByTestId('tools-drawer');
    await drawer.getByTestId('tools-tab-json').click();
    await drawer.getByTestId('json-example-classification').click();
    await expect(drawer.getByTestId('json-schema')).toHaveValue(/"needs_human"/);
    await expect(drawer.getByText('Valid JSON Schema')).toBeVisible();
    await drawer.getByTestId('json-mode-toggle').click();
    await expect(drawer.getByTestId('json-mode-state')).toHaveText('On');
    await expect(page.getByTestId('tools-badge')).toHaveText('{}');
    await shots(page, 'json-panel');
    await drawer.getByTestId('tools-close').click();

    await send(page, 'I was charged twice for my subscription this month.');
    const result = page.getByTestId('json-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    await replyFinished(page);
    await expect(result).toHaveAttribute('data-valid', 'true');
    await expect(result.getByTestId('json-validity')).toHaveText('Valid');
    const tree = result.getByTestId('json-tree');
    for (const key of ['category', 'priority', 'summary', 'needs_human'])
      await expect(tree).toContainText(`"${key}"`);
    await expect(tree).toContainText(/"(billing|bug|feature_request|account|other)"/);
    await tree.getByRole('button', { name: 'Collapse' }).first().click();
    await expect(tree).toContainText('{4 keys}');
    await tree.getByRole('button', { name: 'Expand' }).first().click();
    await shots(page, 'json-result');
  });

  test('Hermes XML sections in a reply render as collapsible sections', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const api = await apiClient(host);
    const t = Date.now();
    const reply =
      '<SCRATCHPAD>\nThe user asks for **17 × 23**.\n<PLAN>\n1. Split 23 into 20 + 3\n2. Add the products\n</PLAN>\n</SCRATCHPAD>\n' +
      '<reflection>340 + 51 = 391, and 391 / 17 = 23, so it checks out.</reflection>\n' +
      '17 × 23 = **391**.';
    const message = (
      id: string,
      parentId: string | null,
      role: string,
      content: string,
      at: number,
    ) => ({
      id,
      parentId,
      role,
      content,
      createdAt: at,
      updatedAt: at,
      status: 'complete',
      error: null,
      model: role === 'assistant' ? 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf' : null,
    });
    await api.request('conversations.import', {
      text: JSON.stringify({
        format: 'talaria.conversation',
        version: 1,
        exportedAt: t,
        conversation: {
          id: 'x',
          title: 'Reasoning sections',
          systemPrompt: '',
          sampling: {},
          createdAt: t,
          updatedAt: t,
          activeLeafId: 'a1',
          pinned: false,
        },
        messages: [
          message('u1', null, 'user', 'What is 17 × 23? Think it through.', t),
          message('a1', 'u1', 'assistant', reply, t + 1),
        ],
        stats: [],
      }),
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(host.url);
    await page.locator('[data-testid="conversation-item"]').first().click();
    const assistant = page.locator('[data-testid="message"][data-role="assistant"]');
    const sections = assistant.getByTestId('reply-section');
    // Two top-level sections, and the plan inside the scratch pad.
    await expect(sections).toHaveCount(3);
    await expect(assistant.getByTestId('message-content')).not.toContainText('<SCRATCHPAD>');
    await expect(assistant.getByTestId('message-content')).toContainText('17 × 23 = 391');
    const scratch = sections.first();
    await expect(scratch).toHaveAttribute('data-tag', 'scratchpad');
    await expect(scratch).not.toHaveAttribute('open');
    await scratch.locator('summary').first().click();
    await expect(scratch).toHaveAttribute('open');
    await expect(scratch.getByTestId('reply-section')).toHaveAttribute('data-tag', 'plan');
    await scratch.getByTestId('reply-section').locator('summary').click();
    await expect(scratch).toContainText('Split 23 into 20 + 3');
    await shots(page, 'xml-sections');
    api.close();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureStreamingModel } from '../scripts/testing/testModels';
import { startHost, type RunningHost } from './support/hostProcess';
import { shot } from './support/shots';

test.describe('chat on the real host, engine and store', () => {
  let host: RunningHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('send, watch tokens stream, stop; survives reload and host restart', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-'));
    const model = await ensureStreamingModel();
    host = await startHost({ dataDir, model });

    await page.goto(host.url);
    await expect(page.getByTestId('status-model')).toContainText('streaming', { timeout: 30_000 });
    await expect(page.getByTestId('status-backend')).toContainText(/cpu/i);
    await shot(page, 'chat-empty');

    await page.getByTestId('new-chat').click();
    const composer = page.getByTestId('composer');
    await composer.fill('Write me a long story about a lighthouse.');
    await composer.press('Enter');

    const reply = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    const content = reply.getByTestId('message-content');
    await expect(content).not.toBeEmpty();
    const early = (await content.innerText()).length;
    await expect.poll(async () => (await content.innerText()).length).toBeGreaterThan(early + 20);
    await expect(page.getByTestId('status-tps')).toContainText(/tok\/s/);
    await shot(page, 'chat-streaming');

    await page.getByTestId('stop').click();
    await expect(reply).toHaveAttribute('data-status', 'aborted');
    const partial = await content.innerText();
    expect(partial.length).toBeGreaterThan(20);
    await shot(page, 'chat-stopped');

    const user = page.locator('[data-testid="message"][data-role="user"]').last();
    await expect(user).toContainText('lighthouse');

    await page.reload();
    await page.locator('[data-testid="conversation-item"]').first().click();
    await expect(
      page.locator('[data-testid="message"][data-role="assistant"]').last(),
    ).toHaveAttribute('data-status', 'aborted');
    await expect(page.locator('[data-testid="message-content"]').last()).toHaveText(partial);

    expect(await host.stop()).toBe(0);
    host = await startHost({ dataDir, model });
    await page.goto(host.url);
    const item = page.locator('[data-testid="conversation-item"]').first();
    await expect(item).toContainText('lighthouse');
    await item.click();
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText(
      'lighthouse',
    );
    await expect(page.locator('[data-testid="message-content"]').last()).toHaveText(partial);
    await shot(page, 'chat-after-restart');
  });

  test('a killed host keeps the question and what the model had written', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-'));
    const model = await ensureStreamingModel();
    host = await startHost({ dataDir, model });
    await page.goto(host.url);
    await expect(page.getByTestId('status-model')).toContainText('streaming', { timeout: 30_000 });
    await page.getByTestId('composer').fill('Tell me everything about tides.');
    await page.getByTestId('composer').press('Enter');
    const reply = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await expect(reply).toHaveAttribute('data-status', 'streaming');
    await expect(reply.getByTestId('message-content')).not.toBeEmpty();
    // The backend saves streaming text about once a second; give it two checkpoints.
    await page.waitForTimeout(2_500);
    await host.kill();
    await expect(page.getByTestId('connection-lost')).toBeVisible();

    host = await startHost({ dataDir, model });
    await page.goto(host.url);
    await page.locator('[data-testid="conversation-item"]').first().click();
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toContainText('tides');
    const saved = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await expect(saved).toHaveAttribute('data-status', 'interrupted');
    expect((await saved.getByTestId('message-content').innerText()).length).toBeGreaterThan(0);
    await shot(page, 'chat-after-kill');
  });

  test('light theme and model picker look right', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-'));
    host = await startHost({ dataDir });
    await page.goto(host.url);
    await page.getByTestId('theme-toggle').click();
    await shot(page, 'theme-toggled');
    await page.getByTestId('model-button').click();
    await page.getByTestId('model-path-input').fill(await ensureStreamingModel());
    await shot(page, 'model-picker');
    await page.getByTestId('model-load').click();
    await expect(page.getByTestId('status-model')).toContainText('streaming', { timeout: 30_000 });
  });
});

import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeTestModel } from '../scripts/gguf/writeTestModel';
import { HubTestServer } from '../scripts/hub/HubTestServer';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { startHost, type RunningHost } from './support/hostProcess';
import { themeShots } from './support/shots';

const REPO = 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF';
const Q4 = 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf';
const CORRUPT = 'NousResearch/Hermes-3-Llama-3.1-8B-GGUF';
const GATED = 'NousResearch/Hermes-3-Llama-3.1-70B-GGUF';

test.describe('model library: Hub → download → library → load → chat', () => {
  let cdn: HubTestServer;
  let hub: HubTestServer;
  let host: RunningHost | null = null;

  test.beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talaria-e2e-hub-'));
    const tiny = await readFile(await ensureTinyModel());
    const q8 = await readFile(await writeTestModel({ out: join(dir, 'q8.gguf'), quant: 'q8_0' }));
    cdn = new HubTestServer();
    await cdn.start();
    hub = new HubTestServer({ cdn });
    await hub.start();
    hub.addRepo({
      id: REPO,
      downloads: 48_213,
      likes: 187,
      files: [
        { path: Q4, content: tiny },
        { path: 'Hermes-3-Llama-3.2-3B.Q8_0.gguf', content: q8 },
        { path: 'README.md', content: Buffer.from('# Hermes 3 3B') },
      ],
    });
    hub.addRepo({
      id: CORRUPT,
      downloads: 91_004,
      likes: 320,
      files: [{ path: 'Hermes-3-Llama-3.1-8B.Q4_K_M.gguf', content: tiny }],
    });
    hub.addRepo({
      id: GATED,
      gated: 'manual',
      downloads: 12_877,
      likes: 95,
      files: [{ path: 'Hermes-3-Llama-3.1-70B.Q4_K_M.gguf', content: tiny }],
    });
    // Slow enough that the progress bar is on screen for a few seconds.
    cdn.inject({ kind: 'throttle', bytesPerSecond: 150_000, repo: REPO });
    cdn.inject({ kind: 'corrupt', offset: 2048, repo: CORRUPT });
  });

  test.afterAll(async () => {
    await Promise.all([hub?.stop(), cdn?.stop()]);
  });

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('search, see fit badges, download with progress, load and chat', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-models-'));
    host = await startHost({ dataDir, env: { HF_ENDPOINT: hub.url, HF_TOKEN: '' } });
    await page.goto(host.url);
    await page.getByTestId('nav-models').click();
    await expect(page.getByTestId('catalog-card').first()).toBeVisible();
    await themeShots(page, 'models-discover');

    await page.getByTestId('hub-search').fill('hermes-3');
    await page.getByTestId('hub-search').press('Enter');
    const result = page
      .getByTestId('search-result')
      .filter({ hasText: 'Hermes-3-Llama-3.2-3B-GGUF' });
    await expect(result).toBeVisible();
    await themeShots(page, 'models-search');

    await result.click();
    await expect(page.getByTestId('repo-title')).toHaveText('Hermes-3-Llama-3.2-3B-GGUF');
    const q4 = page.locator('[data-testid="repo-file"][data-quant="Q4_K_M"]');
    await expect(q4.getByTestId('fit-badge')).toHaveText(/CPU only/, { timeout: 30_000 });
    await expect(page.locator('[data-testid="repo-file"][data-recommended]')).toHaveCount(1);
    await expect(page.getByTestId('hardware-line')).toContainText('RAM');
    await q4.getByTestId('fit-badge').click();
    await expect(page.getByTestId('fit-details')).toContainText('RAM needed');
    await themeShots(page, 'models-repo-fit');

    await q4.getByTestId('download-file').click();
    const rowBar = q4.getByRole('progressbar');
    await expect(rowBar).toBeVisible();
    await page.getByTestId('tab-downloads').click();
    const card = page.getByTestId('download-card').first();
    await expect(card.getByTestId('download-progress')).toBeVisible();
    await expect(card.getByTestId('download-figures')).toContainText(/KB\/s/);
    await themeShots(page, 'models-downloading');
    await expect(card).toHaveAttribute('data-state', 'completed', { timeout: 30_000 });
    await themeShots(page, 'models-download-done');

    await page.getByTestId('tab-library').click();
    const model = page.getByTestId('library-model').filter({ hasText: Q4 });
    await expect(model.getByTestId('model-metadata')).toContainText('Hermes 3');
    await expect(model.getByTestId('model-metadata')).toContainText('tool_use yes');
    await themeShots(page, 'models-library');

    await model.getByTestId('library-load').click();
    await expect(page.getByTestId('load-settings')).toBeVisible();
    await page.getByLabel('Context size').selectOption('2048');
    await themeShots(page, 'models-load-settings');
    await page.getByTestId('load-confirm').click();
    await expect(page.getByTestId('loaded-banner')).toContainText(Q4, { timeout: 30_000 });
    await expect(page.getByTestId('status-model')).toContainText(Q4);
    await themeShots(page, 'models-loaded');

    await page.getByTestId('open-chat').click();
    await page.getByTestId('new-chat').click();
    await page.getByTestId('composer').fill('Hello Hermes, who are you?');
    await page.getByTestId('composer').press('Enter');
    const reply = page.locator('[data-testid="message"][data-role="assistant"]').last();
    // The random-weights model rambles until maxTokens: a reply arriving is what counts.
    await expect(reply.getByTestId('message-content')).not.toBeEmpty({ timeout: 30_000 });
    await expect(page.getByTestId('status-tps')).toContainText(/tok\/s/);
    await themeShots(page, 'models-chat');
    await page.getByTestId('stop').click();
    await expect(reply).not.toHaveAttribute('data-status', 'streaming');

    await page.getByTestId('nav-models').click();
    await page.getByTestId('tab-library').click();
    await model.getByTestId('library-delete').click();
    await expect(page.getByTestId('delete-confirm')).toBeVisible();
    await themeShots(page, 'models-delete-confirm');
    await page.getByTestId('delete-confirm').click();
    await expect(page.getByTestId('library-model')).toHaveCount(0);
    await expect(page.getByText('Your library is empty')).toBeVisible();
    await themeShots(page, 'models-library-empty');
    await page.getByTestId('tab-discover').click();
    await page.getByTestId('catalog-card').filter({ hasText: 'Hermes 3 3B' }).click();
    await expect(q4.getByTestId('download-file')).toBeVisible();
  });

  test('errors are shown in words: corrupt download, gated repo, bad import', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-models-'));
    host = await startHost({ dataDir, env: { HF_ENDPOINT: hub.url, HF_TOKEN: '' } });
    await page.goto(`${host.url}#/models`);
    await page.getByTestId('tab-downloads').click();
    await expect(page.getByText('No downloads')).toBeVisible();
    await themeShots(page, 'models-downloads-empty');

    await page.goto(`${host.url}#/models/${CORRUPT}`);
    const row = page.getByTestId('repo-file').first();
    await expect(row.getByTestId('fit-badge')).toBeVisible({ timeout: 30_000 });
    await row.getByTestId('download-file').click();
    await page.getByTestId('tab-downloads').click();
    const failed = page.locator('[data-testid="download-card"][data-state="error"]');
    await expect(failed.getByTestId('download-error')).toContainText('is corrupt', {
      timeout: 30_000,
    });
    await themeShots(page, 'models-download-error');

    await page.goto(`${host.url}#/models/${GATED}`);
    await expect(page.getByText('This repository is gated')).toBeVisible({ timeout: 30_000 });
    await themeShots(page, 'models-gated');
    await page.getByRole('button', { name: 'Add token' }).click();
    await expect(page.getByText('HF_TOKEN environment variable')).toBeVisible();
    await themeShots(page, 'models-token');
    await page.keyboard.press('Escape');

    await page.getByTestId('tab-library').click();
    await page.getByTestId('import-open').first().click();
    await page.getByTestId('import-path').fill('/nowhere/model.gguf');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-error')).toContainText('does not exist');
    await themeShots(page, 'models-import-error');
  });
});

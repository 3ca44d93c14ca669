import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

const LIBRARY = [
  ['NousResearch', 'Hermes-3-Llama-3.2-3B-GGUF', 'Hermes-3-Llama-3.2-3B.Q4_K_M.gguf'],
  ['NousResearch', 'Hermes-3-Llama-3.1-8B-GGUF', 'Hermes-3-Llama-3.1-8B.Q8_0.gguf'],
  ['NousResearch', 'Hermes-2-Pro-Llama-3-8B-GGUF', 'Hermes-2-Pro-Llama-3-8B.Q5_K_M.gguf'],
] as const;

test.describe('the model picker is the library', () => {
  let host: RunningHost | null = null;

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  /** A data folder whose library holds the three models above (the tiny GGUF under three names). */
  async function libraryDataDir(): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-picker-'));
    const tiny = await ensureTinyModel();
    for (const [publisher, repo, file] of LIBRARY) {
      const dir = join(dataDir, 'models', publisher, repo);
      mkdirSync(dir, { recursive: true });
      copyFileSync(tiny, join(dir, file));
    }
    return dataDir;
  }

  test('lists every library model, searches as you type, loads in one click', async ({ page }) => {
    host = await startHost({ dataDir: await libraryDataDir() });
    await page.goto(host.url);
    await expect(page.getByTestId('first-run-library')).toContainText('Choose from My Models (3)');
    await page.getByTestId('model-button').click();
    const rows = page.getByTestId('picker-model');
    await expect(rows).toHaveCount(3);
    await expect(rows.first().getByTestId('picker-fit')).toHaveText(/CPU only|on GPU|offloaded/);
    await expect(rows.first().getByTestId('picker-last-used')).toHaveText('Never used');
    await expect(rows.filter({ hasText: 'Q8_0' })).toHaveCount(1);
    await schemeShots(page, 'picker-library', {
      target: page.locator('dialog[open]'),
      unhover: true,
    });

    await page.getByTestId('picker-search').fill('8b q5');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Q5_K_M');
    await page.getByTestId('picker-search').fill('mistral');
    await expect(page.getByText('No model in your library matches')).toBeVisible();

    await page.getByTestId('picker-search').fill('q8');
    await page.getByTestId('picker-search').press('Enter');
    await expect(page.locator('dialog[open]')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('status-model')).toBeVisible();
    await expect(page.getByTestId('model-button')).not.toHaveText(/Load a model/);

    await page.getByTestId('model-button').click();
    const loaded = rows.filter({ hasText: 'Loaded' });
    await expect(loaded).toHaveCount(1);
    await expect(loaded).toContainText('Q8_0');
    await expect(loaded.getByTestId('picker-last-used')).toHaveText('Used just now');
    await expect(rows.first()).toContainText('Q8_0');
  });

  test('Import GGUF browses files like the load dialog and refuses a duplicate', async ({
    page,
  }) => {
    const outside = mkdtempSync(join(tmpdir(), 'talaria-e2e-import-'));
    copyFileSync(await ensureTinyModel(), join(outside, 'My-Hermes.Q4_0.gguf'));
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-empty-')) });
    await page.goto(host.url);
    // First run: no model, an empty library: the ways to get one.
    await expect(page.getByTestId('first-run')).toBeVisible();
    await expect(page.getByTestId('first-run-library')).toHaveCount(0);
    await expect(page.getByTestId('first-run-discover')).toContainText('Hermes');
    await expect(page.getByTestId('first-run-remote')).toBeDisabled();
    await schemeShots(page, 'first-run', { unhover: true });
    await page.getByTestId('model-button').click();
    await expect(page.getByTestId('picker-empty')).toBeVisible();
    await page.getByRole('button', { name: 'Import GGUF…' }).click();
    await expect(page.getByRole('heading', { name: 'Import a GGUF' })).toBeVisible();
    await page.getByTestId('import-path').fill(join(outside, 'My-Hermes.Q4_0.gguf'));
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('library-model')).toHaveCount(1);

    await page.getByTestId('import-open').click();
    // Walk from the home folder to the file with the browser alone: up to /, then down.
    const dialog = page.locator('dialog[open]');
    const up = dialog.getByRole('button', { name: 'Parent folder' });
    const folder = dialog.getByTestId('browse-path');
    await expect(folder).not.toHaveText('…');
    for (let i = 0; i < 10 && (await folder.innerText()) !== '/'; i++) {
      const from = await folder.innerText();
      await up.click();
      await expect(folder).not.toHaveText(from);
    }
    await expect(folder).toHaveText('/');
    for (const part of outside.split('/').filter(Boolean)) {
      await dialog
        .getByTestId('browse-entry')
        .filter({ hasText: new RegExp(`^${part}$`) })
        .click();
    }
    await dialog.getByTestId('browse-entry').filter({ hasText: 'My-Hermes.Q4_0.gguf' }).click();
    await expect(page.getByTestId('import-path')).toHaveValue(join(outside, 'My-Hermes.Q4_0.gguf'));
    await schemeShots(page, 'import-browser', { target: dialog, unhover: true });
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-error')).toContainText(
      'My-Hermes.Q4_0.gguf is already in your library',
    );
    await schemeShots(page, 'import-duplicate', { target: page.locator('dialog[open]') });
  });
});

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureBrokenModel, ensureTinyModel } from '../scripts/testing/testModels';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

test.describe('start-up and load failures are explained where the user looks', () => {
  let host: RunningHost | null = null;

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('serve --model <bad file> says which file failed, why, and offers another', async ({
    page,
  }) => {
    const dir = mkdtempSync(join(tmpdir(), 'talaria-e2e-badmodel-'));
    const bad = join(dir, 'Hermes-3-Broken.Q4_K_M.gguf');
    copyFileSync(await ensureBrokenModel(), bad);
    host = await startHost({ dataDir: join(dir, 'data'), model: bad });
    expect(host.output()).toContain('Could not load');
    await page.goto(host.url);

    const failure = page.getByTestId('load-failure');
    await expect(failure).toBeVisible();
    await expect(failure).toContainText('Could not load Hermes-3-Broken.Q4_K_M.gguf');
    await expect(failure).toContainText(bad);
    const reason = await page.getByTestId('load-failure-reason').innerText();
    expect(reason.length).toBeGreaterThan(15);
    expect(reason).not.toMatch(/^[A-Z_]+$/);
    await expect(page.getByTestId('status-error')).toBeVisible();
    await schemeShots(page, 'load-failure-startup', { unhover: true });

    // The status bar's error opens the reason, with the file ready to retry.
    await page.getByTestId('status-error').click();
    await expect(page.getByTestId('model-error')).toContainText(reason.slice(0, 30));
    await expect(page.getByTestId('model-path-input')).toHaveValue(bad);
    await schemeShots(page, 'load-failure-dialog', { target: page.locator('dialog[open]') });
    await page.keyboard.press('Escape');

    // "Choose another model": pick a good file and the failure is gone.
    const good = join(dir, 'Hermes-3-Good.gguf');
    copyFileSync(await ensureTinyModel(), good);
    await page.getByTestId('choose-another-model').click();
    await page.getByTestId('model-path-input').fill(good);
    await page.getByTestId('model-load').click();
    await expect(page.getByTestId('load-failure')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('status-error')).toHaveCount(0);
    await expect(page.getByTestId('status-model')).not.toHaveText('No model loaded');
  });
});

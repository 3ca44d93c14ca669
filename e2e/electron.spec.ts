import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { electronBinary } from './support/electronBinary';

const binary = electronBinary();

test.describe('desktop app (Electron)', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '');

  test('opens the window, loads a model over IPC and chats', async () => {
    if (!('path' in binary)) return;
    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [resolve(import.meta.dirname, '..'), '--data-dir', dataDir, '--no-sandbox'],
    });
    const page = await app.firstWindow();
    const isolated = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      return {
        hasRequire: 'require' in w,
        hasProcess: 'process' in w,
        bridge: Object.keys(w.talaria ?? {}),
      };
    });
    expect(isolated).toEqual({
      hasRequire: false,
      hasProcess: false,
      bridge: ['send', 'onMessage'],
    });
    await page.getByTestId('model-button').click();
    await page.getByTestId('model-path-input').fill(await ensureTinyModel());
    await page.getByTestId('model-load').click();
    await expect(page.getByTestId('status-model')).toContainText('tiny-hermes', {
      timeout: 30_000,
    });
    await page.getByTestId('composer').fill('Hello from the desktop');
    await page.getByTestId('composer').press('Enter');
    await expect(
      page.locator('[data-testid="message"][data-role="assistant"]').last(),
    ).toHaveAttribute('data-status', /complete|aborted/, { timeout: 30_000 });
    await page.screenshot({ path: resolve(import.meta.dirname, 'artifacts/electron-chat.png') });
    await app.close();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

test.describe('nothing typed is lost', () => {
  let host: RunningHost | null = null;

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('an unsaved character edit makes the page ask before it is closed', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-unsaved-')) });
    await page.goto(host.url);
    await page.getByTestId('nav-characters').click();
    await page.getByTestId('new-character').click();
    await page.getByTestId('field-name').fill('Aria');

    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const asked = await dialog;
    expect(asked.type()).toBe('beforeunload');
    await asked.dismiss();
  });

  test('a saved editor closes without a question', async ({ page }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-saved-')) });
    await page.goto(host.url);
    await page.getByTestId('nav-characters').click();
    await page.getByTestId('new-character').click();
    await page.getByTestId('field-name').fill('Aria');
    await page.keyboard.press('Control+s');
    await expect(page).toHaveURL(/#\/characters\/(?!new)[^/]+$/);
    let asked = false;
    page.on('dialog', (d) => {
      asked = true;
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    expect(asked).toBe(false);
  });

  test('a message longer than the context is flagged before it is sent', async ({ page }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-long-')),
      model: await ensureTinyModel(),
    });
    await page.goto(host.url);
    const composer = page.getByTestId('composer');
    await expect(composer).toBeEnabled();
    await composer.fill('word '.repeat(40_000));
    const warning = page.getByTestId('long-input-warning');
    await expect(warning).toContainText('About 48,000 tokens; the context holds');
    await schemeShots(page, 'long-input-warning', { unhover: true });
    await page.getByTestId('send').click();
    await expect(page.getByTestId('confirm-action')).toHaveText('Send anyway');
    await page.keyboard.press('Escape');
    // Nothing was sent, and the text is still there.
    await expect(page.locator('[data-testid="message"]')).toHaveCount(0);
    await expect(composer).toHaveValue(/^word word/);
    await composer.fill('A short question.');
    await expect(warning).toHaveCount(0);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { apiClient } from './support/apiClient';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

const TITLE = 'Planning the autumn trip to Kyoto with the kids';

/** Whether the chat title shows whole (not cut with an ellipsis). */
function titleFits(page: Page): Promise<boolean> {
  return page
    .getByTestId('chat-title')
    .evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.clientWidth > 0);
}

test.describe('layout at real widths', () => {
  let host: RunningHost | null = null;

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('the sidebar collapses (remembered), the title gets the room, Tools push or overlay', async ({
    page,
  }) => {
    host = await startHost({
      dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-layout-')),
      model: await ensureTinyModel(),
    });
    const api = await apiClient(host);
    const conversation = await api.request('conversations.create', { title: TITLE });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(host.url);
    await page.getByTestId('conversation-item').first().click();
    await expect(page.getByTestId('chat-title')).toHaveText(TITLE);
    expect(page.url()).toContain(conversation.id);
    // 1440 px with the sidebar open: the whole title shows.
    await expect(page.getByTestId('cast-button')).toBeVisible();
    await expect.poll(() => titleFits(page)).toBe(true);
    await schemeShots(page, 'layout-1440', { unhover: true });

    // Tools at 1440: the chat is pushed aside, not covered.
    await page.getByTestId('open-tools').click();
    const drawer = page.getByTestId('tools-drawer');
    await expect(drawer).toBeVisible();
    const composerBox = await page.getByTestId('composer').boundingBox();
    const drawerBox = await drawer.boundingBox();
    expect((composerBox?.x ?? 0) + (composerBox?.width ?? 0)).toBeLessThanOrEqual(
      drawerBox?.x ?? 0,
    );
    await schemeShots(page, 'layout-1440-tools', { unhover: true });
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);

    // 1024 px: hide the sidebar, the title shows whole; the choice survives a reload.
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).toBeVisible();
    await schemeShots(page, 'layout-1024-sidebar', { unhover: true });
    await page.getByTestId('sidebar-toggle').click();
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).toHaveCount(0);
    await expect(page.getByTestId('cast-button')).toBeVisible();
    await expect.poll(() => titleFits(page)).toBe(true);
    await schemeShots(page, 'layout-1024-collapsed', { unhover: true });
    await page.reload();
    await expect(page.getByTestId('chat-title')).toHaveText(TITLE);
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).toHaveCount(0);

    // Tools at 1024 overlay the chat; the keyboard brings the list back.
    await page.getByTestId('open-tools').click();
    await expect(page.getByTestId('tools-drawer')).toBeVisible();
    await schemeShots(page, 'layout-1024-tools', { unhover: true });
    await page.keyboard.press('Escape');
    await page.getByTestId('composer').click();
    await page.keyboard.press('Control+b');
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).toBeVisible();
    await page.getByTestId('sidebar-toggle').click();
    await page.getByTestId('sidebar-show').click();
    await expect(page.getByRole('complementary', { name: 'Sidebar' })).toBeVisible();
    api.close();
  });
});

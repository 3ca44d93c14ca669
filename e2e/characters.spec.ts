/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './support/hostProcess';
import { shot, themeShots } from './support/shots';

const SERAPHINA = resolve(import.meta.dirname, '../shared/cards/fixtures/seraphina-v2.png');
const PWN = 'window.__pwned=1';

/** Picks files through the screen's import button (the real file chooser). */
async function importThroughPicker(page: Page, button: string, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId(button).click();
  await (await chooser).setFiles(files);
}

/** Drops files on the screen the way a file manager does. */
async function dropFiles(page: Page, files: { name: string; type: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  const screen = page.getByTestId('characters-screen');
  await screen.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await screen.dispatchEvent('drop', { dataTransfer });
}

test.describe('characters: gallery, card import and export, editor, lorebooks', () => {
  let host: RunningHost | null = null;
  let dir: string;

  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talaria-e2e-characters-'));
    host = await startHost({ dataDir: join(dir, 'data') });
  });

  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('import Seraphina, edit and save her, export JSON, and report a bad file', async ({
    page,
  }) => {
    if (!host) throw new Error('no host');
    await page.goto(host.url);
    await page.getByTestId('nav-characters').click();
    await expect(page).toHaveURL(/#\/characters$/);
    await expect(page.getByTestId('characters-empty')).toBeVisible();
    await themeShots(page, 'characters-empty');

    await importThroughPicker(page, 'import-characters', [SERAPHINA]);
    const card = page.getByTestId('character-card').filter({ hasText: 'Seraphina' });
    await expect(card).toBeVisible();
    await expect(page.getByTestId('import-result')).toHaveAttribute('data-ok', 'true');
    const avatar = card.getByTestId('character-avatar');
    await expect
      .poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    // The avatar was resized in the renderer before it was sent.
    const size = await avatar.evaluate((img) => {
      const el = img as HTMLImageElement;
      return Math.max(el.naturalWidth, el.naturalHeight);
    });
    expect(size).toBeLessThanOrEqual(512);
    await expect(card.getByTestId('lore-badge')).toBeVisible();
    await page.getByTestId('import-results').getByRole('button', { name: 'Dismiss' }).click();
    await themeShots(page, 'characters-gallery');

    // `/` focuses the search; Enter opens the first hit.
    await page.locator('body').click({ position: { x: 700, y: 800 } });
    await page.keyboard.press('/');
    await expect(page.getByTestId('character-search')).toBeFocused();
    await page.keyboard.type('sera');
    await expect(page.getByTestId('character-card')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('editor-title')).toHaveText('Seraphina');
    await expect(page).toHaveURL(/#\/characters\/[^/]+$/);
    const characterUrl = page.url();

    await page.getByTestId('editor-tab-greetings').click();
    await expect(page.getByTestId('field-first-message')).not.toHaveValue('');
    const greetings = Number(await page.getByTestId('greeting-count').textContent());
    expect(greetings).toBeGreaterThanOrEqual(1);
    await page.getByTestId('editor-tab-prompt').click();
    await expect(page.getByTestId('field-description')).toHaveValue(/Seraphina|\{\{char\}\}/);
    await themeShots(page, 'characters-editor');

    await page.getByTestId('editor-tab-lorebook').click();
    const entries = page.getByTestId('lore-entry');
    expect(await entries.count()).toBeGreaterThan(0);
    await entries.first().getByTestId('lore-entry-toggle').click();
    await expect(entries.first().getByTestId('lore-entry-form')).toBeVisible();
    await expect(
      entries.first().getByTestId('entry-keys').getByTestId('chip').first(),
    ).toBeVisible();
    await themeShots(page, 'characters-card-lorebook');

    // Edit, see the unsaved mark, save with Ctrl+S, and find the edit after a reload.
    await page.getByTestId('editor-tab-identity').click();
    await page.getByTestId('field-tags').getByRole('textbox').fill('edited-by-e2e');
    await page.getByTestId('field-tags').getByRole('textbox').press('Enter');
    await page.getByTestId('editor-tab-prompt').click();
    const scenario = 'A storm rolls over Eldoria while the e2e test watches.';
    await page.getByLabel('Scenario').fill(scenario);
    await expect(page.getByTestId('unsaved-badge')).toBeVisible();
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('unsaved-badge')).toHaveCount(0);
    await page.goto(characterUrl);
    await page.reload();
    await page.getByTestId('editor-tab-prompt').click();
    await expect(page.getByLabel('Scenario')).toHaveValue(scenario);

    // Export the JSON card: a real download with the edit in it.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-json').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.json$/);
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
      spec: string;
      data: { name: string; scenario: string; tags: string[] };
    };
    expect(exported.spec).toBe('chara_card_v3');
    expect(exported.data.name).toBe('Seraphina');
    expect(exported.data.scenario).toBe(scenario);
    expect(exported.data.tags).toContain('edited-by-e2e');

    // A malformed file and a PNG that is no card: each reported, Seraphina untouched.
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"spec": "chara_card_v2", "data": ');
    const notACard = join(dir, 'holiday.png');
    writeFileSync(notACard, readFileSync(SERAPHINA).subarray(0, 8));
    await page.getByTestId('editor-back').click();
    await importThroughPicker(page, 'import-characters', [broken, notACard]);
    const results = page.getByTestId('import-result');
    await expect(results).toHaveCount(2);
    await expect(results.nth(0)).toHaveAttribute('data-ok', 'false');
    await expect(results.nth(0)).toContainText('broken.json');
    await expect(results.nth(0)).toContainText(/not valid JSON/i);
    await expect(results.nth(1)).toHaveAttribute('data-ok', 'false');
    await expect(results.nth(1)).toContainText(/PNG/);
    await expect(page.getByTestId('character-card')).toHaveCount(1);
    await expect(page.getByTestId('character-card')).toContainText('Seraphina');
    await themeShots(page, 'characters-import-error');

    // Start a chat: a new conversation opens with her greeting.
    await page.getByTestId('character-card').click();
    await page.getByTestId('start-chat').click();
    await expect(page).toHaveURL(/#\/chat\/[^/]+$/);
    await expect(page.getByTestId('nav-chat')).toHaveAttribute('aria-current', 'page');
    await expect(
      page.getByTestId('message-content').getByText(/recalling the events that led you/),
    ).toBeVisible();
    await shot(page, 'characters-started-chat');
  });

  test('hostile card text stays text; dropped files import; lorebooks', async ({ page }) => {
    if (!host) throw new Error('no host');
    await page.goto(host.url);
    // The palette goes to the screen.
    await expect(page.getByTestId('nav-characters')).toBeVisible();
    // Retried: the first key press can land before the page has wired its shortcuts.
    await expect(async () => {
      await page.keyboard.press('Control+K');
      await expect(page.getByTestId('palette-input')).toBeFocused({ timeout: 1000 });
    }).toPass();
    await page.getByTestId('palette-input').fill('go to characters');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/characters$/);
    await expect(page.getByTestId('characters-empty')).toBeVisible();
    const hostile = {
      spec: 'chara_card_v2',
      spec_version: '2.0',
      data: {
        name: `Mallory <img src=x onerror="${PWN}">`,
        description: `<script>${PWN}</script> plain`,
        personality: '',
        scenario: '',
        first_mes: `<svg onload=${PWN}>hi`,
        mes_example: '',
        creator_notes: `# Notes\n\n<img src=x onerror="${PWN}"> [link](javascript:${PWN})`,
        system_prompt: '',
        post_history_instructions: '',
        alternate_greetings: [`<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`],
        tags: [`<b onmouseover=${PWN}>tag</b>`],
        creator: `<a href="javascript:${PWN}">me</a>`,
        character_version: '1',
        extensions: {},
      },
    };
    await dropFiles(page, [
      { name: 'mallory.json', type: 'application/json', text: JSON.stringify(hostile) },
      { name: 'empty.json', type: 'application/json', text: '' },
    ]);
    const card = page.getByTestId('character-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('character-name')).toHaveText(hostile.data.name);
    await expect(page.getByTestId('import-result').nth(1)).toContainText(/empty/);
    await themeShots(page, 'characters-gallery-fallback');
    await card.click();
    await expect(page.getByTestId('editor-title')).toHaveText(hostile.data.name);
    await page.getByTestId('editor-tab-notes').click();
    await expect(page.getByTestId('creator-notes-preview').locator('h1')).toHaveText('Notes');
    await expect(page.getByTestId('creator-notes-preview').locator('img')).toHaveCount(0);
    await page.getByTestId('editor-tab-greetings').click();
    await page.getByTestId('editor-tab-identity').click();
    expect(await page.evaluate('window.__pwned')).toBeUndefined();

    // A new character: the name is required, then it gets its own address.
    await page.getByTestId('editor-back').click();
    await page.getByTestId('new-character').click();
    await expect(page.getByTestId('editor-title')).toHaveText('New character');
    await page.getByTestId('editor-save').click();
    await expect(page.getByRole('alert').filter({ hasText: 'needs a name' })).toBeVisible();
    await page.getByTestId('field-name').fill('Aria');
    await page.getByTestId('editor-tab-greetings').click();
    await page.getByTestId('field-first-message').fill('Hello there.');
    await page.getByTestId('add-greeting').click();
    await page.getByRole('textbox', { name: 'Greeting 2', exact: true }).fill('Good evening.');
    await expect(page.getByTestId('greeting-count')).toHaveText('2');
    await themeShots(page, 'characters-new');
    await page.keyboard.press('Control+s');
    await expect(page).toHaveURL(/#\/characters\/(?!new)[^/]+$/);
    await expect(page.getByTestId('editor-title')).toHaveText('Aria');

    // Duplicate, then delete the copy after confirming.
    await page.getByTestId('character-more').click();
    await page.getByTestId('duplicate-character').click();
    await expect(page.getByTestId('editor-title')).toHaveText('Aria (copy)');
    await page.getByTestId('character-more').click();
    await page.getByTestId('delete-character').click();
    await expect(page.getByRole('dialog')).toContainText('Delete Aria (copy)?');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByTestId('editor-title')).toHaveText('Aria (copy)');
    await page.getByTestId('character-more').click();
    await page.getByTestId('delete-character').click();
    await page.getByTestId('confirm-action').click();
    await expect(page).toHaveURL(/#\/characters$/);
    await expect(page.getByTestId('character-card')).toHaveCount(2);
    await expect(page.getByTestId('character-card').filter({ hasText: 'Aria' })).toHaveCount(1);
    await page.keyboard.press('Control+f');
    await expect(page.getByTestId('character-search')).toBeFocused();

    // A standalone lorebook: create, add an entry at depth, save, see it listed.
    await page.getByTestId('tab-lorebooks').click();
    await expect(page.getByTestId('lorebooks-empty')).toBeVisible();
    await page.getByTestId('new-lorebook').click();
    await expect(page.getByTestId('lorebook-editor')).toBeVisible();
    await page.getByTestId('lorebook-name-input').fill('Eldoria atlas');
    await page.getByTestId('lore-add-entry').click();
    const entry = page.getByTestId('lore-entry').first();
    await entry.getByTestId('entry-name').fill('The glade');
    await entry.getByTestId('entry-keys').getByRole('textbox').fill('glade, clearing');
    await entry.getByTestId('entry-keys').getByRole('textbox').press('Enter');
    await entry.getByTestId('entry-keys').getByRole('textbox').fill('/(unclosed/');
    await entry.getByTestId('entry-keys').getByRole('textbox').press('Enter');
    await entry
      .getByTestId('entry-content')
      .fill('A sunlit clearing where Seraphina tends the wounded.\nMore lines below.');
    await entry.getByTestId('entry-position').selectOption('at_depth');
    await entry.getByTestId('entry-depth').fill('2');
    await entry.getByTestId('entry-whole-words').check();
    await page.getByTestId('lore-add-entry').click();
    await page.getByTestId('lore-entry').nth(1).getByTestId('entry-name').fill('Constant rule');
    await page.getByTestId('lore-entry').nth(1).getByTestId('entry-constant').check();
    await page.getByTestId('lore-entry').nth(1).getByTestId('lore-entry-toggle').click();
    await themeShots(page, 'lorebook-editor');
    await page.getByTestId('lorebook-save').click();
    await expect(page.getByTestId('unsaved-badge')).toHaveCount(0);

    const download = page.waitForEvent('download');
    await page.getByTestId('lorebook-export').click();
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      entries: Record<string, Record<string, unknown>> | Record<string, unknown>[];
    };
    const saved = Object.values(exported.entries);
    expect(saved).toHaveLength(2);
    expect(JSON.stringify(saved[0])).toContain('glade');

    await page.getByTestId('tab-lorebooks').click();
    await expect(page.getByTestId('lorebook-row')).toHaveCount(1);
    await expect(page.getByTestId('lorebook-row')).toContainText('Eldoria atlas');
    await expect(page.getByTestId('lorebook-row')).toContainText('2 entries');
    await themeShots(page, 'lorebooks-list');
  });
});

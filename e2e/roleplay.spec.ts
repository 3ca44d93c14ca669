import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ensureTinyModel } from '../scripts/testing/testModels';
import { readCharacterCard } from '../shared/cards';
import type { TalariaClient } from '../shared/contract/client';
import { apiClient } from './support/apiClient';
import { startHost, type RunningHost } from './support/hostProcess';
import { schemeShots } from './support/shots';

const CARD = resolve(import.meta.dirname, '../shared/cards/fixtures/seraphina-v2.png');

const shots = (page: Page, name: string, target?: Locator): Promise<void> =>
  schemeShots(page, `roleplay-${name}`, { target, unhover: true });

/** A small PNG drawn in the page, as a picked file would be. */
async function drawnPng(page: Page): Promise<Buffer> {
  // A string, as the e2e project is type-checked without the DOM library.
  const dataUrl = await page.evaluate<string>(`(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 900;
    canvas.height = 700;
    const g = canvas.getContext('2d');
    const gradient = g.createLinearGradient(0, 0, 900, 700);
    gradient.addColorStop(0, '#f59e0b');
    gradient.addColorStop(1, '#7c3aed');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 900, 700);
    g.fillStyle = '#fff';
    g.beginPath();
    g.arc(450, 300, 150, 0, Math.PI * 2);
    g.fill();
    return canvas.toDataURL('image/png');
  })()`);
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

async function replyFinished(page: Page): Promise<void> {
  await expect(page.locator('[data-testid="message"][data-status="streaming"]')).toHaveCount(0, {
    timeout: 60_000,
  });
}

test.describe('roleplay: personas, a character chat and its prompt', () => {
  let host: RunningHost | null = null;
  let api: TalariaClient | null = null;
  test.afterEach(async () => {
    api?.close();
    api = null;
    await host?.stop();
    host = null;
  });

  test('persona, Seraphina’s greeting, swipes, lorebook in the inspector, impersonate', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const card = readCharacterCard(new Uint8Array(readFileSync(CARD)));
    const book = card.data.character_book?.entries ?? [];
    const shadowfang = book.find((e) => e.keys.some((k) => /shadowfang/i.test(k)));
    expect(shadowfang, 'the card has a Shadowfang lorebook entry').toBeTruthy();

    const dataDir = mkdtempSync(join(tmpdir(), 'talaria-e2e-roleplay-'));
    host = await startHost({ dataDir, model: await ensureTinyModel() });
    api = await apiClient(host);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(host.url);
    await expect(page.getByTestId('status-model')).toContainText('tiny', { timeout: 30_000 });

    // A persona, made in the personas manager (from Settings) and made the default.
    await page.getByTestId('open-settings').click();
    await page.getByTestId('settings-personas').click();
    const editor = page.getByTestId('persona-editor');
    await expect(editor).toBeVisible();
    await page.getByTestId('persona-name').fill('Alice');
    await page
      .getByTestId('persona-description')
      .fill('A traveller who got lost in the woods, curious and a little stubborn.');
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('persona-avatar-pick').click();
    await (
      await chooser
    ).setFiles({ name: 'alice.png', mimeType: 'image/png', buffer: await drawnPng(page) });
    await expect(editor.locator('img[data-testid="avatar"]')).toBeVisible();
    await page.getByTestId('persona-save').click();
    await expect(page.getByTestId('persona-row')).toHaveCount(1);
    await page.getByTestId('persona-default').click();
    await expect(page.getByTestId('persona-row')).toContainText('Default');
    const { personas } = await api.request('personas.list', {});
    expect(personas).toMatchObject([{ name: 'Alice', isDefault: true }]);
    expect(personas[0]?.avatar).toMatch(/^data:image\/png;base64,/);
    // Resized in the page before saving: the 900×700 picture is 512 px on its longer side.
    const png = Buffer.from(personas[0]!.avatar!.split(',')[1]!, 'base64');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 398]);
    await shots(page, 'personas-manager');
    await page.keyboard.press('Escape');

    // Seraphina's real card PNG, imported on the Characters screen.
    await page.getByTestId('nav-characters').click();
    const picked = page.waitForEvent('filechooser');
    await page.getByTestId('import-characters').click();
    await (await picked).setFiles(CARD);
    const tile = page.getByTestId('character-card').filter({ hasText: 'Seraphina' });
    await expect(tile).toBeVisible();
    const {
      characters: [listed],
    } = await api.request('characters.list', {});
    const character = await api.request('characters.get', { id: listed!.id });
    // The card has one greeting; two alternates (saved as another client would) make swipes.
    await api.request('characters.save', {
      id: character.id,
      card: {
        ...character.card,
        data: {
          ...character.card.data,
          alternate_greetings: [
            '*Seraphina looks up from the hearth and smiles.* Good morning, {{user}}. The glade is quiet today.',
            '*Seraphina hums softly, tending the fire.* Ah, you are awake, {{user}}. Rest a little longer.',
          ],
        },
      },
    });
    // "Start chat" in her editor opens the new chat with her greeting.
    await tile.click();
    await page.getByTestId('start-chat').click();
    await expect(page).toHaveURL(/#\/chat\/[^/]+$/);
    const conversationId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
    const started = { conversation: { id: conversationId } };
    await api.request('conversations.update', {
      id: conversationId,
      sampling: { maxTokens: 24, seed: 7 },
    });

    const greeting = page.locator('[data-testid="message"][data-role="assistant"]').first();
    await expect(greeting).toHaveAttribute('data-speaker', 'Seraphina');
    await expect(greeting.getByTestId('message-speaker')).toHaveText('Seraphina');
    await expect(greeting.locator('img[data-testid="avatar"]')).toBeVisible();
    await expect(greeting).toContainText('Seraphina');
    await expect(page.getByTestId('cast-character')).toHaveText('Seraphina');
    await expect(page.getByTestId('cast-persona')).toHaveText('Alice');
    // Greetings are swipes: ‹ 1/3 ›, ← / → in the empty composer, and the buttons.
    const { branches } = await api.request('conversations.branches', {
      id: started.conversation.id,
    });
    expect(branches.find((b) => b.parentId === null)?.messageIds).toHaveLength(3);
    const position = greeting.getByTestId('branch-position');
    await expect(position).toHaveText('1/3');
    await page.getByTestId('composer').press('ArrowRight');
    await expect(position).toHaveText('2/3');
    await expect(greeting).toContainText('The glade is quiet today');
    await expect(greeting).toContainText('Good morning, Alice');
    await page.getByTestId('composer').press('ArrowRight');
    await expect(position).toHaveText('3/3');
    // The last greeting is the end: nothing is generated.
    await page.getByTestId('composer').press('ArrowRight');
    await expect(position).toHaveText('3/3');
    await expect(page.locator('[data-testid="message"]')).toHaveCount(1);
    await greeting.getByTestId('branch-prev').click();
    await expect(position).toHaveText('2/3');
    await page.getByTestId('composer').press('ArrowLeft');
    await expect(position).toHaveText('1/3');
    await expect(greeting).toContainText('guardian of this forest');

    // The setup panel: the cast, a preset and its system prompt copied into the chat.
    await page.getByTestId('cast-button').click();
    const panel = page.getByTestId('setup-panel');
    await expect(panel.getByTestId('setup-character')).toHaveValue(character.id);
    const presets = await api.request('presets.list', {});
    const builtin = presets.presets.find((p) => p.builtin);
    if (builtin) {
      await panel.getByTestId('setup-preset').selectOption(builtin.id);
      await expect(panel.getByTestId('setup-system-prompt')).toHaveValue(
        builtin.systemPrompt.slice(0, 20).length > 0
          ? new RegExp(builtin.systemPrompt.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          : /.*/,
      );
    }
    await shots(page, 'setup-panel');
    await panel.getByTestId('setup-manage-presets').click();
    await expect(page.getByTestId('preset-editor')).toBeVisible();
    await expect(page.getByTestId('preset-row').first()).toContainText('Built-in');
    await page.getByTestId('preset-new').click();
    await page.getByTestId('preset-name').fill('Terse narrator');
    await page.getByTestId('preset-description').fill('Short, vivid replies');
    await page
      .getByTestId('preset-system-prompt')
      .fill('You are {{char}}. Reply to {{user}} in two sentences at most. Today is {{date}}.');
    await page.getByTestId('preset-save').click();
    await expect(
      page.getByTestId('preset-row').filter({ hasText: 'Terse narrator' }),
    ).toBeVisible();
    await page.getByTestId('preset-default-new').check();
    await expect
      .poll(async () => {
        const { presetId } = await api!.request('presets.getDefault', {});
        return (await api!.request('presets.list', {})).presets.find((p) => p.id === presetId)
          ?.name;
      })
      .toBe('Terse narrator');
    // The tiny model is loaded from outside the library: it cannot have a default of its own.
    await expect(page.getByTestId('preset-default-model')).toBeDisabled();
    await shots(page, 'presets-manager');
    await page.keyboard.press('Escape');

    // A message that names a lorebook key; the reply's prompt shows the persona and the entry.
    await page.getByTestId('composer').fill('Tell me about the Shadowfangs that attacked me.');
    await page.getByTestId('composer').press('Enter');
    const user = page.locator('[data-testid="message"][data-role="user"]').last();
    await expect(user).toHaveAttribute('data-speaker', 'Alice');
    await replyFinished(page);
    const reply = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await expect(reply).toHaveAttribute('data-speaker', 'Seraphina');
    await shots(page, 'chat');

    // ← / → swipe the last reply; → past the last version writes a new one.
    await page.getByTestId('composer').press('ArrowRight');
    await expect(reply.getByTestId('branch-position')).toHaveText('2/2', { timeout: 60_000 });
    await replyFinished(page);
    await page.getByTestId('composer').press('ArrowLeft');
    await expect(reply.getByTestId('branch-position')).toHaveText('1/2');

    await reply.getByTestId('prompt-inspect').click();
    const sections = page.getByTestId('prompt-sections');
    await expect(sections).toBeVisible();
    const persona = sections.getByRole('listitem', { name: /^Persona:/ });
    await expect(persona).toContainText('Alice');
    await persona.getByRole('button').click();
    await expect(persona).toContainText('a little stubborn');
    const lore = sections.getByRole('listitem', { name: /^Lorebook:/ });
    await expect(lore.first()).toBeVisible();
    await expect(lore.filter({ hasText: /Key “shadowfang/i })).toHaveCount(1);
    await expect(sections.getByRole('listitem', { name: /^History:/ })).toBeVisible();
    await expect(page.getByTestId('prompt-sections-total')).toContainText('tokens');
    await shots(page, 'inspector-sections', page.locator('dialog[open]'));
    await page.getByTestId('prompt-view-prompt').click();
    await expect(page.getByTestId('prompt-text')).toContainText('Alice');
    await page.keyboard.press('Escape');

    // Impersonate: the model drafts the user's next line into the composer.
    const composer = page.getByTestId('composer');
    await expect(composer).toHaveValue('');
    await page.getByTestId('impersonate').click();
    await expect(page.getByTestId('impersonate-stop')).toBeVisible();
    await shots(page, 'impersonating');
    await expect(page.getByTestId('impersonate')).toBeVisible({ timeout: 60_000 });
    await expect(composer).not.toHaveValue('');
    await expect(composer).toBeEditable();

    // The context is nearly full: the next reply's prompt leaves the oldest turns out, greyed.
    await composer.fill('And what about the glade, the forest and your magic?');
    await composer.press('Enter');
    await expect(page.locator('[data-testid="message"][data-role="user"]')).toHaveCount(2);
    await replyFinished(page);
    const last = page.locator('[data-testid="message"][data-role="assistant"]').last();
    const lastId = (await last.getAttribute('data-message-id')) ?? '';
    const { assembly } = await api.request('roleplay.assemblyFor', { messageId: lastId });
    expect(assembly).not.toBeNull();
    await last.getByTestId('prompt-inspect').click();
    const history = page
      .getByTestId('prompt-sections')
      .getByRole('listitem', { name: /^History:/ });
    await history.getByRole('button').first().click();
    const cutCount = assembly!.sections.filter((x) => !x.included).length;
    await expect(page.locator('[data-testid="prompt-section"][data-included="false"]')).toHaveCount(
      cutCount,
    );
    await shots(page, 'inspector-cut', page.locator('dialog[open]'));
  });
});

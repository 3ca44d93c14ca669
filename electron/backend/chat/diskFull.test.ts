import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureStreamingModel } from '../../../scripts/testing/testModels';
import { nextEvent, startHarness, type Harness } from '../../testing/backendHarness';

/** A real small filesystem to fill; null (with the reason printed) where mounting is refused. */
function mountSmallTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'talaria-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', dir], { stdio: 'pipe' });
    return dir;
  } catch (error) {
    console.log(`[disk-full] skipped: cannot mount a tmpfs here (${(error as Error).message})`);
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

const mount = mountSmallTmpfs();

describe.skipIf(!mount)('a full disk while a reply streams', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    try {
      await h?.close();
    } finally {
      h = null;
      execFileSync('umount', ['-l', mount!]);
      rmSync(mount!, { recursive: true, force: true });
    }
  });

  it('ends the reply with DISK_FULL in words, and stores the text once there is room', async () => {
    h = await startHarness('memory', { dataDir: join(mount!, 'data'), batchIntervalMs: 5 });
    await h.client.request('engine.load', { path: await ensureStreamingModel() });
    const c = await h.client.request('conversations.create', {});
    // Leave room for the question and not much more: the reply's writes hit a full disk.
    const free = statfsSync(mount!).bavail * statfsSync(mount!).bsize;
    const filler = join(mount!, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(Math.max(0, free - 200 * 1024)));
    } catch {
      // ENOSPC at the very end is the point.
    }
    const failed = nextEvent(h.client, 'chat.error', (e) => e.conversationId === c.id, 60_000);
    await h.client.request('chat.send', { conversationId: c.id, content: 'Keep talking' });
    const event = await failed;
    expect(event.error.code).toBe('DISK_FULL');
    expect(event.error.message).toBe(
      'The disk is full — free some space; nothing you already saved was lost.',
    );
    rmSync(filler);
    await expect
      .poll(
        async () =>
          (await h!.client.request('conversations.get', { id: c.id })).messages.at(-1)?.content,
        { timeout: 15_000 },
      )
      .toBe(event.message.content);
  }, 120_000);
});

import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ensureStreamingModel } from '../../scripts/testing/testModels';
import { nextEvent, startHarness } from '../testing/backendHarness';

describe('host restart', () => {
  it('saves a reply cut short by shutdown and keeps every conversation', async () => {
    const first = await startHarness('websocket', { batchIntervalMs: 5 });
    const { dataDir } = first;
    try {
      await first.client.request('engine.load', { path: await ensureStreamingModel() });
      const quiet = await first.client.request('conversations.create', { title: 'Kept as is' });
      const c = await first.client.request('conversations.create', {});
      const texts: string[] = [];
      first.client.on('chat.delta', (d) => texts.push(d.text));
      const start = await first.client.request('chat.send', {
        conversationId: c.id,
        content: 'Talk until I leave',
      });
      await nextEvent(
        first.client,
        'chat.delta',
        (d) => d.streamId === start.streamId && d.seq >= 3,
      );
      await first.close();

      const second = await startHarness('websocket', { dataDir });
      try {
        const list = await second.client.request('conversations.list', {});
        expect(list.conversations.map((x) => x.id).sort()).toEqual([quiet.id, c.id].sort());
        const { messages } = await second.client.request('conversations.get', { id: c.id });
        expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
        expect(messages[0]?.content).toBe('Talk until I leave');
        const reply = messages[1]!;
        expect(reply.status).toBe('interrupted');
        expect(reply.stats?.stopReason).toBe('shutdown');
        expect(reply.content.length).toBeGreaterThan(0);
        expect(reply.content.startsWith(texts.join(''))).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

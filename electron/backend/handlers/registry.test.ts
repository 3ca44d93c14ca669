import { describe, expect, it } from 'vitest';
import { registerHandlers } from './registry';

describe('registerHandlers', () => {
  it('joins groups into one table', async () => {
    const table = registerHandlers({ a: async () => 1 }, { b: async () => 2 });
    expect(await table.a()).toBe(1);
    expect(await table.b()).toBe(2);
  });

  it('throws when two groups register the same method', () => {
    expect(() =>
      registerHandlers({ 'chat.send': async () => 1 }, { 'chat.send': async () => 2 }),
    ).toThrow('Two handlers are registered for "chat.send".');
  });
});

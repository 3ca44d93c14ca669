import { describe, expect, it } from 'vitest';
import { GenerationMeter } from './GenerationMeter';

describe('GenerationMeter', () => {
  it('measures TTFT from the start and speed from the first token to the last', () => {
    let now = 1000;
    const meter = new GenerationMeter(() => now);
    now = 1250;
    meter.onTokens(1);
    now = 1750;
    meter.onTokens(2);
    now = 2250;
    meter.onTokens(2);
    now = 2300;
    expect(meter.finish('eos', { promptTokens: 30, evaluatedPromptTokens: 12 })).toEqual({
      ttftMs: 250,
      tokensPerSecond: 4,
      promptTokens: 30,
      evaluatedPromptTokens: 12,
      completionTokens: 5,
      durationMs: 1300,
      stopReason: 'eos',
    });
  });

  it('reports no TTFT or speed when nothing was generated', () => {
    let now = 0;
    const meter = new GenerationMeter(() => now);
    now = 40;
    const stats = meter.finish('abort', { promptTokens: 5, evaluatedPromptTokens: 5 });
    expect(stats).toMatchObject({ ttftMs: null, tokensPerSecond: null, completionTokens: 0 });
    expect(stats.durationMs).toBe(40);
  });
});

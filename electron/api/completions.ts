import type { GenerationStats } from '../../shared/contract/types';
import { planSampling } from './chatPlan';
import {
  completionId,
  finishReason,
  logEntryOf,
  timingsOf,
  usageOf,
  type ExchangeContext,
  type RequestLogEntry,
} from './completionTypes';
import { toApiError, whenEngineFree } from './engineCalls';
import { completionRequestSchema, parseRequest, rejectUnsupported } from './requestSchemas';
import { SseWriter } from './SseWriter';

/** POST /v1/completions: the prompt exactly as given (no chat template), OpenAI's legacy shape. */
export async function completions(
  ctx: ExchangeContext,
  body: unknown,
): Promise<Omit<RequestLogEntry, 'status' | 'durationMs' | 'method'>> {
  const request = parseRequest(completionRequestSchema, body);
  rejectUnsupported(request);
  const prompt = typeof request.prompt === 'string' ? request.prompt : (request.prompt[0] ?? '');
  const release = await ctx.queue.acquire(ctx.signal);
  try {
    const model = await ctx.models.ensure(request.model);
    // The legacy endpoint's default is 16 tokens.
    const sampling = planSampling(
      { ...request, max_tokens: request.max_tokens ?? 16 },
      model.contextSize,
    );
    const id = completionId('cmpl');
    const created = Math.floor(Date.now() / 1000);
    const choice = (text: string, finish: string | null) => ({
      text,
      index: 0,
      logprobs: null,
      finish_reason: finish,
    });
    const head = {
      id,
      object: 'text_completion',
      created,
      model: model.id,
      system_fingerprint: null,
    };
    const includeUsage = request.stream_options?.include_usage === true;
    if (request.stream !== true) {
      const { text, stats } = await whenEngineFree(
        () =>
          ctx.engine.complete(prompt, sampling, { onText: () => undefined, signal: ctx.signal }),
        ctx.signal,
      );
      const json = JSON.stringify({
        ...head,
        choices: [choice(text, finishReason(stats, 0))],
        usage: usageOf(stats),
        timings: timingsOf(stats),
      });
      ctx.response.writeHead(200, {
        ...ctx.headers,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(json),
      });
      ctx.response.end(json);
      return logEntryOf('/v1/completions', model.id, false, stats);
    }
    const sse = new SseWriter(ctx.response, ctx.headers);
    const extra = includeUsage ? { usage: null } : {};
    let stats: GenerationStats;
    try {
      ({ stats } = await whenEngineFree(
        () =>
          ctx.engine.complete(
            prompt,
            sampling,
            {
              onText: (text) => sse.send({ ...head, choices: [choice(text, null)], ...extra }),
              signal: ctx.signal,
            },
            { lane: 'api' },
          ),
        ctx.signal,
      ));
    } catch (error) {
      if (!sse.started) throw error;
      sse.fail(toApiError(error).toBody());
      return logEntryOf('/v1/completions', model.id, true, null);
    }
    sse.send({ ...head, choices: [choice('', finishReason(stats, 0))], ...extra });
    if (includeUsage)
      sse.send({ ...head, choices: [], usage: usageOf(stats), timings: timingsOf(stats) });
    sse.done();
    return logEntryOf('/v1/completions', model.id, true, stats);
  } finally {
    release();
    ctx.models.scheduleIdleUnload();
  }
}

import type { GenerationStats } from '../../shared/contract/types';
import { validatorFor } from '../../shared/hermes';
import { runReply, type ReplyResult } from '../backend/chat/runReply';
import { badRequest } from './apiErrors';
import { planChat, type ChatPlan } from './chatPlan';
import {
  completionId,
  logEntryOf,
  timingsOf,
  usageOf,
  type ExchangeContext,
  type RequestLogEntry,
} from './completionTypes';
import { toApiError, whenEngineFree } from './engineCalls';
import { newCallId, ReplySplitter } from './ReplySplitter';
import { chatRequestSchema, parseRequest, rejectUnsupported } from './requestSchemas';
import { SseWriter } from './SseWriter';

type LogPart = Omit<RequestLogEntry, 'status' | 'durationMs' | 'method'>;

/** POST /v1/chat/completions: OpenAI's chat shapes at the edge, the Hermes reply inside. */
export async function chatCompletions(ctx: ExchangeContext, body: unknown): Promise<LogPart> {
  const request = parseRequest(chatRequestSchema, body);
  rejectUnsupported(request);
  const release = await ctx.queue.acquire(ctx.signal);
  try {
    const model = await ctx.models.ensure(request.model);
    const plan = planChat(request, model);
    compileSchemas(plan);
    const id = completionId('chatcmpl');
    const created = Math.floor(Date.now() / 1000);
    const stream = request.stream === true;
    const stats = stream
      ? await streamReply(
          ctx,
          plan,
          { id, created, model: model.id },
          request.stream_options?.include_usage === true,
        )
      : await wholeReply(ctx, plan, { id, created, model: model.id });
    return logEntryOf('/v1/chat/completions', model.id, stream, stats);
  } finally {
    release();
    ctx.models.scheduleIdleUnload();
  }
}

interface Head {
  id: string;
  created: number;
  model: string;
}

/** The reply pipeline's own run, waiting while the engine is busy with the app's chat. */
function run(ctx: ExchangeContext, plan: ChatPlan, onText: (text: string) => void) {
  return whenEngineFree(
    () => runReply(ctx.engine, { ...plan, lane: 'api', onText, signal: ctx.signal }),
    ctx.signal,
  );
}

/** Schema keywords the grammar could not enforce, unreadable calls, validation failures. */
function warningsOf(result: ReplyResult): string[] {
  return [
    ...result.warnings,
    ...result.toolErrors.map((e) =>
      'raw' in e ? `A tool call could not be read: ${e.message}` : e.message,
    ),
    ...(result.json && !result.json.valid ? result.json.errors : []),
  ];
}

const finishOf = (result: ReplyResult) =>
  result.finishReason === 'abort' ? 'stop' : result.finishReason;

async function wholeReply(
  ctx: ExchangeContext,
  plan: ChatPlan,
  head: Head,
): Promise<GenerationStats> {
  const result = await run(ctx, plan, () => undefined);
  const calls = result.toolCalls.map((call) => ({
    id: newCallId(),
    type: 'function' as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const warnings = warningsOf(result);
  const message = {
    role: 'assistant' as const,
    content: calls.length > 0 && result.content === '' ? null : result.content,
    refusal: null,
    ...(calls.length > 0 && { tool_calls: calls }),
  };
  sendJson(ctx, {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishOf(result) }],
    usage: usageOf(result.stats),
    system_fingerprint: null,
    ...(warnings.length > 0 && { warnings }),
    timings: timingsOf(result.stats),
  });
  return result.stats;
}

async function streamReply(
  ctx: ExchangeContext,
  plan: ChatPlan,
  head: Head,
  includeUsage: boolean,
): Promise<GenerationStats | null> {
  const sse = new SseWriter(ctx.response, ctx.headers);
  const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({
    id: head.id,
    object: 'chat.completion.chunk',
    created: head.created,
    model: head.model,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...(includeUsage && { usage: null }),
    ...extra,
  });
  const splitter = new ReplySplitter(
    {
      onContent: (text) => sse.send(chunk({ content: text })),
      onToolCall: (call) => {
        // The SDKs assemble calls from fragments: id, type and name first, then the arguments.
        sse.send(
          chunk({
            tool_calls: [
              {
                index: call.index,
                id: call.id,
                type: 'function',
                function: { name: call.name, arguments: '' },
              },
            ],
          }),
        );
        sse.send(
          chunk({ tool_calls: [{ index: call.index, function: { arguments: call.arguments } }] }),
        );
      },
    },
    plan.tools.length > 0,
  );
  const opening = () => sse.send(chunk({ role: 'assistant', content: '' }));
  let result: ReplyResult;
  try {
    result = await run(ctx, plan, (text) => {
      if (!sse.started) opening();
      splitter.push(text);
    });
  } catch (error) {
    if (!sse.started) throw error;
    sse.fail(toApiError(error).toBody());
    return null;
  }
  if (ctx.signal.aborted) return result.stats;
  if (!sse.started) opening();
  splitter.end();
  const warnings = warningsOf(result);
  sse.send(chunk({}, finishOf(result), warnings.length > 0 ? { warnings } : {}));
  if (includeUsage) {
    sse.send({
      id: head.id,
      object: 'chat.completion.chunk',
      created: head.created,
      model: head.model,
      system_fingerprint: null,
      choices: [],
      usage: usageOf(result.stats),
      timings: timingsOf(result.stats),
    });
  }
  sse.done();
  return result.stats;
}

/** Every tool schema and the response schema compile before anything is generated. */
function compileSchemas(plan: ChatPlan): void {
  try {
    if (plan.tools.length > 0) validatorFor(plan.tools);
  } catch (error) {
    throw badRequest((error as Error).message, 'tools');
  }
  try {
    if (plan.responseSchema)
      validatorFor([{ name: 'response_format', parameters: plan.responseSchema }]);
  } catch (error) {
    throw badRequest((error as Error).message, 'response_format');
  }
}

function sendJson(ctx: ExchangeContext, value: unknown): void {
  if (ctx.response.writableEnded || ctx.response.destroyed) return;
  const text = JSON.stringify(value);
  ctx.response.writeHead(200, {
    ...ctx.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  ctx.response.end(text);
}

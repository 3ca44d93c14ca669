import type { GenerationStats } from '../../shared/contract/types';
import { validateToolCall, validatorFor, type HermesTool } from '../../shared/hermes';
import { badRequest } from './apiErrors';
import { planChat, type ChatPlan } from './chatPlan';
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
import { ReplySplitter, type SplitToolCall } from './ReplySplitter';
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

async function wholeReply(
  ctx: ExchangeContext,
  plan: ChatPlan,
  head: Head,
): Promise<GenerationStats> {
  const parts: string[] = [];
  const calls: SplitToolCall[] = [];
  const splitter = new ReplySplitter(
    { onContent: (text) => parts.push(text), onToolCall: (call) => calls.push(call) },
    plan.tools.length > 0,
  );
  const { text, stats } = await whenEngineFree(
    () =>
      ctx.engine.generate(
        plan.messages,
        plan.sampling,
        { onText: () => undefined, signal: ctx.signal },
        { ...plan.options, lane: 'api' },
      ),
    ctx.signal,
  );
  splitter.push(text);
  splitter.end();
  const content = parts.join('');
  const warnings = [...plan.warnings, ...splitter.warnings, ...checkReply(plan, content, calls)];
  const message = {
    role: 'assistant' as const,
    content: calls.length > 0 && content === '' ? null : content,
    refusal: null,
    ...(calls.length > 0 && { tool_calls: calls.map(toToolCall) }),
  };
  sendJson(ctx, {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: finishReason(stats, calls.length) },
    ],
    usage: usageOf(stats),
    system_fingerprint: null,
    ...(warnings.length > 0 && { warnings }),
    timings: timingsOf(stats),
  });
  return stats;
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
  const contentParts: string[] = [];
  const calls: SplitToolCall[] = [];
  const splitter = new ReplySplitter(
    {
      onContent: (text) => {
        contentParts.push(text);
        sse.send(chunk({ content: text }));
      },
      onToolCall: (call) => {
        calls.push(call);
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
  // The first chunk carries the role, and any schema keyword the grammar cannot enforce.
  const opening = () =>
    sse.send(
      chunk(
        { role: 'assistant', content: '' },
        null,
        plan.warnings.length > 0 ? { warnings: plan.warnings } : {},
      ),
    );
  let stats: GenerationStats;
  try {
    ({ stats } = await whenEngineFree(
      () =>
        ctx.engine.generate(
          plan.messages,
          plan.sampling,
          {
            onText: (text) => {
              if (!sse.started) opening();
              splitter.push(text);
            },
            signal: ctx.signal,
          },
          { ...plan.options, lane: 'api' },
        ),
      ctx.signal,
    ));
  } catch (error) {
    if (!sse.started) throw error;
    sse.fail(toApiError(error).toBody());
    return null;
  }
  if (ctx.signal.aborted) return stats;
  if (!sse.started) opening();
  splitter.end();
  const warnings = [...splitter.warnings, ...checkReply(plan, contentParts.join(''), calls)];
  sse.send(chunk({}, finishReason(stats, calls.length), warnings.length > 0 ? { warnings } : {}));
  if (includeUsage) {
    sse.send({
      id: head.id,
      object: 'chat.completion.chunk',
      created: head.created,
      model: head.model,
      system_fingerprint: null,
      choices: [],
      usage: usageOf(stats),
      timings: timingsOf(stats),
    });
  }
  sse.done();
  return stats;
}

function toToolCall(call: SplitToolCall) {
  return {
    id: call.id,
    type: 'function' as const,
    function: { name: call.name, arguments: call.arguments },
  };
}

/** Every tool schema and the response schema compile before anything is generated. */
function compileSchemas(plan: ChatPlan): void {
  try {
    if (plan.tools.length > 0) validatorFor(plan.tools);
  } catch (error) {
    throw badRequest((error as Error).message, 'tools');
  }
  try {
    if (plan.responseSchema) validatorFor(responseTool(plan.responseSchema));
  } catch (error) {
    throw badRequest((error as Error).message, 'response_format');
  }
}

function responseTool(schema: Record<string, unknown>): HermesTool[] {
  return [{ name: 'response_format', parameters: schema }];
}

/** The reply checked with the app's validator: tool arguments, or the JSON response. */
function checkReply(plan: ChatPlan, content: string, calls: SplitToolCall[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    const result = validateToolCall(
      {
        name: call.name,
        arguments: JSON.parse(call.arguments) as unknown as Record<string, unknown>,
      },
      plan.tools,
    );
    if (!result.ok) problems.push(...result.errors);
  }
  if (plan.responseSchema) {
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      return [...problems, `The reply is not valid JSON: ${(error as Error).message}`];
    }
    const result = validateToolCall(
      { name: 'response_format', arguments: value as Record<string, unknown> },
      responseTool(plan.responseSchema),
    );
    if (!result.ok) problems.push(...result.errors);
  }
  return problems;
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

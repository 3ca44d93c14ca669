import { TalariaError } from '../../../shared/contract/errors';
import { renderHermesPrompt, type HermesMessage } from '../../../shared/hermes';
import {
  scoreCase,
  type EvalCase,
  type EvalPlan,
  type EvalProgress,
  type EvalVariant,
} from '../../../shared/eval';
import type { Clock } from '../store/clock';
import type { EvalGenerate } from './evalGenerate';
import { workKey, type EvalStore } from './EvalStore';
import type { SuiteCatalog } from './SuiteCatalog';

export interface EvalRunnerOptions {
  store: EvalStore;
  catalog: SuiteCatalog;
  generate: EvalGenerate;
  /** Makes `model` (a GGUF path) the one `generate` uses. */
  loadModel: (model: string) => Promise<void>;
  /**
   * Cases generated at once (default 1). Above 1 they run on the engine's 'api' lane, whose
   * parallel sequences the model must have been loaded with (`parallel` ≥ concurrency).
   */
  concurrency?: number;
  now?: Clock;
}

interface Work {
  model: string;
  variant: number;
  testCase: EvalCase;
}

/** The case's messages as the variant sends them: its system prompt, its tool-result role. */
export function variantMessages(testCase: EvalCase, variant: EvalVariant): HermesMessage[] {
  const out: HermesMessage[] = [];
  if (variant.systemPrompt !== null && !testCase.messages.some((m) => m.role === 'system')) {
    out.push({ role: 'system', content: variant.systemPrompt });
  }
  for (const m of testCase.messages) {
    const last = out.at(-1);
    if (m.role === 'tool' && variant.toolResponseRole === 'user') {
      const block = `<tool_response>\n${m.content}\n</tool_response>\n`;
      // Consecutive results share one user turn, as the chat sends them.
      if (last?.role === 'user' && last.content.startsWith('<tool_response>'))
        last.content += block;
      else out.push({ role: 'user', content: block });
    } else out.push({ ...m });
  }
  return out;
}

/**
 * Runs suites × models × variants through the reply pipeline, storing every prompt, raw output,
 * verdict and timing as it goes, so a cancelled or crashed run resumes where it stopped.
 */
export class EvalRunner {
  private readonly now: Clock;

  constructor(private readonly options: EvalRunnerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The work of a plan, model by model (one load each), variant by variant, case by case. */
  private work(plan: EvalPlan): Work[] {
    const cases = plan.suites.flatMap((suite) => {
      const all = this.options.catalog.cases(suite);
      return plan.limit === null ? all : all.slice(0, plan.limit);
    });
    return plan.models.flatMap((model) =>
      plan.variants.flatMap((_, variant) =>
        cases.map((testCase) => ({ model, variant, testCase })),
      ),
    );
  }

  /** Checks the plan (suites exist, something to run) and records the run; returns its id. */
  create(plan: EvalPlan): string {
    if (plan.models.length === 0 || plan.variants.length === 0) {
      throw new TalariaError(
        'INVALID_INPUT',
        'A run needs at least one model and one settings variant.',
      );
    }
    const total = this.work(plan).length;
    if (total === 0) throw new TalariaError('INVALID_INPUT', 'The suites have no cases to run.');
    return this.options.store.createRun(plan, total);
  }

  /**
   * Runs what is left of a run (all of it, the first time). Aborting the signal stops after the
   * case in flight, which is not stored, and marks the run cancelled; `execute` again resumes.
   */
  async execute(
    runId: string,
    onProgress?: (p: EvalProgress) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const { store } = this.options;
    const run = store.run(runId);
    if (!run) throw new TalariaError('INVALID_INPUT', `No eval run "${runId}".`);
    const done = store.doneKeys(runId);
    const left = this.work(run.plan).filter(
      (w) => !done.has(workKey(w.model, w.variant, w.testCase.id)),
    );
    store.setStatus(runId, 'running');
    const started = this.now();
    const concurrency = Math.max(1, this.options.concurrency ?? 1);
    const lane = concurrency > 1 ? ('api' as const) : undefined;
    let finished = run.done;
    let correct = run.correct;
    let finishedHere = 0;
    let stopped = false;

    const runOne = async (w: Work): Promise<void> => {
      const variant = run.plan.variants[w.variant]!;
      const messages = variantMessages(w.testCase, variant);
      const prompt = renderHermesPrompt(messages, { tools: w.testCase.tools });
      let generation;
      try {
        generation = await this.options.generate({
          messages,
          tools: w.testCase.tools,
          variant,
          ...(signal && { signal }),
          ...(lane && { lane }),
        });
      } catch (error) {
        if (signal?.aborted) return;
        throw error;
      }
      // A reply cut short by the cancel is not a verdict: it runs again on resume.
      if (signal?.aborted && generation.stats.stopReason === 'abort') return;
      const score = scoreCase(w.testCase, generation.text);
      store.addResult({
        runId,
        model: w.model,
        variant: w.variant,
        caseId: w.testCase.id,
        category: w.testCase.category,
        prompt,
        output: generation.text,
        correct: score.correct,
        reason: score.reason,
        ttftMs: generation.stats.ttftMs,
        durationMs: generation.stats.durationMs,
        promptTokens: generation.stats.promptTokens,
        completionTokens: generation.stats.completionTokens,
        tokensPerSecond: generation.stats.tokensPerSecond,
      });
      finished += 1;
      finishedHere += 1;
      if (score.correct) correct += 1;
      const elapsedMs = this.now() - started;
      onProgress?.({
        runId,
        done: finished,
        total: run.total,
        correct,
        elapsedMs,
        etaMs: Math.round((elapsedMs / finishedHere) * (left.length - finishedHere)),
        model: w.model,
        variant: w.variant,
        caseId: w.testCase.id,
      });
    };

    try {
      // Model by model (one load each), `concurrency` cases at a time within a model.
      for (const model of [...new Set(left.map((w) => w.model))]) {
        if (signal?.aborted) break;
        const queue = left.filter((w) => w.model === model);
        await this.options.loadModel(model);
        let next = 0;
        const worker = async (): Promise<void> => {
          while (!stopped && !signal?.aborted && next < queue.length) {
            const w = queue[next++]!;
            try {
              await runOne(w);
            } catch (error) {
              stopped = true;
              throw error;
            }
          }
        };
        const outcomes = await Promise.allSettled(
          Array.from({ length: Math.min(concurrency, queue.length) }, worker),
        );
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
        if (failed) throw failed.reason;
      }
    } catch (error) {
      store.setStatus(runId, 'error', error instanceof Error ? error.message : String(error));
      throw error;
    }
    store.setStatus(runId, finished >= run.total ? 'done' : 'cancelled');
  }
}

import { TalariaError } from '../../../shared/contract/errors';
import type { DownloadJobInfo } from '../../../shared/contract/library';
import { Downloader } from '../../backend/models/Downloader';
import { detectHardware, toFitHardware } from '../../backend/models/hardware';
import { estimateRepoFits } from '../../backend/models/repoFit';
import type { CliContext } from './cliContext';
import { cliGpu } from './hubCommands';
import { ProgressBar } from './progressBar';

export interface DownloadCommandOptions {
  repoId: string;
  file?: string;
  quant?: string;
  revision?: string;
  contextSize?: number;
}

/** Exit status of a download interrupted by Ctrl+C (128 + SIGINT), as shells expect. */
export const INTERRUPTED = 130;

/**
 * `talaria models download <repo> [<file>|--quant Q]`: downloads with a progress bar and exits 0
 * only once the verified file is in the library. Ctrl+C pauses: the part stays on disk and the
 * same command resumes it.
 */
export async function downloadCommand(
  ctx: CliContext,
  options: DownloadCommandOptions,
): Promise<number> {
  let file = options.file;
  if (file === undefined && options.quant === undefined) {
    file = await pickRecommended(ctx, options);
  }
  const downloader = new Downloader({ modelsDir: ctx.modelsDir, hub: ctx.hub });
  const bar = new ProgressBar(ctx.out);
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<'interrupted'>((resolve) => {
    interrupt = () => resolve('interrupted');
  });
  let job: DownloadJobInfo | null = null;
  let stopping = false;
  const onSigint = (): void => {
    if (stopping) process.exit(INTERRUPTED);
    stopping = true;
    interrupt();
  };
  process.on('SIGINT', onSigint);
  // Listening from the start: the job's first state change happens inside enqueue.
  let announced = false;
  downloader.onEvent(({ job: event }) => {
    if (!announced) {
      // A model already in the library completes at once: nothing to announce.
      if (event.state === 'completed') return;
      announced = true;
      ctx.out.write(`Downloading ${event.repoId}/${event.modelFile} to ${ctx.modelsDir}\n`);
    }
    bar.update(event);
  });
  try {
    job = await downloader.enqueue({
      repoId: options.repoId,
      file,
      quant: options.quant,
      revision: options.revision,
    });
    if (job.state === 'completed') {
      ctx.out.write(`Already in the library: ${job.libraryPath}\n`);
      return 0;
    }
    const id = job.id;
    let outcome = await Promise.race([downloader.waitFor(id), interrupted]);
    // Ctrl+C in the last moment may come after the model was already placed.
    if (outcome === 'interrupted' && downloader.get(id).state === 'completed') {
      outcome = downloader.get(id);
    }
    if (outcome === 'interrupted') {
      const paused = await downloader.pause(id);
      bar.finish();
      const percent =
        paused.totalBytes > 0 ? Math.floor((paused.receivedBytes / paused.totalBytes) * 100) : 0;
      ctx.err(`Paused at ${percent}%. Run the same command again to resume where it stopped.\n`);
      return INTERRUPTED;
    }
    bar.finish();
    const hash = outcome.files.every((f) => f.sha256) ? 'sha256' : 'git hash';
    ctx.out.write(`Verified (${hash}) and saved: ${outcome.libraryPath}\n`);
    return 0;
  } catch (error) {
    bar.finish();
    if (stopping) return INTERRUPTED;
    const message = error instanceof Error ? error.message : String(error);
    ctx.err(
      `Download failed: ${message.replace(/Resume it to try again\.?/, 'Run the same command again to resume.')}\n`,
    );
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    await downloader.dispose();
  }
}

async function pickRecommended(ctx: CliContext, options: DownloadCommandOptions): Promise<string> {
  const models = await ctx.hub.listGgufModels(options.repoId, options.revision);
  const hardware = await detectHardware(cliGpu());
  const { recommended } = await estimateRepoFits(ctx.hub, options.repoId, models, {
    hardware: toFitHardware(hardware),
    contextSize: options.contextSize,
    revision: options.revision,
  });
  if (!recommended) {
    throw new TalariaError(
      'INVALID_INPUT',
      `No GGUF in ${options.repoId} fits this machine; name a file or --quant to download anyway.`,
    );
  }
  ctx.out.write(`No file or --quant given: ${recommended.reason}\n`);
  return recommended.modelId;
}

/**
 * A download in a child process, for the test that kills it with SIGKILL mid-way. Argument: JSON
 * with endpoint, modelsDir, repoId, file and tuning. Prints one JSON line per progress event.
 */
import { Downloader } from './Downloader';
import { HubClient } from './HubClient';

interface ChildArgs {
  endpoint: string;
  modelsDir: string;
  repoId: string;
  file: string;
  tuning: Record<string, unknown>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const hub = new HubClient({ endpoint: args.endpoint });
const downloader = new Downloader({ ...args.tuning, modelsDir: args.modelsDir, hub });
downloader.onEvent((event) => {
  process.stdout.write(
    `${JSON.stringify({ type: event.type, receivedBytes: event.job.receivedBytes, state: event.job.state })}\n`,
  );
});
const job = await downloader.enqueue({ repoId: args.repoId, file: args.file });
await downloader.waitFor(job.id);
process.stdout.write(`${JSON.stringify({ type: 'done' })}\n`);

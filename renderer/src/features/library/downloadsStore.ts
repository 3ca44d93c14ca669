import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TalariaClient } from '../../../../shared/contract/client';
import type { DownloadJobInfo } from '../../../../shared/contract/library';
import { toShownError, type ShownError } from '../../components/errors';

export interface DownloadsState {
  jobs: Record<string, DownloadJobInfo>;
  /** Finished jobs the user cleared from the list (they stay done on the backend). */
  dismissed: Record<string, true>;
  /** Repo file ids (`owner/repo/path`) being asked for, before their job exists. */
  starting: Record<string, true>;
  error: ShownError | null;
  init(): Promise<void>;
  receive(job: DownloadJobInfo): void;
  start(repoId: string, file: string): Promise<DownloadJobInfo | null>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): void;
  clearError(): void;
}

export type DownloadsStore = StoreApi<DownloadsState>;

/** The download for a repo file (any part of a split model names the same job). */
export function jobFor(
  jobs: Record<string, DownloadJobInfo>,
  repoId: string,
  fileId: string,
): DownloadJobInfo | null {
  let found: DownloadJobInfo | null = null;
  for (const job of Object.values(jobs)) {
    if (job.repoId !== repoId || !job.files.some((f) => f.path === fileId)) continue;
    if (job.state === 'cancelled') continue;
    if (!found || job.updatedAt > found.updatedAt) found = job;
  }
  return found;
}

export function createDownloadsStore(client: TalariaClient): DownloadsStore {
  return createStore<DownloadsState>()((set, get) => {
    const act = async (run: () => Promise<DownloadJobInfo>): Promise<void> => {
      try {
        get().receive(await run());
      } catch (error) {
        set({ error: toShownError(error) });
      }
    };
    return {
      jobs: {},
      dismissed: {},
      starting: {},
      error: null,

      async init() {
        const { jobs } = await client.request('downloads.list', {});
        set({ jobs: Object.fromEntries(jobs.map((j) => [j.id, j])) });
      },

      receive(job) {
        const known = get().jobs[job.id];
        // Events and answers can cross; never go back to an older snapshot.
        if (known && known.updatedAt > job.updatedAt) return;
        const dismissed = { ...get().dismissed };
        if (job.state !== 'completed' && job.state !== 'cancelled') delete dismissed[job.id];
        set({ jobs: { ...get().jobs, [job.id]: job }, dismissed });
      },

      async start(repoId, file) {
        const key = `${repoId}/${file}`;
        set({ starting: { ...get().starting, [key]: true }, error: null });
        try {
          const job = await client.request('downloads.start', { repoId, file });
          get().receive(job);
          return job;
        } catch (error) {
          set({ error: toShownError(error) });
          return null;
        } finally {
          const starting = { ...get().starting };
          delete starting[key];
          set({ starting });
        }
      },

      pause: (id) => act(() => client.request('downloads.pause', { id })),
      resume: (id) => act(() => client.request('downloads.resume', { id })),
      cancel: (id) => act(() => client.request('downloads.cancel', { id })),
      dismiss: (id) => set({ dismissed: { ...get().dismissed, [id]: true } }),
      clearError: () => set({ error: null }),
    };
  });
}

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RpcErrorShape } from '../../../../shared/contract/errors';
import { assertRepoFilePath, assertRepoId, assertRevision } from '../repoPaths';

export interface ManifestFile {
  path: string;
  size: number;
  sha256: string | null;
  gitOid: string;
}

/** What survives a restart of a download: which files, and whether the user paused it. */
export interface JobManifest {
  version: 1;
  id: string;
  repoId: string;
  revision: string;
  files: ManifestFile[];
  paused: boolean;
  /** The last failure; a failed download waits for the user after a restart instead of rerunning. */
  error?: RpcErrorShape | null;
  createdAt: number;
}

/** Downloads in progress live under `<modelsDir>/.downloads` (same file system: renames are atomic). */
export function stagingRoot(modelsDir: string): string {
  return join(modelsDir, '.downloads');
}

export function jobDir(modelsDir: string, id: string): string {
  return join(stagingRoot(modelsDir), id);
}

export function partPath(modelsDir: string, id: string, index: number): string {
  return join(jobDir(modelsDir, id), `${index}.part`);
}

/** The same model asked for twice (or again after a restart) maps to the same job and parts. */
export function jobIdFor(repoId: string, revision: string, paths: readonly string[]): string {
  const key = `${repoId}@${revision}\n${[...paths].sort().join('\n')}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

export async function writeManifest(modelsDir: string, manifest: JobManifest): Promise<void> {
  const dir = jobDir(modelsDir, manifest.id);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, 'job.json.tmp');
  await writeFile(tmp, JSON.stringify(manifest, null, 2));
  await rename(tmp, join(dir, 'job.json'));
}

export async function removeJobDir(modelsDir: string, id: string): Promise<void> {
  await rm(jobDir(modelsDir, id), { recursive: true, force: true });
}

/** Every well-formed manifest under the staging folder; broken ones are skipped, not deleted. */
export async function readManifests(modelsDir: string): Promise<JobManifest[]> {
  let ids: string[];
  try {
    ids = await readdir(stagingRoot(modelsDir));
  } catch {
    return [];
  }
  const manifests: JobManifest[] = [];
  for (const id of ids) {
    try {
      const parsed = JSON.parse(
        await readFile(join(jobDir(modelsDir, id), 'job.json'), 'utf8'),
      ) as JobManifest;
      if (parsed.version !== 1 || parsed.id !== id || !Array.isArray(parsed.files)) continue;
      assertRepoId(parsed.repoId);
      assertRevision(parsed.revision);
      for (const file of parsed.files) assertRepoFilePath(file.path);
      manifests.push(parsed);
    } catch {
      // Not a job folder (or a damaged one): leave it for the user to inspect.
    }
  }
  return manifests.sort((a, b) => a.createdAt - b.createdAt);
}

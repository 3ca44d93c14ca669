import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TalariaError } from '../../../shared/contract/errors';

const REPO_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** Checks an `owner/name` repo id; the result is safe to use as two folder names. */
export function assertRepoId(repoId: string): { owner: string; name: string } {
  const parts = repoId.split('/');
  const [owner, name] = parts;
  if (
    parts.length !== 2 ||
    owner === undefined ||
    name === undefined ||
    !REPO_PART.test(owner) ||
    !REPO_PART.test(name) ||
    owner.includes('..') ||
    name.includes('..')
  ) {
    throw new TalariaError(
      'INVALID_INPUT',
      `"${repoId}" is not a Hugging Face repo id (owner/name).`,
    );
  }
  return { owner, name };
}

/** Checks a revision (branch, tag or commit) before it goes into a URL. */
export function assertRevision(revision: string): string {
  if (!/^[A-Za-z0-9._/-]{1,200}$/.test(revision) || revision.split('/').includes('..')) {
    throw new TalariaError('INVALID_INPUT', `"${revision}" is not a valid revision.`);
  }
  return revision;
}

/**
 * Checks a file path that came from the Hub (or a user) before it names anything on disk: a
 * relative POSIX path with no `.`/`..` segments, no backslashes, no NUL or control characters
 * and no drive letter.
 */
export function assertRepoFilePath(path: string): string {
  const bad = (why: string) =>
    new TalariaError('INVALID_INPUT', `Refusing the file name "${printable(path)}": ${why}.`, {
      path: printable(path),
    });
  if (path.length === 0 || path.length > 1024) throw bad('its length is out of range');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) throw bad('it contains control characters');
  if (path.includes('\\')) throw bad('it contains a backslash');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || isAbsolute(path)) {
    throw bad('it is an absolute path');
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) throw bad('it climbs out of the folder with ".."');
  if (segments.some((s) => s === '' || s === '.')) throw bad('it has an empty or "." segment');
  return path;
}

function printable(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

/** `<modelsDir>/<owner>/<name>/<path>` (LM Studio's layout), checked to stay inside modelsDir. */
export function libraryPathFor(modelsDir: string, repoId: string, filePath: string): string {
  const { owner, name } = assertRepoId(repoId);
  const root = resolve(modelsDir);
  const target = resolve(join(root, owner, name, ...assertRepoFilePath(filePath).split('/')));
  const rel = relative(root, target);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
    throw new TalariaError(
      'INVALID_INPUT',
      `Refusing a path outside the models folder: ${filePath}`,
    );
  }
  return target;
}

/** The library folder inside the app's data folder (shared by the app and the CLI). */
export function modelsDirFor(dataDir: string): string {
  return join(resolve(dataDir), 'models');
}

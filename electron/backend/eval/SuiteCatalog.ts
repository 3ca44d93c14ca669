import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TalariaError } from '../../../shared/contract/errors';
import {
  BFCL_CATEGORIES,
  bfclCases,
  parseUserSuite,
  type BfclSuiteFile,
  type EvalCase,
} from '../../../shared/eval';

export interface SuiteInfo {
  name: string;
  source: 'bfcl' | 'user';
  description: string;
  cases: number;
}

export interface SuiteCatalogOptions {
  /** The folder holding BFCL's files (resources/eval/bfcl). */
  bfclDir: string;
  /** Where user suites live: `<data-dir>/eval/suites`. */
  userDir: string;
}

const SUITE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * resources/eval/bfcl, found from this module's file: `electron/backend/eval` in the source
 * tree, `out/main` once built (both below the repository or app root holding `resources/`).
 */
export function defaultBfclDir(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'eval', 'bfcl');
    if (existsSync(join(candidate, 'ATTRIBUTION.md'))) return candidate;
    dir = dirname(dir);
  }
  throw new TalariaError(
    'INTERNAL',
    'The BFCL suites (resources/eval/bfcl) are missing from this installation.',
  );
}

/** The shipped BFCL suites and the user's JSONL suites, loaded on demand and kept once read. */
export class SuiteCatalog {
  private readonly loaded = new Map<string, EvalCase[]>();

  constructor(private readonly options: SuiteCatalogOptions) {}

  list(): SuiteInfo[] {
    const shipped = BFCL_CATEGORIES.map((c) => ({
      name: c.suite,
      source: 'bfcl' as const,
      description: `BFCL ${c.bfcl}: ${c.description}`,
      cases: this.cases(c.suite).length,
    }));
    const user = this.userSuiteNames().map((name) => ({
      name,
      source: 'user' as const,
      description: `Your suite (${join(this.options.userDir, `${name}.jsonl`)})`,
      cases: this.cases(name).length,
    }));
    return [...shipped, ...user];
  }

  /** Every case of one suite; `UNKNOWN_SUITE`-style INVALID_INPUT naming the known ones. */
  cases(name: string): EvalCase[] {
    const cached = this.loaded.get(name);
    if (cached) return cached;
    let cases: EvalCase[];
    if (BFCL_CATEGORIES.some((c) => c.suite === name)) {
      const file = JSON.parse(
        readFileSync(join(this.options.bfclDir, `${name}.json`), 'utf8'),
      ) as BfclSuiteFile;
      cases = bfclCases(file);
    } else if (this.userSuiteNames().includes(name)) {
      cases = parseUserSuite(
        readFileSync(join(this.options.userDir, `${name}.jsonl`), 'utf8'),
        name,
      );
    } else {
      const known = [...BFCL_CATEGORIES.map((c) => c.suite), ...this.userSuiteNames()].join(', ');
      throw new TalariaError('INVALID_INPUT', `No suite named "${name}". Suites: ${known}.`);
    }
    this.loaded.set(name, cases);
    return cases;
  }

  /** Checks a JSONL suite completely and copies it in; returns its name and case count. */
  import(file: string, name?: string): { name: string; cases: number } {
    const suite = name ?? basename(file).replace(/\.jsonl$/i, '');
    if (!SUITE_NAME.test(suite)) {
      throw new TalariaError(
        'INVALID_INPUT',
        `"${suite}" is not a usable suite name: use letters, digits, . _ -.`,
      );
    }
    if (BFCL_CATEGORIES.some((c) => c.suite === suite)) {
      throw new TalariaError(
        'INVALID_INPUT',
        `"${suite}" is a shipped suite: choose another --name.`,
      );
    }
    const text = readFileSync(resolve(file), 'utf8');
    const cases = parseUserSuite(text, suite);
    mkdirSync(this.options.userDir, { recursive: true });
    writeFileSync(join(this.options.userDir, `${suite}.jsonl`), text);
    this.loaded.set(suite, cases);
    return { name: suite, cases: cases.length };
  }

  private userSuiteNames(): string[] {
    if (!existsSync(this.options.userDir)) return [];
    return readdirSync(this.options.userDir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => f.slice(0, -'.jsonl'.length))
      .filter((n) => SUITE_NAME.test(n))
      .sort();
  }
}

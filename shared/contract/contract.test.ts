import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appMethods } from './app';
import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { MAX_PAGE_LIMIT } from './define';
import { engineMethods } from './engine';
import { ERROR_CODES } from './errors';
import { contract } from './index';
import { libraryMethods } from './library';
import { personaMethods } from './personas';
import { toolMethods } from './tools';

const domains: Record<string, object> = {
  'app.ts': appMethods,
  'chat.ts': chatMethods,
  'conversations.ts': conversationMethods,
  'engine.ts': engineMethods,
  'library.ts': libraryMethods,
  'personas.ts': personaMethods,
  'tools.ts': toolMethods,
};

/** The doc comment written right above each method's key in a domain file, by method name. */
function docComments(file: string): Map<string, string> {
  const source = readFileSync(join(import.meta.dirname, file), 'utf8');
  const docs = new Map<string, string>();
  const key = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*'([a-zA-Z]+\.[a-zA-Z]+)': method\(/g;
  for (const match of source.matchAll(key))
    docs.set(match[2]!, match[1]!.replace(/\s*\*\s*/g, ' ').trim());
  return docs;
}

const names = Object.keys(contract);

describe('the contract', () => {
  it('declares each method in exactly one domain file', () => {
    const declared = Object.values(domains).flatMap((methods) => Object.keys(methods));
    expect(declared).toHaveLength(new Set(declared).size);
    expect(declared.sort()).toEqual([...names].sort());
  });

  it('gives every method a params schema, a result schema and known error codes', () => {
    for (const [name, decl] of Object.entries(contract)) {
      expect(decl.params, name).toBeInstanceOf(z.ZodType);
      expect(decl.result, name).toBeInstanceOf(z.ZodType);
      for (const code of decl.errors) expect(ERROR_CODES, name).toContain(code);
    }
  });

  it('documents every method with a doc comment, naming each error code it declares', () => {
    const undocumented: string[] = [];
    for (const [file, methods] of Object.entries(domains)) {
      const docs = docComments(file);
      for (const [name, decl] of Object.entries(methods) as [string, { errors: string[] }][]) {
        const doc = docs.get(name);
        if (!doc) {
          undocumented.push(name);
          continue;
        }
        for (const code of decl.errors) expect(doc, `${name} documents ${code}`).toContain(code);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it('pages every list method with a bounded limit', () => {
    const lists = names.filter((name) => name.endsWith('.list'));
    expect(lists.length).toBeGreaterThan(5);
    for (const name of lists) {
      const { params } = contract[name as keyof typeof contract];
      const base = name === 'tools.list' ? { conversationId: 'c1' } : {};
      expect(params.safeParse({ ...base, limit: MAX_PAGE_LIMIT }).success, name).toBe(true);
      expect(params.safeParse({ ...base, limit: MAX_PAGE_LIMIT + 1 }).success, name).toBe(false);
      expect(params.safeParse({ ...base, offset: 10 }).success, name).toBe(true);
    }
  });

  it('validates card and lorebook shapes instead of accepting any object', () => {
    const save = contract['characters.save'].params;
    expect(save.safeParse({ card: { anything: true } }).success).toBe(false);
    const book = contract['lorebooks.save'].params;
    expect(book.safeParse({ name: 'World', book: { entries: 'no' } }).success).toBe(false);
    expect(book.safeParse({ name: 'World', book: { extensions: {}, entries: [] } }).success).toBe(
      true,
    );
  });
});

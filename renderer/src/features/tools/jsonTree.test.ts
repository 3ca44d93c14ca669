import { describe, expect, it } from 'vitest';
import {
  buildJsonTree,
  collapsedSummary,
  initiallyCollapsed,
  isBranch,
  prettyJson,
} from './jsonTree';

describe('buildJsonTree', () => {
  it('turns leaves into JSON text', () => {
    expect(buildJsonTree('Paris')).toMatchObject({ kind: 'string', text: '"Paris"', key: null });
    expect(buildJsonTree(4.5)).toMatchObject({ kind: 'number', text: '4.5' });
    expect(buildJsonTree(false)).toMatchObject({ kind: 'boolean', text: 'false' });
    expect(buildJsonTree(null)).toMatchObject({ kind: 'null', text: 'null' });
    expect(buildJsonTree('say "hi"\n').text).toBe('"say \\"hi\\"\\n"');
  });

  it('keeps object keys and array indexes with JSON Pointer paths', () => {
    const tree = buildJsonTree({ city: 'Oslo', 'a/b': [1, { x: true }] });
    expect(tree.kind).toBe('object');
    expect(tree.children.map((c) => [c.key, c.path, c.index])).toEqual([
      ['city', '/city', false],
      ['a/b', '/a~1b', false],
    ]);
    const list = tree.children[1]!;
    expect(list.kind).toBe('array');
    expect(list.children.map((c) => [c.key, c.path, c.index])).toEqual([
      ['0', '/a~1b/0', true],
      ['1', '/a~1b/1', true],
    ]);
    expect(list.children[1]?.children[0]).toMatchObject({
      key: 'x',
      kind: 'boolean',
      text: 'true',
    });
  });
});

describe('collapsedSummary and isBranch', () => {
  it('counts keys and items, singular and plural', () => {
    expect(collapsedSummary(buildJsonTree({ a: 1 }))).toBe('{1 key}');
    expect(collapsedSummary(buildJsonTree({ a: 1, b: 2 }))).toBe('{2 keys}');
    expect(collapsedSummary(buildJsonTree([1]))).toBe('[1 item]');
    expect(collapsedSummary(buildJsonTree([]))).toBe('[]');
    expect(collapsedSummary(buildJsonTree({}))).toBe('{}');
    expect(isBranch(buildJsonTree({}))).toBe(false);
    expect(isBranch(buildJsonTree([0]))).toBe(true);
    expect(isBranch(buildJsonTree('x'))).toBe(false);
  });
});

describe('initiallyCollapsed', () => {
  it('collapses branches below the given depth, and those inside them', () => {
    const tree = buildJsonTree({ a: { b: { c: { d: 1 } } }, e: [1, 2] });
    expect([...initiallyCollapsed(tree, 2)]).toEqual(['/a/b', '/a/b/c']);
    expect([...initiallyCollapsed(tree, 1)].sort()).toEqual(['/a', '/a/b', '/a/b/c', '/e']);
  });

  it('collapses long arrays below the root', () => {
    const tree = buildJsonTree({ items: Array.from({ length: 30 }, (_, i) => i) });
    expect(initiallyCollapsed(tree, 5).has('/items')).toBe(true);
    expect(initiallyCollapsed(buildJsonTree([1, 2, 3]), 5).size).toBe(0);
  });
});

describe('prettyJson', () => {
  it('indents with two spaces and prints undefined as null', () => {
    expect(prettyJson({ a: [1] })).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson(undefined)).toBe('null');
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './router';

describe('hash routes', () => {
  const cases: [string, Route][] = [
    ['', { screen: 'chat', conversationId: null }],
    ['#/chat', { screen: 'chat', conversationId: null }],
    ['#/chat/abc-123', { screen: 'chat', conversationId: 'abc-123' }],
    ['#/models', { screen: 'models', repoId: null }],
    [
      '#/models/NousResearch/Hermes-3-Llama-3.2-3B-GGUF',
      { screen: 'models', repoId: 'NousResearch/Hermes-3-Llama-3.2-3B-GGUF' },
    ],
    ['#/characters', { screen: 'characters', characterId: null }],
    ['#/characters/new', { screen: 'characters', characterId: 'new' }],
    ['#/characters/a%2Fb c', { screen: 'characters', characterId: 'a/b c' }],
    ['#/lorebooks', { screen: 'lorebooks', lorebookId: null }],
    ['#/lorebooks/book-7', { screen: 'lorebooks', lorebookId: 'book-7' }],
    ['#/nonsense/here', { screen: 'chat', conversationId: null }],
  ];
  it.each(cases)('parses %s', (hash, route) => expect(parseRoute(hash)).toEqual(route));

  it('round-trips every route through its hash', () => {
    for (const [, route] of cases) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});

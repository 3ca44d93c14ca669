import { describe, expect, it } from 'vitest';
import { hostOf, isFollowableUrl } from './urls';

describe('isFollowableUrl', () => {
  it.each([
    'https://example.com/a?b=c',
    'http://example.com',
    'mailto:someone@example.com',
    'HTTPS://EXAMPLE.COM',
  ])('follows %s', (url) => expect(isFollowableUrl(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox',
    'file:///etc/passwd',
    '#/chat/other',
    '/relative',
    '//evil.example/x',
    'https:/\\evil.example',
    'http:///evil',
    '',
    undefined,
    null,
  ])('refuses %s', (url) => expect(isFollowableUrl(url)).toBe(false));

  it('names the host', () => {
    expect(hostOf('https://example.com:8080/x')).toBe('example.com:8080');
    expect(hostOf('mailto:a@b.c')).toBe('');
  });
});

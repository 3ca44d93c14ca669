import { describe, expect, it } from 'vitest';
import { exportFileName } from './fileName';

describe('exportFileName', () => {
  it('reduces a title to a safe slug with the format extension', () => {
    expect(exportFileName('Regex help: \\d+ & more!', 'md')).toBe('regex-help-d-more.md');
    expect(exportFileName('Café à Paris', 'json')).toBe('cafe-a-paris.json');
    expect(exportFileName('../../etc/passwd', 'json')).toBe('etc-passwd.json');
    expect(exportFileName('...', 'md')).toBe('conversation.md');
    expect(exportFileName('東京の天気', 'md')).toBe('東京の天気.md');
    expect(exportFileName('x'.repeat(200), 'md')).toBe(`${'x'.repeat(60)}.md`);
  });
});

import type { Mermaid } from 'mermaid';
import { sanitizeSvg, stripMermaidConfig } from './sanitizeSvg';

/** Longer diagram sources are shown as code, never laid out. */
export const MAX_DIAGRAM_CHARS = 20_000;

/** Settings diagram text can never change (Mermaid's `secure` list). */
const SECURE_KEYS = [
  'secure',
  'securityLevel',
  'startOnLoad',
  'maxTextSize',
  'maxEdges',
  'htmlLabels',
  'flowchart',
  'theme',
  'themeCSS',
  'themeVariables',
  'fontFamily',
  'altFontFamily',
  'darkMode',
  'dompurifyConfig',
  'arrowMarkerAbsolute',
  'suppressErrorRendering',
  'layout',
  'look',
];

export type DiagramResult = { svg: string } | { error: string };

/**
 * Renders Mermaid diagrams one at a time (Mermaid keeps global state) in strict mode without
 * HTML labels, and sanitizes the SVG before it reaches the page. Mermaid (~2 MB) is loaded the
 * first time a diagram is shown, and only for a finished message.
 */
export class MermaidRenderer {
  private api: Promise<Mermaid> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private theme: 'default' | 'dark' | null = null;
  private counter = 0;
  private readonly cache = new Map<string, DiagramResult>();

  constructor(private readonly window: Window & typeof globalThis) {}

  render(code: string, dark: boolean): Promise<DiagramResult> {
    const key = `${dark ? 'd' : 'l'}:${code}`;
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const job = this.queue.then(() => this.renderNow(code, dark));
    this.queue = job.catch(() => undefined);
    return job.then((result) => {
      if (this.cache.size > 100) this.cache.clear();
      this.cache.set(key, result);
      return result;
    });
  }

  private async renderNow(code: string, dark: boolean): Promise<DiagramResult> {
    if (code.length > MAX_DIAGRAM_CHARS) return { error: 'This diagram is too large to draw.' };
    const mermaid = await this.load();
    const theme = dark ? 'dark' : 'default';
    if (this.theme !== theme) {
      mermaid.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        htmlLabels: false,
        flowchart: { htmlLabels: false },
        theme,
        fontFamily: 'ui-sans-serif, system-ui, sans-serif',
        maxTextSize: MAX_DIAGRAM_CHARS,
        maxEdges: 500,
        suppressErrorRendering: true,
        secure: SECURE_KEYS,
      });
      this.theme = theme;
    }
    const id = `talaria-diagram-${++this.counter}`;
    try {
      const { svg } = await mermaid.render(id, stripMermaidConfig(code));
      const clean = sanitizeSvg(svg, this.window);
      return clean ? { svg: clean } : { error: 'The diagram could not be drawn safely.' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { error: message.split('\n')[0] || 'The diagram has a syntax error.' };
    } finally {
      // A failed render can leave its scratch element behind.
      this.window.document.getElementById(`d${id}`)?.remove();
      this.window.document.getElementById(id)?.remove();
    }
  }

  private load(): Promise<Mermaid> {
    this.api ??= import('mermaid').then((m) => m.default);
    return this.api;
  }
}

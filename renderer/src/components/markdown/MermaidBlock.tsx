import { useEffect, useState, type ReactNode } from 'react';
import { useMarkdownEnv } from './context';
import { CodeBlock, textOf } from './CodeBlock';
import type { DiagramResult } from './MermaidRenderer';

/**
 * A ```mermaid block of a finished message: drawn by the sanitizing renderer, with its source a
 * click away. While the message streams (or without a renderer) it stays a code block.
 */
export function MermaidBlock({ children }: { children: ReactNode }) {
  const { mermaid, dark } = useMarkdownEnv();
  const code = textOf(children);
  const [result, setResult] = useState<{ key: string; value: DiagramResult } | null>(null);
  const [showCode, setShowCode] = useState(false);
  const key = `${dark}:${code}`;

  useEffect(() => {
    if (!mermaid) return;
    let cancelled = false;
    // After the browser is idle: drawing never competes with streaming or scrolling.
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 1));
    const cancelIdle = window.cancelIdleCallback ?? window.clearTimeout;
    const handle = idle(() => {
      void mermaid.render(code, dark).then((value) => {
        if (!cancelled) setResult({ key, value });
      });
    });
    return () => {
      cancelled = true;
      cancelIdle(handle);
    };
  }, [mermaid, code, dark, key]);

  const current = result?.key === key ? result.value : null;
  const toggle = current && 'svg' in current && (
    <button
      type="button"
      onClick={() => setShowCode((v) => !v)}
      className="rounded px-1 hover:text-fg focus-visible:ring-2 focus-visible:ring-accent/70 focus-visible:outline-none"
    >
      {showCode ? 'Show diagram' : 'Show code'}
    </button>
  );
  const status = !mermaid ? null : !current ? (
    <span>Drawing…</span>
  ) : 'error' in current ? (
    <span className="text-danger" title={current.error}>
      Diagram error
    </span>
  ) : (
    toggle
  );

  if (current && 'svg' in current && !showCode) {
    return (
      <div className="md-code md-diagram-frame overflow-hidden rounded-lg border border-line">
        <div className="flex h-7 items-center justify-between border-b border-line pr-2 pl-3 text-[11px] text-subtle">
          <span className="font-mono">mermaid</span>
          {toggle}
        </div>
        <div
          className="md-diagram overflow-x-auto p-3"
          data-testid="mermaid-diagram"
          role="img"
          aria-label="Diagram"
          // The SVG comes from Mermaid in strict mode and passed sanitizeSvg (DOMPurify).
          dangerouslySetInnerHTML={{ __html: current.svg }}
        />
      </div>
    );
  }
  return (
    <CodeBlock language="mermaid" note={status}>
      {children}
    </CodeBlock>
  );
}

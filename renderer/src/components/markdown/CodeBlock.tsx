import { Children, isValidElement, type ReactNode } from 'react';
import { CopyButton } from '../CopyButton';

export function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

/** The fence's language (`language-ts` → ts), from the code element inside a <pre>. */
export function languageOf(children: ReactNode): string | null {
  const code = Children.toArray(children)[0];
  if (!isValidElement<{ className?: string }>(code)) return null;
  const match = /(?:^|\s)language-([\w+#.-]+)/.exec(code.props.className ?? '');
  return match?.[1] ?? null;
}

/** A fenced code block: language label, copy button, highlighted code. */
export function CodeBlock({
  language,
  children,
  note,
}: {
  language: string | null;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <div
      className="md-code overflow-hidden rounded-lg border border-line bg-sunken"
      data-testid="code-block"
    >
      <div className="flex h-7 items-center justify-between gap-2 border-b border-line pr-1 pl-3 text-[11px] text-subtle">
        <span className="truncate font-mono" data-testid="code-language">
          {language ?? 'text'}
        </span>
        <span className="flex shrink-0 items-center gap-2">
          {note}
          <CopyButton text={textOf(children).replace(/\n$/, '')} label="Copy code" />
        </span>
      </div>
      <pre>{children}</pre>
    </div>
  );
}

import { Children, isValidElement, memo, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { CopyButton } from './CopyButton';
import { Icon } from './Icon';

/**
 * Only absolute web and mail links may be followed. Anything else (javascript:, data:, relative
 * paths that would navigate the app itself) is shown as plain text.
 */
export function isFollowableUrl(url: string | undefined | null): url is string {
  return typeof url === 'string' && /^(https?:\/\/|mailto:)/i.test(url.trim());
}

function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return textOf(node.props.children);
  return '';
}

function languageOf(children: ReactNode): string | null {
  const code = Children.toArray(children)[0];
  if (!isValidElement<{ className?: string }>(code)) return null;
  const match = /language-([\w+#.-]+)/.exec(code.props.className ?? '');
  return match?.[1] ?? null;
}

const components: Components = {
  a({ href, children }) {
    if (!isFollowableUrl(href)) return <span className="md-dead-link">{children}</span>;
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {children}
      </a>
    );
  },
  // Remote images would reveal the user to a third party: show where it points, never fetch.
  img({ src, alt }) {
    const label = alt?.trim() || 'image';
    const url = typeof src === 'string' ? src : undefined;
    const body = (
      <>
        <Icon name="image" size={13} />
        <span className="truncate">{label}</span>
        <span className="text-subtle">· not loaded</span>
      </>
    );
    const chip =
      'inline-flex max-w-full items-center gap-1.5 rounded border border-line bg-sunken px-1.5 py-0.5 align-middle text-xs not-italic';
    return isFollowableUrl(url) ? (
      <a
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        title={`Open ${url} in the browser`}
        className={`${chip} md-chip`}
      >
        {body}
      </a>
    ) : (
      <span className={chip} title="Image not loaded">
        {body}
      </span>
    );
  },
  pre({ children }) {
    const language = languageOf(children);
    return (
      <div className="md-code overflow-hidden rounded-lg border border-line bg-sunken">
        <div className="flex h-7 items-center justify-between border-b border-line pr-1 pl-3 text-[11px] text-subtle">
          <span className="font-mono">{language ?? 'text'}</span>
          <CopyButton text={textOf(children).replace(/\n$/, '')} label="Copy code" />
        </div>
        <pre>{children}</pre>
      </div>
    );
  },
};

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeSanitize];

interface MarkdownProps {
  text: string;
  streaming?: boolean;
  className?: string;
}

/** Model output as markdown: GFM, sanitized, never raw HTML. */
export const Markdown = memo(function Markdown({ text, streaming, className = '' }: MarkdownProps) {
  return (
    <div className={`md ${streaming ? 'md-streaming' : ''} ${className}`}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});

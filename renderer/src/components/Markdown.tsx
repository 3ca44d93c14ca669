import { memo, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import './markdown/katex.css';
import './markdown/rich.css';
import { CodeBlock, languageOf } from './markdown/CodeBlock';
import { MermaidBlock } from './markdown/MermaidBlock';
import { rehypePlugins, remarkPlugins } from './markdown/pipeline';
import { splitBlocks } from './markdown/splitBlocks';
import { hostOf, isFollowableUrl } from './markdown/urls';
import { useThrottledValue } from './markdown/useThrottledValue';
import { Icon } from './Icon';

export { isFollowableUrl } from './markdown/urls';

/** How often a streaming reply's markdown is re-rendered (ms). */
const STREAM_RENDER_INTERVAL_MS = 50;

const link: Components['a'] = ({ href, children }) => {
  if (!isFollowableUrl(href)) {
    return (
      <span className="md-dead-link" title="Link not followed: only web and mail links open">
        {children}
      </span>
    );
  }
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      referrerPolicy="no-referrer"
      title={`Opens ${hostOf(href) || href} in your browser`}
    >
      {children}
    </a>
  );
};

// A remote image would tell a third party that this message was read: nothing is fetched; the
// chip opens the address in the browser only when the user clicks it.
const image: Components['img'] = ({ src, alt }) => {
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
  return isFollowableUrl(url) && !url.startsWith('mailto:') ? (
    <a
      href={url}
      target="_blank"
      rel="noopener noreferrer nofollow"
      referrerPolicy="no-referrer"
      title={`Image not loaded. Open ${hostOf(url)} in the browser`}
      className={`${chip} md-chip`}
      data-testid="blocked-image"
    >
      {body}
    </a>
  ) : (
    <span className={chip} title="Image not loaded" data-testid="blocked-image">
      {body}
    </span>
  );
};

function components(diagrams: boolean): Components {
  return {
    a: link,
    img: image,
    pre({ children }) {
      const language = languageOf(children);
      if (diagrams && language === 'mermaid') return <MermaidBlock>{children}</MermaidBlock>;
      return <CodeBlock language={language}>{children}</CodeBlock>;
    },
  };
}

const FINAL = components(true);
// While streaming, a diagram is still being written: show its source.
const LIVE = components(false);

const Block = memo(function Block({ text, live }: { text: string; live: boolean }) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={live ? LIVE : FINAL}
    >
      {text}
    </ReactMarkdown>
  );
});

interface MarkdownProps {
  text: string;
  streaming?: boolean;
  className?: string;
}

/**
 * Model and imported text as markdown: GFM, KaTeX math, highlighted code, Mermaid diagrams;
 * sanitized, never raw HTML, no remote fetches. While streaming, the text is re-rendered at most
 * every 50 ms and only its last block is parsed again (finished blocks are memoized).
 */
export const Markdown = memo(function Markdown({ text, streaming, className = '' }: MarkdownProps) {
  const live = streaming === true;
  const shown = useThrottledValue(text, STREAM_RENDER_INTERVAL_MS, live);
  const blocks = useMemo(() => (live ? splitBlocks(shown) : null), [live, shown]);
  return (
    <div className={`md ${live ? 'md-streaming' : ''} ${className}`}>
      {blocks ? (
        blocks.map((block, i) => <Block key={i} text={block} live />)
      ) : (
        <Block text={shown} live={false} />
      )}
    </div>
  );
});

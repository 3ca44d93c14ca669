import { memo, useMemo } from 'react';
import { Icon } from '../../components/Icon';
import { Markdown } from '../../components/Markdown';
import { splitSections, type ReplySegment } from './xmlSections';

interface SectionedMarkdownProps {
  text: string;
  streaming?: boolean;
  className?: string;
}

function Section({
  segment,
  streaming,
}: {
  segment: Extract<ReplySegment, { kind: 'section' }>;
  streaming: boolean;
}) {
  const writing = streaming && !segment.closed;
  return (
    <details
      data-testid="reply-section"
      data-tag={segment.tag}
      open={writing || undefined}
      className="group/section my-2 rounded-lg border border-line bg-sunken/40 open:bg-sunken/30"
    >
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-1.5 text-[12px] font-medium text-muted select-none hover:text-fg [&::-webkit-details-marker]:hidden">
        <Icon
          name="chevronRight"
          size={12}
          className="transition-transform group-open/section:rotate-90"
        />
        <span>{segment.title}</span>
        <span className="font-mono text-[10.5px] text-subtle">&lt;{segment.tag}&gt;</span>
        {writing && <span className="ml-auto text-[11px] text-subtle">writing…</span>}
      </summary>
      <div className="border-t border-line px-3 py-2 text-[13px] text-muted">
        <SectionedMarkdown text={segment.body} streaming={writing} />
      </div>
    </details>
  );
}

/**
 * A reply as markdown, with the Hermes XML sections (`<scratch_pad>`, `<thinking>` …) drawn as
 * collapsible blocks; each block's body is markdown too (and may hold further sections).
 */
export const SectionedMarkdown = memo(function SectionedMarkdown({
  text,
  streaming = false,
  className = '',
}: SectionedMarkdownProps) {
  const segments = useMemo(() => splitSections(text, { streaming }), [text, streaming]);
  if (segments.length === 1 && segments[0]?.kind === 'text') {
    return <Markdown text={text} streaming={streaming} className={className} />;
  }
  return (
    <div className={className}>
      {segments.map((segment, i) => {
        const last = i === segments.length - 1;
        return segment.kind === 'text' ? (
          <Markdown key={i} text={segment.text} streaming={streaming && last} />
        ) : (
          <Section key={i} segment={segment} streaming={streaming && last} />
        );
      })}
    </div>
  );
});

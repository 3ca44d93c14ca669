import type { Options as MarkdownOptions } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

type PluggableList = NonNullable<MarkdownOptions['rehypePlugins']>;

/** The parts of a hast node this file reads. */
interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function walk(node: HastNode, visit: (element: HastNode) => void): void {
  if (node.type === 'element') visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** Longer code blocks are shown without highlighting: it costs time and adds little there. */
export const MAX_HIGHLIGHT_CHARS = 20_000;
/** Longer math is shown as its source instead of being typeset. */
export const MAX_MATH_CHARS = 4_000;

/**
 * GitHub's sanitizing rules plus the classes math needs to reach KaTeX. Sanitizing runs first,
 * on the markdown's own tree; KaTeX and the highlighter run after it on what survived, and
 * their output is trusted (KaTeX with `trust: false` emits no links, no HTML and no URLs).
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
};

/** KaTeX without \href, \url, \includegraphics or \html*; macro expansion and sizes bounded. */
export const katexOptions = {
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 10,
  throwOnError: false,
  output: 'htmlAndMathml',
} as const;

function classes(node: HastNode): string[] {
  const value = node.properties?.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Marks code the highlighter should skip and math too long to typeset. */
function rehypeLimits() {
  return (tree: HastNode) => {
    walk(tree, (node) => {
      if (node.tagName !== 'code' || !node.properties) return;
      const list = classes(node);
      const text = (node.children ?? []).map((c) => c.value ?? '').join('');
      const math = list.includes('language-math');
      if (math && text.length > MAX_MATH_CHARS) {
        node.properties.className = ['math-too-long'];
      } else if (!math && text.length > MAX_HIGHLIGHT_CHARS) {
        node.properties.className = [...list, 'no-highlight'];
      }
    });
  };
}

export const remarkPlugins: PluggableList = [remarkGfm, remarkMath];

export const rehypePlugins: PluggableList = [
  [rehypeSanitize, sanitizeSchema],
  rehypeLimits,
  [rehypeKatex, katexOptions],
  [rehypeHighlight, { detect: false, plainText: ['mermaid', 'text', 'txt', 'plain'] }],
];

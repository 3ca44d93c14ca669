import createDOMPurify from 'dompurify';

/**
 * A link inside the diagram may only point inside it (`#marker`); anything else — remote files,
 * `javascript:` — is dropped, and so is any `url(…)` that does not name an element of the SVG.
 */
const LOCAL_REF = /^#[\w-]*$/;
const LOCAL_URL = /^url\(\s*['"]?#[\w-]*['"]?\s*\)$/i;
const REMOTE_CSS = /@import|@font-face|expression\s*\(|url\s*\(\s*(?!['"]?#)/i;

/**
 * Sanitizes the SVG text Mermaid produced: DOMPurify's SVG profile (no script, no event
 * handlers, no HTML), no foreignObject, images, `use`, links or SMIL animation, local
 * references only, and no style that could fetch. Returns '' when nothing safe is left.
 * A fresh DOMPurify instance per call, so these hooks never touch Mermaid's own sanitizing.
 */
export function sanitizeSvg(svg: string, window: Window & typeof globalThis): string {
  const purify = createDOMPurify(window);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if (name === 'href' || name === 'xlink:href' || name === 'src') {
      if (!LOCAL_REF.test(value)) data.keepAttr = false;
    } else if (name === 'style') {
      if (REMOTE_CSS.test(value)) data.keepAttr = false;
    } else if (/url\s*\(/i.test(value) && !LOCAL_URL.test(value)) {
      data.keepAttr = false;
    }
  });
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && REMOTE_CSS.test(node.textContent ?? '')) node.textContent = '';
  });
  const clean = purify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    FORBID_TAGS: ['foreignObject', 'script', 'image', 'use', 'a', 'iframe', 'animate', 'set'],
    ALLOW_DATA_ATTR: false,
  });
  return typeof clean === 'string' && clean.trimStart().startsWith('<svg') ? clean : '';
}

/**
 * Removes what lets diagram text change Mermaid's configuration: `%%{init: …}%%` directives and
 * YAML front matter. The renderer's own settings (strict security, no HTML labels) then hold.
 */
export function stripMermaidConfig(code: string): string {
  return code.replace(/^\s*---\n[\s\S]*?\n---\s*\n/, '').replace(/%%\{[\s\S]*?\}%%/g, '');
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './support/hostProcess';
import { shot } from './support/shots';

const PWN = 'window.__pwned=1';

/** OWASP XSS filter-evasion cheat sheet style payloads, as raw HTML inside markdown. */
const HTML_PAYLOADS = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `<IMG SRC="javascript:${PWN}">`,
  `<svg onload=${PWN}>`,
  `<svg><script>${PWN}</script></svg>`,
  `<iframe src="javascript:${PWN}"></iframe>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  `<body onload=${PWN}>`,
  `<details open ontoggle=${PWN}>`,
  `<input autofocus onfocus=${PWN}>`,
  `<object data="javascript:${PWN}"></object>`,
  `<embed src="data:text/html,<script>${PWN}</script>">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>`,
  `<a href="javas&#99;ript:${PWN}">entity link</a>`,
  `<link rel=stylesheet href="https://evil.example/x.css">`,
  `<style>@import 'https://evil.example/x.css'; body{background:url(https://evil.example/bg)}</style>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${PWN}">`,
  `<base href="https://evil.example/">`,
  `<form action="https://evil.example"><button>go</button></form>`,
  `<video><source onerror="${PWN}"></video>`,
  `<audio src=x onerror=${PWN}>`,
  `<div style="background:url(https://evil.example/css)">styled</div>`,
  '<img src="https://evil.example/pixel.png">',
  `"><script>${PWN}</script>`,
  `'';!--"<XSS>=&{()}`,
].join('\n\n');

const MARKDOWN_PAYLOADS = [
  `[plain js](javascript:${PWN})`,
  `[upper](JaVaScRiPt:${PWN})`,
  `[tab](java\tscript:${PWN})`,
  `[entity](&#106;avascript:${PWN})`,
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)',
  '[vb](vbscript:msgbox(1))',
  '[app route](#/chat/someone-else)',
  `<javascript:${PWN}>`,
  `[ref link][evil]\n\n[evil]: javascript:${PWN}`,
  '![tracker](https://evil.example/track.png)',
  '![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  `![x](x" onerror="${PWN})`,
  '```html\n<script>window.__pwned=1</script>\n```',
  '```"><img src=x onerror=window.__pwned=1>\ncode with a hostile language name\n```',
].join('\n\n');

const KATEX_PAYLOADS = [
  `$\\href{javascript:${PWN}}{click me}$`,
  `$\\url{javascript:${PWN}}$`,
  '$\\includegraphics{https://evil.example/img.png}$',
  '$\\htmlData{foo=bar}{x}$ and $\\htmlClass{evil}{y}$ and $\\htmlStyle{background:url(https://evil.example/k)}{z}$',
  '$\\htmlId{pwn}{w}$',
  '$$\\def\\a{\\a\\a}\\a$$',
  '$$\\color{red;background:url(https://evil.example/c)}{x}$$',
  '$\\rule{100000em}{100000em}$',
].join('\n\n');

const MERMAID_PAYLOADS = [
  '```mermaid',
  '%%{init: {"securityLevel": "loose", "htmlLabels": true, "themeCSS": "@import url(https://evil.example/m.css);"}}%%',
  'graph TD',
  `  A["<img src=x onerror=${PWN}>"] --> B["<script>${PWN}</script>"]`,
  '  B --> C[<a href="javascript:window.__pwned=1">link</a>]',
  `  click A call alert(1)`,
  `  click B href "javascript:${PWN}"`,
  '  style C fill:url(https://evil.example/f)',
  '```',
  '',
  '```mermaid',
  '---',
  'config:',
  '  securityLevel: loose',
  '  themeCSS: "@font-face{font-family:x;src:url(https://evil.example/font.woff)}"',
  '---',
  'sequenceDiagram',
  `  Alice->>Bob: <img src=x onerror=${PWN}>`,
  '  Note right of Bob: <script>window.__pwned=1</script>',
  '```',
].join('\n');

function hostileConversation() {
  const t = 1_750_000_000_000;
  const message = (id: string, parentId: string | null, role: string, content: string) => ({
    id,
    parentId,
    role,
    content,
    status: 'complete',
    error: null,
    model: role === 'assistant' ? `<img src=x onerror="${PWN}">.gguf` : null,
    createdAt: t + Number(id.slice(1)),
    updatedAt: t,
  });
  return {
    format: 'talaria.conversation',
    version: 1,
    exportedAt: t,
    conversation: {
      id: 'hostile',
      title: `<img src=x onerror="${PWN}"> Hostile <script>${PWN}</script>`,
      systemPrompt: `<script>${PWN}</script>`,
      sampling: {},
      createdAt: t,
      updatedAt: t,
      activeLeafId: 'm5',
      pinned: false,
    },
    messages: [
      message('m0', null, 'user', HTML_PAYLOADS),
      message('m1', 'm0', 'assistant', `# HTML\n\n${HTML_PAYLOADS}`),
      message('m2', 'm1', 'user', MARKDOWN_PAYLOADS),
      message('m3', 'm2', 'assistant', `# Markdown\n\n${MARKDOWN_PAYLOADS}`),
      message('m4', 'm3', 'tool', `<script>${PWN}</script>`),
      message(
        'm5',
        'm4',
        'assistant',
        `# Math\n\n${KATEX_PAYLOADS}\n\n# Diagrams\n\n${MERMAID_PAYLOADS}`,
      ),
    ],
    stats: [],
  };
}

// Page scripts are text: the e2e project is type-checked without the DOM library.
// Resource loads the Content-Security-Policy blocked: any means markup got further than it should.
// Inline-handler reports ('script-src-attr') are left out: a sanitizer parsing hostile text in
// an inert DOMParser document triggers them by design (nothing runs; the live DOM is checked
// for handlers separately below).
const RECORD_VIOLATIONS = `
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.violatedDirective === 'script-src-attr') return;
    (window.__violations ??= []).push(event.violatedDirective + ' ' + event.blockedURI);
  });`;

interface PageState {
  pwned: unknown;
  violations: string[];
  scripts: number;
  foreignObjects: number;
  images: (string | null)[];
  hrefs: (string | null)[];
  handlers: string[];
  location: string;
}

const INSPECT_PAGE = `(() => {
  const all = [...document.querySelectorAll('#root *')];
  return {
    pwned: window.__pwned ?? null,
    violations: window.__violations ?? [],
    scripts: document.querySelectorAll('#root script, #root iframe, #root object, #root embed')
      .length,
    foreignObjects: document.querySelectorAll('#root foreignObject').length,
    images: [...document.querySelectorAll('#root img, #root image')].map(
      (i) => i.getAttribute('src') ?? i.getAttribute('href'),
    ),
    hrefs: [...document.querySelectorAll('#root a[href]')].map((a) => a.getAttribute('href')),
    handlers: all.flatMap((el) =>
      [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
    ),
    location: window.location.href,
  };
})()`;

test.describe('hostile content', () => {
  let host: RunningHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    host = null;
  });

  test('an imported XSS conversation renders inert: no script, no dialog, no outside request', async ({
    page,
  }) => {
    host = await startHost({ dataDir: mkdtempSync(join(tmpdir(), 'talaria-e2e-')) });
    const origin = new URL(host.url).origin;
    const outside: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) {
        outside.push(url);
      }
    });
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).host !== new URL(origin).host) outside.push(socket.url());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('popup', (popup) => outside.push(`popup ${popup.url()}`));
    await page.addInitScript(RECORD_VIOLATIONS);

    await page.goto(host.url);
    await page.getByTestId('open-settings').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('settings-import').click();
    await (
      await chooser
    ).setFiles({
      name: 'hostile.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(hostileConversation())),
    });
    await expect(page.getByTestId('toast')).toContainText('Imported 1 conversation');
    await page.keyboard.press('Escape');

    const title = page.getByTestId('chat-title');
    await expect(title).toContainText('Hostile');
    await expect(title).toContainText('<img src=x');
    const list = page.getByTestId('message-list');
    // Both diagrams finish (drawn or refused) before anything is checked.
    const last = page.locator('[data-testid="message"][data-role="assistant"]').last();
    await expect(last.locator('.katex').first()).toBeVisible();
    await expect(last.getByText(/Drawing…/)).toHaveCount(0, { timeout: 30_000 });
    await shot(page, 'hostile-math-diagrams');

    // Walk the whole conversation so every message mounts and renders.
    for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
      await list.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
      await page.waitForTimeout(400);
    }
    await list.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(400);
    await shot(page, 'hostile-html');
    // Hover every link and button-looking thing that survived; click the non-web links.
    const deadLinks = page.locator('.md-dead-link');
    expect(await deadLinks.count()).toBeGreaterThan(3);
    for (const link of await deadLinks.all()) await link.click({ force: true });

    const state = (await page.evaluate(INSPECT_PAGE)) as PageState;
    expect(state.pwned).toBeNull();
    expect(dialogs).toEqual([]);
    expect(outside).toEqual([]);
    expect(state.violations).toEqual([]);
    expect(state.scripts).toBe(0);
    expect(state.foreignObjects).toBe(0);
    expect(state.images).toEqual([]);
    expect(state.handlers).toEqual([]);
    for (const href of state.hrefs) expect(href).toMatch(/^(https?:\/\/|mailto:|#)/);
    expect(state.hrefs.filter((h) => h?.startsWith('#'))).toEqual([]);
    expect(state.location.startsWith(origin)).toBe(true);
    // The text is still there to read.
    await expect(page.locator('[data-testid="message"]').first()).toContainText(
      '<script>window.__pwned=1</script>',
    );
  });
});

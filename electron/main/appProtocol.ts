import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../host/staticFiles';

/** The renderer's origin in the desktop app: a privileged custom scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'talaria';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The shell serves the renderer with the same Content-Security-Policy as the headless host. */
export const SHELL_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Whether a URL is the app's own page: total (never throws), so a malformed or odd URL such as
 * `file://host/x` is simply untrusted and navigation to it is prevented.
 */
export function isTrustedUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The file under `rendererDir` an app:// URL names, or null for anything outside it. */
export function appFileFor(rendererDir: string, url: string): string | null {
  if (!isTrustedUrl(url)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = normalize(join(rendererDir, relative));
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep;
  return file.startsWith(root) ? file : null;
}

/** Headers of every app:// response: the host's security headers, CSP included. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
  };
}

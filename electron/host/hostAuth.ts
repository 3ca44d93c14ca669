import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { deflateRawSync } from 'node:zlib';

/** The least a host secret may carry; anything weaker can be guessed by a local attacker. */
export const MIN_TOKEN_BITS = 128;

/** Thrown when a given host token is too weak to protect the host; the CLI says so and exits. */
export class WeakTokenError extends Error {
  constructor(readonly bits: number) {
    super(
      bits === 0
        ? 'TALARIA_TOKEN is set but empty. Unset it to get a random token, or set one of at least ' +
            `${MIN_TOKEN_BITS} bits (e.g. \`openssl rand -hex 16\`).`
        : `TALARIA_TOKEN carries about ${Math.floor(bits)} bits of entropy; at least ` +
            `${MIN_TOKEN_BITS} bits are needed (e.g. \`openssl rand -hex 16\`).`,
    );
    this.name = 'WeakTokenError';
  }
}

const ALPHABETS: [RegExp, number][] = [
  [/^[0-9]*$/, 10],
  [/^[0-9a-f]*$/, 16],
  [/^[0-9A-F]*$/, 16],
  [/^[a-z]*$/, 26],
  [/^[A-Z]*$/, 26],
  [/^[0-9a-z]*$/, 36],
  [/^[0-9A-Z]*$/, 36],
  [/^[A-Za-z]*$/, 52],
  [/^[0-9A-Za-z]*$/, 62],
  [/^[0-9A-Za-z_-]*$/, 64],
  [/^[0-9A-Za-z+/=]*$/, 65],
];

/**
 * A conservative estimate of a secret's entropy: its length times the bits of the smallest
 * common alphabet it fits, but never more than it takes compressed (so "aaaa…" or "abcabc…" of
 * any length counts as weak). `openssl rand -hex 16` scores 128.
 */
export function estimateTokenBits(token: string): number {
  if (token.length === 0) return 0;
  const alphabet = ALPHABETS.find(([pattern]) => pattern.test(token))?.[1] ?? 95;
  const byAlphabet = [...token].length * Math.log2(alphabet);
  const compressed = deflateRawSync(Buffer.from(token), { level: 9 }).length * 8;
  return Math.min(byAlphabet, compressed);
}

/** The host's secret: the given one if strong enough, else a fresh random one. */
export function resolveHostToken(given: string | undefined): string {
  if (given === undefined) return randomBytes(24).toString('base64url');
  const bits = estimateTokenBits(given);
  if (bits < MIN_TOKEN_BITS) throw new WeakTokenError(bits);
  return given;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may drive the host. Scripts present the host secret (`Authorization: Bearer`, or
 * `?token=` on the WebSocket). A browser gets a one-time sign-in ticket in the printed URL,
 * which it exchanges for an HttpOnly, SameSite=Strict session cookie: the URL left in the
 * browser's history is dead, and page script never sees a secret.
 */
export class HostAuth {
  private ticket: string | null = randomBytes(24).toString('base64url');
  private readonly sessions = new Set<string>();

  constructor(
    private readonly token: string,
    private readonly cookieName: string,
  ) {}

  /** The current one-time ticket, minting a new one if the last was spent. */
  currentTicket(): string {
    this.ticket ??= randomBytes(24).toString('base64url');
    return this.ticket;
  }

  /** Spends a ticket: a new session id, or null when the ticket is wrong or already used. */
  exchange(ticket: string): string | null {
    if (this.ticket === null || !sameSecret(ticket, this.ticket)) return null;
    this.ticket = null;
    const session = randomBytes(32).toString('base64url');
    this.sessions.add(session);
    return session;
  }

  sessionCookie(session: string): string {
    return `${this.cookieName}=${session}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /** True when the request carries a live session cookie. */
  hasSession(request: IncomingMessage): boolean {
    const session = readCookie(request.headers.cookie, this.cookieName);
    if (!session) return false;
    for (const live of this.sessions) if (sameSecret(session, live)) return true;
    return false;
  }

  /** A WebSocket upgrade is allowed with the host secret or a live session cookie. */
  allowsUpgrade(request: IncomingMessage, url: URL): boolean {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const given = bearer ?? url.searchParams.get('token');
    if (given !== null && given !== undefined) return sameSecret(given, this.token);
    return this.hasSession(request);
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

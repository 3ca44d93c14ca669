/**
 * Only absolute web and mail links may be followed. Anything else (javascript:, data:, file:,
 * relative paths and in-page anchors that would change the app's own route) is shown as text.
 * Control characters and whitespace that browsers strip inside a scheme ("java\tscript:") are
 * removed before the check, so they cannot smuggle a scheme past it.
 */
export function isFollowableUrl(url: string | undefined | null): url is string {
  if (typeof url !== 'string') return false;
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return /^(https?:\/\/[^/]|mailto:)/i.test(compact) && compact === url.trim();
}

/** The scheme-less host of a web link, for hover titles ("opens example.com"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

import { hueOf, initialsOf } from './avatarLook';

/**
 * The picture of a character or persona, cropped to its box from near the top (faces sit high
 * in card art), or its initials on a colour of its own when it has none.
 */
export function Avatar({
  name,
  src,
  size,
  round = true,
  className = '',
  textClassName,
  testId = 'avatar',
}: {
  name: string;
  /** A `data:` URL, or null for initials. */
  src: string | null;
  /** The side in px; without it, `className` sizes the box (a gallery tile fills its frame). */
  size?: number;
  /** A circle with a hairline ring; otherwise the box is square and its frame shapes it. */
  round?: boolean;
  className?: string;
  /** The initials' font size as a class; by default it follows `size`. */
  textClassName?: string;
  testId?: string;
}) {
  const box = size === undefined ? {} : { width: size, height: size };
  const shape = round ? 'rounded-full' : '';
  if (src) {
    return (
      <img
        src={src}
        alt=""
        aria-hidden="true"
        data-testid={testId}
        draggable={false}
        style={box}
        className={`shrink-0 bg-sunken object-cover object-[center_15%] ${shape} ${round ? 'ring-1 ring-line' : ''} ${className}`}
      />
    );
  }
  const hue = hueOf(name);
  const fontSize =
    textClassName === undefined && size !== undefined
      ? { fontSize: Math.max(9, Math.round(size * 0.4)) }
      : {};
  return (
    <span
      aria-hidden="true"
      data-testid={testId}
      style={{
        ...box,
        ...fontSize,
        background: `linear-gradient(145deg, hsl(${hue} 55% 52%), hsl(${(hue + 40) % 360} 50% 38%))`,
      }}
      className={`flex shrink-0 items-center justify-center leading-none font-semibold tracking-wide text-white/95 select-none ${shape} ${className} ${textClassName ?? ''}`}
    >
      {initialsOf(name)}
    </span>
  );
}

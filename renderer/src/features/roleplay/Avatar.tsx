import { avatarHue, initials } from './castDisplay';

/** A round picture of a character or persona; initials on a colour of its own without one. */
export function Avatar({
  name,
  src,
  size = 24,
  className = '',
}: {
  name: string;
  src: string | null;
  size?: number;
  className?: string;
}) {
  const box = { width: size, height: size };
  if (src) {
    return (
      <img
        src={src}
        alt=""
        aria-hidden="true"
        data-testid="avatar"
        draggable={false}
        style={box}
        className={`shrink-0 rounded-full object-cover object-top ring-1 ring-line ${className}`}
      />
    );
  }
  const hue = avatarHue(name);
  return (
    <span
      aria-hidden="true"
      data-testid="avatar"
      style={{
        ...box,
        fontSize: Math.max(9, Math.round(size * 0.4)),
        background: `hsl(${hue} 55% 46%)`,
      }}
      className={`flex shrink-0 items-center justify-center rounded-full leading-none font-semibold text-white select-none ${className}`}
    >
      {initials(name)}
    </span>
  );
}

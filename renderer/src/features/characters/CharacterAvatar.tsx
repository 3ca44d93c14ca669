import { hueOf, initialsOf } from './galleryView';

interface CharacterAvatarProps {
  name: string;
  avatar: string | null;
  /** Tailwind size and shape, e.g. "h-16 w-16 rounded-xl". */
  className?: string;
  /** Font size of the initials, e.g. "text-2xl". */
  textClassName?: string;
  testId?: string;
}

/**
 * A character's picture, cropped to its box from the top (faces sit high in card art), or its
 * initials on a colour of its own when it has none.
 */
export function CharacterAvatar({
  name,
  avatar,
  className = 'h-10 w-10 rounded-lg',
  textClassName = 'text-sm',
  testId,
}: CharacterAvatarProps) {
  if (avatar) {
    return (
      <img
        src={avatar}
        alt=""
        draggable={false}
        data-testid={testId}
        className={`shrink-0 bg-sunken object-cover object-[center_15%] ${className}`}
      />
    );
  }
  const hue = hueOf(name);
  return (
    <div
      aria-hidden="true"
      data-testid={testId}
      style={{
        background: `linear-gradient(145deg, hsl(${hue} 55% 52%), hsl(${(hue + 40) % 360} 50% 38%))`,
      }}
      className={`flex shrink-0 items-center justify-center font-semibold tracking-wide text-white/95 select-none ${className} ${textClassName}`}
    >
      {initialsOf(name)}
    </div>
  );
}

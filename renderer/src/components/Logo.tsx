/** The Talaria mark: a wing (the winged sandals of Hermes) on the accent tile. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="talaria-logo" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#7c74ff" />
          <stop offset="1" stopColor="#4338ca" />
        </linearGradient>
      </defs>
      <rect width="32" height="32" rx="8" fill="url(#talaria-logo)" />
      <g fill="none" stroke="#fff" strokeLinecap="round" strokeWidth="2.2">
        <path d="M7 21c5.5 0 11-2.5 16-11" />
        <path d="M9.5 17c4 .2 8-1.6 11-5.6" strokeOpacity="0.8" />
        <path d="M12.5 13.2c2.5-.1 4.8-1.2 6.6-3.2" strokeOpacity="0.6" />
      </g>
    </svg>
  );
}

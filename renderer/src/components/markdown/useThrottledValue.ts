import { useEffect, useRef, useState } from 'react';

/**
 * The value, updated at most once per `intervalMs`, on an animation frame: a reply streaming at
 * 100+ tokens/s re-renders its markdown ~20 times a second instead of on every delta. When
 * `enabled` is false it is the value itself.
 */
export function useThrottledValue<T>(value: T, intervalMs: number, enabled: boolean): T {
  const [shown, setShown] = useState(value);
  const lastAt = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    let frame = 0;
    // Every change re-arms the timer, but never later than the interval after the last update.
    const wait = Math.max(0, intervalMs - (performance.now() - lastAt.current));
    const timer = window.setTimeout(() => {
      frame = requestAnimationFrame(() => {
        lastAt.current = performance.now();
        setShown(value);
      });
    }, wait);
    return () => {
      window.clearTimeout(timer);
      cancelAnimationFrame(frame);
    };
  }, [value, intervalMs, enabled]);

  return enabled ? shown : value;
}

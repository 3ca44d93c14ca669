import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';

const MARGIN = 8;

/**
 * A non-modal panel under a trigger, portalled to <body> and fixed there (a header with
 * overflow would clip it). Esc and outside clicks close it; focus goes in on open and back to
 * the trigger on Esc.
 */
export function Popover({
  anchor,
  label,
  width,
  onClose,
  children,
  testId,
}: {
  anchor: RefObject<HTMLElement | null>;
  label: string;
  width: number;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number; maxHeight: number } | null>(null);

  useLayoutEffect(() => {
    const place = (): void => {
      const rect = anchor.current?.getBoundingClientRect();
      if (!rect) return;
      const left = Math.max(MARGIN, Math.min(rect.left, window.innerWidth - width - MARGIN));
      const top = rect.bottom + 6;
      setPlace({ top, left, maxHeight: window.innerHeight - top - MARGIN });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor, width]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
    const onDown = (e: MouseEvent): void => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || anchor.current?.contains(target)) return;
      // A dialog opened from the panel (a manager) is not "outside".
      if ((target as Element).closest?.('dialog[open]')) return;
      onClose();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [anchor, onClose]);

  if (!place) return null;
  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-label={label}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
        anchor.current?.focus();
      }}
      style={{ top: place.top, left: place.left, width, maxHeight: place.maxHeight }}
      className="fixed z-40 flex flex-col overflow-hidden rounded-xl border border-line bg-raised text-fg shadow-2xl"
    >
      {children}
    </div>,
    document.body,
  );
}

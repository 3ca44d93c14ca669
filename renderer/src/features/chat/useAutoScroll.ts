import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** How close to the bottom still counts as "following" the conversation. */
const FOLLOW_THRESHOLD_PX = 48;

/**
 * Keeps a scroll container pinned to the bottom while content grows, unless the user scrolled
 * up to read; scrolling back down (or a new message of theirs) re-pins it.
 */
export function useAutoScroll(
  ref: RefObject<HTMLElement | null>,
  contentRef: RefObject<HTMLElement | null>,
  contentKey: unknown,
  repinKey: unknown,
): { following: boolean; onScroll: () => void; scrollToBottom: () => void } {
  const following = useRef(true);
  const [followingState, setFollowingState] = useState(true);

  const setFollowing = useCallback((value: boolean) => {
    following.current = value;
    setFollowingState(value);
  }, []);

  const scrollToBottom = useCallback(() => {
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
    setFollowing(true);
  }, [ref, setFollowing]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_THRESHOLD_PX;
    if (atBottom !== following.current) setFollowing(atBottom);
  }, [ref, setFollowing]);

  // The state catches up through onScroll, which the programmatic scroll triggers.
  useLayoutEffect(() => {
    const el = ref.current;
    following.current = true;
    if (el) el.scrollTop = el.scrollHeight;
  }, [repinKey, ref]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [contentKey, ref]);

  // Reflow (window resize, a code block finishing, fonts) changes heights without new text.
  useEffect(() => {
    const el = ref.current;
    const content = contentRef.current;
    if (!el || !content) return;
    const observer = new ResizeObserver(() => {
      if (following.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    observer.observe(content);
    return () => observer.disconnect();
  }, [ref, contentRef]);

  return { following: followingState, onScroll, scrollToBottom };
}

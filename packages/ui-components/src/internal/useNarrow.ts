import { useLayoutEffect, useState, type RefObject } from 'react';

/** The card width at or under which theme.css's container queries switch to the narrow layout. */
export const NARROW_MAX_PX = 640;

/**
 * Whether a card (the container of theme.css's container queries) is as narrow as the narrow layout, for markup
 * only that layout shows: a long list leaves it out at desktop widths rather than render it hidden in every row.
 * Measured before the first paint and again when the card resizes; wide until then, and where there is no
 * ResizeObserver to follow it.
 */
export function useNarrow(ref: RefObject<HTMLElement | null>): boolean {
  const [narrow, setNarrow] = useState(false);
  useLayoutEffect(() => {
    const card = ref.current;
    if (!card || typeof ResizeObserver === 'undefined') return;
    // Container queries measure the content box, as ResizeObserver does.
    const style = getComputedStyle(card);
    setNarrow(
      card.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) <= NARROW_MAX_PX,
    );
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setNarrow(entry.contentRect.width <= NARROW_MAX_PX);
    });
    observer.observe(card);
    return () => observer.disconnect();
  }, [ref]);
  return narrow;
}

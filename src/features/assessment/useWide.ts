/**
 * Whether the screen is wide enough for the whole county table (every county × every metric):
 * a desktop or a landscape tablet. A phone gets one metric at a time instead — 13 rows × 8
 * metrics cannot be read at 360 px, and a page that scrolls sideways hides its edge.
 */
import { useEffect, useState } from 'react';

export const WIDE_QUERY = '(min-width: 1024px)';

function matches(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(WIDE_QUERY).matches
    : false;
}

export function useWide(): boolean {
  const [wide, setWide] = useState(matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia(WIDE_QUERY);
    const follow = () => setWide(query.matches);
    follow();
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, []);
  return wide;
}

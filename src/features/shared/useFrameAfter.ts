import { useEffect, useState } from 'react';
import { afterNextFrame } from '../../db/afterFrame';

/**
 * False until the frame after `ready` first became true has been painted (and a task more:
 * afterNextFrame), then true for good. A first screen lays out in its first frame only what a
 * phone's screen shows, and renders the rest after it: the point list's rows after the first ten
 * (at 4× CPU the 50 rows' render and first layout took ~700 ms of its cold start), the start
 * page's 关于本项目 below the board (docs/PERFORMANCE.md, tenth and eleventh sessions).
 */
export function useFrameAfter(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) return;
    return afterNextFrame(() => setAfter(true));
  }, [ready, after]);
  return after;
}

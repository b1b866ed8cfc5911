/**
 * Work the map screen does after its first paint, so that no task of its cold start runs long on a
 * slow phone (issue 13: none over 200 ms at 4× CPU). React commits a screen in one task: the
 * figures, the map and both lists together were a 0.6 s task, then Leaflet's start with the base
 * map, the outlines and the points another 1.2 s (docs/PERFORMANCE.md, seventh session). These two
 * hooks spread that work over tasks, in the order the user needs it: the figures and the map
 * first, the points on it next, the lists below the map when the main thread is idle.
 */
import { useEffect, useState } from 'react';

/** The longest the lists wait for an idle main thread (ms): a busy phone still gets them. */
export const IDLE_LIMIT_MS = 1_500;

/**
 * False on the first render, true once the main thread has been idle since `start` (or after
 * IDLE_LIMIT_MS): for what is below the fold and not the screen's first purpose. Not a
 * transition: a time-sliced render that the map's next stage interrupts is started again, and
 * react-leaflet builds its Leaflet objects while rendering, so each restart built the outlines'
 * paths again (a profile of the map's cold start showed ~10× their conversion time).
 */
export function useAfterIdle(start = true): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (ready || !start) return;
    const on = () => setReady(true);
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(on, { timeout: IDLE_LIMIT_MS });
      return () => window.cancelIdleCallback(id);
    }
    const timer = window.setTimeout(on, 0);
    return () => window.clearTimeout(timer);
  }, [ready, start]);
  return ready;
}

/**
 * 0 on the first render, then one more per task up to `last` (each step a `setTimeout` after the
 * previous step's commit, so the browser may paint and handle input between them), once `start`
 * is true. A stage reached stays reached.
 */
export function useStages(start: boolean, last: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (!start || stage >= last) return;
    const timer = window.setTimeout(() => setStage((s) => Math.min(s + 1, last)), 0);
    return () => window.clearTimeout(timer);
  }, [start, stage, last]);
  return stage;
}

/**
 * Runs `run` in a task after the next frame: not in the frame's own callbacks (on a slow phone
 * Preact runs effects before the first frame, on its 35 ms fallback, and work put in that frame's
 * callbacks delays the frame that shows the screen) and not in the effects' task either. Where
 * there is no frame (Node, a hidden document's tests) a plain task. Returns a cancel.
 *
 * The point list's rows after the first ten (src/features/service-points/PointList.tsx) and the
 * live reads' subscriptions of a screen that starts from its first answers (live.ts) wait so;
 * docs/PERFORMANCE.md, "Eleventh session".
 */
export function afterNextFrame(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => (timer = setTimeout(run, 0));
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(later) : 0;
  if (!frame) later();
  return () => {
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * The trend's line chart, drawn with uPlot (≈ 20 KB gzip, canvas, maintained; docs/ASSESSMENT.md
 * says why this library). It is loaded only when a chart is shown (a dynamic import), so neither
 * the first screen nor the county table downloads it; the service worker precaches the chunk
 * for offline use like every other.
 *
 * The canvas is hidden from screen readers: the figure is named, the screen puts the sentence
 * and the table of monthly values beside it (Trends.tsx), and the three lines differ in dash
 * as well as colour (solid this year, dashed pace, dotted last year), so colour is never the
 * only signal. If the chart cannot load, it says so; the table holds the same values.
 */
import { useEffect, useRef, useState } from 'react';
import { useLocale, useT } from '../../i18n';
import type { TrendPoint } from '../../domain/trend';

export interface TrendChartProps {
  points: readonly TrendPoint[];
  labels: { thisYear: string; pace: string; lastYear: string };
  /** The figure's accessible name. */
  label: string;
}

function cssColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

export function TrendChart({ points, labels, label }: TrendChartProps) {
  const t = useT();
  const locale = useLocale();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let cancelled = false;
    let chart: { destroy(): void; setSize(size: { width: number; height: number }): void } | null =
      null;
    let observer: ResizeObserver | null = null;
    const month = new Intl.DateTimeFormat(locale, { month: 'short' });
    const monthName = (m: number) => month.format(new Date(2000, m - 1, 1));
    const height = 240;

    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        if (cancelled) return;
        const text = cssColour('--color-text-muted', '#4a5563');
        const grid = cssColour('--color-border', '#d3d9de');
        const width = Math.max(element.clientWidth, 240);
        chart = new UPlot(
          {
            width,
            height,
            scales: { x: { time: false, range: [1, 12] } },
            cursor: { drag: { x: false, y: false } },
            // Our own key below (translated, with each line's dash): uPlot's shows squares.
            legend: { show: false },
            axes: [
              {
                stroke: text,
                grid: { stroke: grid, width: 1 },
                ticks: { stroke: grid },
                incrs: [1, 2, 3],
                values: (_u, splits) => splits.map((m) => monthName(m)),
              },
              {
                stroke: text,
                grid: { stroke: grid, width: 1 },
                ticks: { stroke: grid },
                size: 56,
              },
            ],
            series: [
              { label: t('assessment.trends.month'), value: (_u, m) => (m ? monthName(m) : '') },
              {
                label: labels.thisYear,
                stroke: cssColour('--color-primary', '#0f766e'),
                width: 3,
                points: { show: true, size: 6 },
              },
              {
                label: labels.pace,
                stroke: text,
                width: 2,
                dash: [8, 5],
                points: { show: false },
              },
              {
                label: labels.lastYear,
                stroke: cssColour('--color-caution', '#9a4a07'),
                width: 2,
                dash: [2, 4],
                points: { show: false },
              },
            ],
          },
          [
            points.map((p) => p.month),
            points.map((p) => p.actual),
            points.map((p) => p.pace),
            points.map((p) => p.lastYear),
          ],
          element,
        );
        observer = new ResizeObserver(() =>
          chart?.setSize({ width: Math.max(element.clientWidth, 240), height }),
        );
        observer.observe(element);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [points, labels, locale, t]);

  return (
    <figure className="trend-chart" aria-label={label}>
      {failed ? (
        <p className="muted">{t('assessment.trends.chartFailed')}</p>
      ) : (
        <>
          <div ref={box} className="trend-chart__canvas" aria-hidden="true" />
          <figcaption className="trend-key" aria-hidden="true">
            <KeyLine className="trend-key__this" dash="" label={labels.thisYear} />
            <KeyLine className="trend-key__pace" dash="8 5" label={labels.pace} />
            <KeyLine className="trend-key__last" dash="2 4" label={labels.lastYear} />
          </figcaption>
        </>
      )}
    </figure>
  );
}

/** A line of the key: a sample of the line (its colour and dash) and its name. */
function KeyLine({ className, dash, label }: { className: string; dash: string; label: string }) {
  return (
    <span className={`trend-key__item ${className}`}>
      <svg width="28" height="10" viewBox="0 0 28 10" focusable="false">
        <line
          x1="1"
          y1="5"
          x2="27"
          y2="5"
          stroke="currentColor"
          strokeWidth={className === 'trend-key__this' ? 3 : 2}
          strokeDasharray={dash || undefined}
        />
      </svg>
      {label}
    </span>
  );
}

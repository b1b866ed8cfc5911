/**
 * A year's facts read on each month's end, for the trends: twelve counts through metricFacts
 * (src/domain/trend.ts). A big prefecture costs about 20 ms a month on a laptop (bench/
 * assessment.bench.ts), several times that on a cheap phone, so the months are counted one at a
 * time with a pause between them (the screen stays responsive and shows a spinner), and kept
 * per year for as long as the records do not change: a past year's months never depend on
 * today, so switching metric, area, or back to a year seen before costs nothing.
 */
import { useEffect, useState } from 'react';
import { metricFacts, type MetricInput } from '../../domain/metrics';
import { trendDays, type MonthlyFacts } from '../../domain/trend';

/** Per input (a new object whenever a record changes), per year and the day it was read on. */
const cache = new WeakMap<MetricInput, Map<string, MonthlyFacts>>();

function cacheKey(year: number, today: string): string {
  // A year that has ended is read on its months' ends whatever today is.
  return year < Number(today.slice(0, 4)) ? String(year) : `${year}@${today}`;
}

function cached(input: MetricInput, year: number, today: string): MonthlyFacts | undefined {
  return cache.get(input)?.get(cacheKey(year, today));
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function useMonthlyFacts(
  input: MetricInput | undefined,
  year: number,
  today: string,
): MonthlyFacts | undefined {
  const [counted, setCounted] = useState<{
    input: MetricInput;
    key: string;
    months: MonthlyFacts;
  } | null>(null);

  useEffect(() => {
    if (!input || cached(input, year, today)) return;
    let cancelled = false;
    void (async () => {
      const months: MonthlyFacts[number][] = [];
      for (const day of trendDays(year, today)) {
        if (cancelled) return;
        months.push(day === null ? null : metricFacts(input, year, day));
        await pause();
      }
      if (cancelled) return;
      let byYear = cache.get(input);
      if (!byYear) cache.set(input, (byYear = new Map()));
      byYear.set(cacheKey(year, today), months);
      setCounted({ input, key: cacheKey(year, today), months });
    })();
    return () => {
      cancelled = true;
    };
  }, [input, year, today]);

  if (!input) return undefined;
  return (
    cached(input, year, today) ??
    (counted && counted.input === input && counted.key === cacheKey(year, today)
      ? counted.months
      : undefined)
  );
}

/**
 * When the first screen has shown the user's data: the sync engine (App) and the notices' inbox
 * counts wait for it before they load the engine's chunk (with zod and every schema), so on a slow
 * phone the engine never competes with the start page's first figures. scripts/size.mjs leaves
 * the engine out of the start page's count because of this (docs/PERFORMANCE.md, "Size"); the
 * bench's wire list (bench/slow-phone.bench.ts) shows whether it holds.
 *
 * The screens a phone is most often opened on wait for their data: the start page (/, 概览: its
 * figures say when they are shown, `markFirstDataShown` from useMetricFacts in
 * src/features/shared/useAssessment.ts), the point list, a point, a roll call and the map (each
 * marks when its rows or record are on screen; the map when its figures AND its points are).
 * Any other first screen waits for the page's `load` only; a screen whose data cannot show (its
 * region file failed to load, the user left it at once) waits at most FIRST_DATA_LIMIT_MS after
 * `load`, so the engine always starts.
 */
import { useEffect } from 'react';

/** First screens that mark when their data is shown (see above). */
const MARKING_PATHS: readonly RegExp[] = [
  /^\/$/,
  /^\/points\/?$/,
  /^\/points\/[0-9a-f-]{36}\/?$/,
  /^\/training\/sessions\/[0-9a-f-]{36}\/roll-call\/?$/,
  /^\/map\/?$/,
];

/** Whether the screen at `path` marks when its data is shown. */
export function marksFirstData(path: string): boolean {
  return MARKING_PATHS.some((pattern) => pattern.test(path));
}
/** The longest the engine waits after `load` for the start page's figures. */
export const FIRST_DATA_LIMIT_MS = 10_000;

export interface FirstDataGate {
  /** Resolves once the first screen's data is shown (see above). Never rejects. */
  shown: Promise<void>;
  /** The start page's figures are on screen. Idempotent; later calls change nothing. */
  mark: () => void;
}

/**
 * The gate, given the path the app was opened at, the page's `load` and the limit's timer (a
 * promise each, so the rule can be tested without a browser or a clock).
 */
export function createFirstDataGate(
  firstPath: string,
  loaded: Promise<void>,
  limit: () => Promise<void>,
): FirstDataGate {
  let mark = () => undefined as void;
  const marked = new Promise<void>((resolve) => {
    mark = resolve;
  });
  const shown = loaded.then(() =>
    marksFirstData(firstPath) ? Promise.race([marked, limit()]) : undefined,
  );
  return { shown, mark };
}

function pageLoaded(): Promise<void> {
  return new Promise((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  });
}

let gate: FirstDataGate | undefined;

/** The app's gate, made at the first call (the path then is the one the app was opened at). */
function appGate(): FirstDataGate {
  return (gate ??= createFirstDataGate(
    window.location.pathname,
    pageLoaded(),
    () => new Promise((resolve) => window.setTimeout(resolve, FIRST_DATA_LIMIT_MS)),
  ));
}

/** Forgets the gate, as on a page just opened (tests: each file starts so). */
export function forgetFirstDataGate(): void {
  gate = undefined;
}

/** Resolves once the first screen has shown its data (see the top of this file). */
export function firstDataShown(): Promise<void> {
  return appGate().shown;
}

/**
 * A User Timing mark the first time only: the start path's steps (main.tsx, the database, the
 * gazetteer, kept figures, first data) as bench/slow-phone.bench.ts and DevTools show them.
 */
export function markOnce(name: string): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** Called when the first screen's data is on screen (the start page's figures, a list's rows…). */
export function markFirstDataShown(): void {
  markOnce('cundian:first-data');
  // What waits for the data (the sync engine's, the pill's and the badge's chunks, the service
  // worker's registration: ~20 module requests) starts in a task of its own, not in the one that
  // runs the screen's effects right after the frame that shows the data (docs/PERFORMANCE.md,
  // tenth session).
  const shown = appGate();
  setTimeout(shown.mark, 0);
}

/** Marks the first data shown once `ready` (a screen's rows, record or summary are on screen). */
export function useMarkFirstData(ready: boolean): void {
  useEffect(() => {
    if (ready) markFirstDataShown();
  }, [ready]);
}

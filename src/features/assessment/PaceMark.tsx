/**
 * How a figure stands against its own target in the county table and a county's page, said
 * three ways at once — a colour, a shape and a word — so colour is never the only signal (a
 * colour-blind user, a grey printout, a screen reader all get it): ✓ green, ! amber, ↓ red. The
 * words are the assessment's one vocabulary (paceWord in src/features/shared/pace.ts, board.pace.*:
 * 进度正常 / 稍慢 / 落后, a past year 已完成 / 接近完成 / 未完成); the rule is the domain's (paceOf).
 *
 * Colours: the text tokens --color-good, --color-caution and --color-danger, each ≥ 4.5:1 on
 * the backgrounds used here in light and dark (checked in PaceMark.test.ts).
 */
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import type { Measure } from '../../domain/metrics';
import { paceWord, type PaceWord } from '../shared/pace';

export type PaceState =
  | PaceWord
  /** A year that has not begun: no pace to judge yet. */
  | 'future'
  /** No target of its own: nothing to be on pace with. */
  | 'none';

export type PaceTone = 'good' | 'caution' | 'bad' | 'neutral';

const TONE: Readonly<Record<PaceState, PaceTone>> = {
  ahead: 'good',
  met: 'good',
  near: 'caution',
  nearlyMet: 'caution',
  behind: 'bad',
  missed: 'bad',
  future: 'neutral',
  none: 'neutral',
};

export function paceState(
  measure: Pick<Measure, 'pace' | 'target' | 'year'>,
  thisYear: number,
): PaceState {
  if (measure.target === null || measure.pace === null) return 'none';
  if (measure.year > thisYear) return 'future';
  return paceWord(measure.pace, measure.year < thisYear);
}

export function paceTone(state: PaceState): PaceTone {
  return TONE[state];
}

/** The shape of each tone: a tick, an exclamation mark, an arrow down. */
function PaceGlyph({ tone }: { tone: PaceTone }) {
  if (tone === 'neutral') return null;
  return (
    <svg
      className="pace-mark__glyph"
      viewBox="0 0 24 24"
      width="14"
      height="14"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="3"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {tone === 'good' ? <path d="m5 12.5 4.5 4.5L19 7" /> : null}
      {tone === 'caution' ? <path d="M12 4v10M12 19.5v.5" /> : null}
      {tone === 'bad' ? <path d="M12 4v15M6 13l6 6 6-6" /> : null}
    </svg>
  );
}

/**
 * The mark: glyph and word, coloured. `compact` keeps the word for screen readers only (a table
 * cell with a legend above it); `children` (a percentage) takes the same colour.
 */
export function PaceMark({
  state,
  compact = false,
  children,
}: {
  state: PaceState;
  compact?: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const tone = TONE[state];
  const word =
    state === 'none' ? null : state === 'future' ? t('board.futureYear') : t(`board.pace.${state}`);
  return (
    <span className={`pace-mark pace-mark--${tone}`} data-pace={state}>
      <PaceGlyph tone={tone} />
      {children}
      {word === null ? null : compact ? (
        <span className="visually-hidden">{word}</span>
      ) : (
        <span className="pace-mark__word">{word}</span>
      )}
    </span>
  );
}

/** The key to the marks, for a table whose cells use them compact. */
export function PaceLegend({ past, future }: { past: boolean; future: boolean }) {
  const t = useT();
  if (future) return <p className="pace-legend muted">{t('assessment.legendFuture')}</p>;
  const states: PaceState[] = past ? ['met', 'nearlyMet', 'missed'] : ['ahead', 'near', 'behind'];
  return (
    <p className="pace-legend">
      <span className="muted">{t('assessment.legend')}</span>
      {states.map((s) => (
        <PaceMark key={s} state={s} />
      ))}
    </p>
  );
}

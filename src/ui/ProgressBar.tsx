/**
 * A horizontal progress bar exposed as an ARIA progressbar, so a screen reader hears
 * "storage usage, 12 %" rather than nothing.
 */
export interface ProgressBarProps {
  value: number;
  max?: number;
  /** What is measured: the accessible name. */
  label: string;
  /** How to read the value aloud when a percentage is not the right words ("120 of 1,500"). */
  valueText?: string;
}

export function ProgressBar({ value, max = 100, label, valueText }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  const percent = (clamped / safeMax) * 100;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={safeMax}
      aria-valuenow={clamped}
      aria-valuetext={valueText}
    >
      {/* Nothing drawn at 0: the fill's minimum width would show a sliver of progress. */}
      {percent > 0 && <div className="progress__fill" style={{ width: `${percent}%` }} />}
    </div>
  );
}

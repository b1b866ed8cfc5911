/**
 * A small busy indicator. With a label it is a polite status message (read once by screen
 * readers); without one it is decoration inside something that already says it is busy.
 */
export interface SpinnerProps {
  label?: string;
  size?: 'small' | 'medium';
}

export function Spinner({ label, size = 'medium' }: SpinnerProps) {
  const circle = <span className={`spinner spinner--${size}`} aria-hidden="true" />;
  if (!label) return circle;
  return (
    <span className="spinner-wrap" role="status">
      {circle}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

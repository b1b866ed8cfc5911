/** A labelled select for the filters above a list or table; the label names the control. */
import { useId, type SelectHTMLAttributes } from 'react';

export function FilterSelect({
  label,
  ...props
}: { label: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className="filters__field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...props} />
    </div>
  );
}

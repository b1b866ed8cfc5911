/**
 * A Field with one text-like input in it (text, date, number, tel, url…): the frame of Field.tsx
 * and the input wired to it, so a form states what the field is and what it holds, not the same
 * eight lines of wiring again. Any input attribute (type, inputMode, autoComplete, maxLength…)
 * passes through to the input; the value comes back as text through `onValue`.
 */
import type { InputHTMLAttributes } from 'react';
import { Field, type FieldProps } from './Field';

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'children' | 'required'
>;

export interface InputFieldProps extends Omit<FieldProps, 'children'>, InputAttributes {
  value: string;
  onValue: (value: string) => void;
}

export function InputField({
  label,
  hint,
  error,
  required,
  value,
  onValue,
  ...input
}: InputFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(control) => (
        <input {...control} {...input} value={value} onChange={(e) => onValue(e.target.value)} />
      )}
    </Field>
  );
}

export interface SelectFieldProps<V extends string> extends Omit<FieldProps, 'children'> {
  value: V;
  onValue: (value: V) => void;
  /** The choices in order, each with its (translated) label. */
  options: readonly { value: V; label: string }[];
}

/** A Field with a select of fixed choices in it. */
export function SelectField<V extends string>({
  value,
  onValue,
  options,
  ...field
}: SelectFieldProps<V>) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onValue(e.target.value as V)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Field: the label names the control, the hint and error describe it, a class sits beside `field`. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Field } from './Field';

describe('Field', () => {
  // Each render's ids start again (useId), so one test's fields must be gone before the next.
  afterEach(cleanup);

  it('names its control by the label and describes it with the hint and the error', () => {
    render(
      <Field label="县" hint="先选县" error="必填" required>
        {(control) => <select {...control} />}
      </Field>,
    );
    const select = screen.getByRole('combobox', { name: '县' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(select.getAttribute('aria-required')).toBe('true');
    const describedBy = (select.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toEqual([
      '先选县',
      '必填',
    ]);
    expect(select.closest('div')!.className).toBe('field field--invalid');
  });

  it('puts a class of its own beside `field`, and is only `field` without one', () => {
    render(
      <>
        <Field label="范围" className="map-scope">
          {(control) => <select {...control} />}
        </Field>
        <Field label="排序">{(control) => <select {...control} />}</Field>
      </>,
    );
    expect(screen.getByRole('combobox', { name: '范围' }).closest('div')!.className).toBe(
      'field map-scope',
    );
    const plain = screen.getByRole('combobox', { name: '排序' });
    expect(plain.closest('div')!.className).toBe('field');
    expect(plain.hasAttribute('aria-describedby')).toBe(false);
  });
});

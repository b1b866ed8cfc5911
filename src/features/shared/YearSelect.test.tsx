/** YearSelect: labelled 年度 unless a screen names it its own way; a choice comes back as a number. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { YearSelect } from './SubNav';
import { yearOptions } from './years';

describe('YearSelect', () => {
  afterEach(cleanup);

  it('is labelled 年度, offers the years, and gives the chosen one as a number', () => {
    const onChange = vi.fn();
    const years = yearOptions();
    render(<YearSelect year={years[0]!} onChange={onChange} />);
    const select = screen.getByLabelText('年度') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(years.map((y) => `${y} 年`));
    fireEvent.change(select, { target: { value: String(years[1]) } });
    expect(onChange).toHaveBeenCalledWith(years[1]);
  });

  it('takes a label of its own (the central towns’ 认定年份)', () => {
    render(<YearSelect label="认定年份" year={yearOptions()[0]!} onChange={() => undefined} />);
    expect(screen.getByLabelText('认定年份')).toBeTruthy();
    expect(screen.queryByLabelText('年度')).toBeNull();
  });
});

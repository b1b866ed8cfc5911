/** CountyFilter: 区县 with 全部 first, in every list that has it; nothing with one county. */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CountyFilter } from './FilterSelect';

const COUNTIES = [
  { code: '330127', name: '淳安县' },
  { code: '330182', name: '建德市' },
];

describe('CountyFilter', () => {
  afterEach(cleanup);

  it('is labelled 区县, offers 全部 then each county, and gives the chosen code', () => {
    const onChange = vi.fn();
    render(<CountyFilter counties={COUNTIES} value="" onChange={onChange} />);
    const select = screen.getByLabelText('区县') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', '全部'],
      ['330127', '淳安县'],
      ['330182', '建德市'],
    ]);
    fireEvent.change(select, { target: { value: '330182' } });
    expect(onChange).toHaveBeenCalledWith('330182');
  });

  it('shows nothing when the area holds one county', () => {
    const { container } = render(
      <CountyFilter counties={COUNTIES.slice(0, 1)} value="" onChange={() => undefined} />,
    );
    expect(container.innerHTML).toBe('');
  });
});

/**
 * The place picker is where a field officer says where a point is, on a phone, often with one
 * thumb. The selects must only offer what exists and what the user may touch (the server refuses
 * the rest), and the type-ahead must stay inside that same area and fill every level at once — a
 * village in the list whose township is left unset would be saved as the wrong place. Runs on the
 * real Hangzhou gazetteer.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../i18n';
import {
  EMPTY_REGION,
  MAX_MATCHES,
  RegionCascade,
  startInScope,
  type RegionCascadeProps,
  type RegionCascadeValue,
} from './RegionCascade';
import { testRegions } from '../../test-support/regions';

const regions = testRegions();
afterEach(() => {
  cleanup();
  setLocale('zh-CN');
});

const LABELS = { county: '区县', township: '乡镇（街道）', village: '村（社区）' };

/** A form holding the value, as the real forms do; `changes` records every onChange. */
function Harness({
  initial = EMPTY_REGION,
  changes = [],
  onSubmit,
  ...props
}: Partial<RegionCascadeProps> & {
  initial?: RegionCascadeValue;
  changes?: RegionCascadeValue[];
  onSubmit?: () => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.();
      }}
    >
      <RegionCascade
        regions={regions}
        depth="village"
        labels={LABELS}
        {...props}
        value={value}
        onChange={(next) => {
          changes.push(next);
          setValue(next);
        }}
      />
      <pre data-testid="value">{JSON.stringify(value)}</pre>
    </form>
  );
}

const selectEl = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const optionTexts = (label: string) => Array.from(selectEl(label).options).map((o) => o.text);
const choose = (label: string, text: string) => {
  const option = Array.from(selectEl(label).options).find((o) => o.text === text);
  if (!option) throw new Error(`no option ${text} in ${label}`);
  fireEvent.change(selectEl(label), { target: { value: option.value } });
};
const search = (text: string) =>
  fireEvent.change(screen.getByLabelText('按村名查找'), { target: { value: text } });
const matchRows = () =>
  within(screen.getByRole('list', { name: '查找结果' })).getAllByRole('button');
const value = () => JSON.parse(screen.getByTestId('value').textContent ?? '{}') as unknown;

describe('RegionCascade: the selects', () => {
  it('cascades county → township → village and clears the levels below a change', () => {
    render(<Harness />);
    expect(selectEl('乡镇（街道）').disabled).toBe(true);
    expect(selectEl('村（社区）').disabled).toBe(true);
    expect(optionTexts('区县')).toHaveLength(1 + regions.counties.length);

    choose('区县', '淳安县');
    expect(optionTexts('乡镇（街道）')).toContain('千岛湖镇');
    expect(optionTexts('乡镇（街道）')).not.toContain('西湖街道');
    choose('乡镇（街道）', '千岛湖镇');
    choose('村（社区）', '富城村');
    expect(value()).toEqual({ county: '330127', township: '330127100', village: '330127100219' });

    choose('乡镇（街道）', '文昌镇');
    expect(value()).toEqual({ county: '330127', township: '330127101', village: '' });
    choose('区县', '桐庐县');
    expect(value()).toEqual({ county: '330122', township: '', village: '' });
    expect(selectEl('村（社区）').disabled).toBe(true);
  });

  it('offers only the county of a county scope, and only the township of a township scope', () => {
    const { unmount } = render(
      <Harness scope="330127" initial={startInScope(EMPTY_REGION, '330127')} />,
    );
    expect(optionTexts('区县')).toEqual(['请选择', '淳安县']);
    expect(selectEl('区县').value).toBe('330127');
    expect(optionTexts('乡镇（街道）')).toHaveLength(1 + regions.townshipsOf('330127').length);
    unmount();

    render(<Harness scope="330127100" initial={startInScope(EMPTY_REGION, '330127100')} />);
    expect(optionTexts('区县')).toEqual(['请选择', '淳安县']);
    expect(optionTexts('乡镇（街道）')).toEqual(['请选择', '千岛湖镇']);
    expect(selectEl('乡镇（街道）').value).toBe('330127100');
    expect(optionTexts('村（社区）')).toContain('富城村');
  });

  it('stops at the township when asked, with no village select and no search', () => {
    render(<Harness depth="township" labels={{ county: '区县', township: '乡镇（街道）' }} />);
    expect(screen.getByLabelText('乡镇（街道）')).toBeTruthy();
    expect(screen.queryByLabelText('村（社区）')).toBeNull();
    expect(screen.queryByLabelText('按村名查找')).toBeNull();
  });

  it('shows the form’s errors and required marks on the right level', () => {
    render(
      <Harness
        required={{ county: true, township: true }}
        errors={{ township: '乡镇（街道）：必填' }}
      />,
    );
    expect(selectEl('乡镇（街道）').getAttribute('aria-invalid')).toBe('true');
    expect(selectEl('乡镇（街道）').getAttribute('aria-required')).toBe('true');
    expect(selectEl('村（社区）').getAttribute('aria-required')).toBeNull();
    expect(screen.getByText('乡镇（街道）：必填')).toBeTruthy();
  });

  it('leaves a start already chosen alone, and starts an empty one in the scope', () => {
    const chosen = { county: '330122', township: '', village: '' };
    expect(startInScope(chosen, '330127100')).toBe(chosen);
    expect(startInScope(EMPTY_REGION, '')).toBe(EMPTY_REGION);
    expect(startInScope(EMPTY_REGION, '330127')).toEqual({ ...EMPTY_REGION, county: '330127' });
  });
});

describe('RegionCascade: the village type-ahead', () => {
  it('finds villages only inside a township scope', () => {
    render(<Harness scope="330127100" initial={startInScope(EMPTY_REGION, '330127100')} />);
    // 山村 matches 108 villages in the prefecture and 14 in 淳安县, but one in 千岛湖镇.
    search('山村');
    const rows = matchRows();
    expect(rows.map((r) => r.textContent)).toEqual(['坪山村千岛湖镇']);
    expect(screen.getByRole('status').textContent).toBe('找到 1 个，点一下选中');
  });

  it('finds villages only inside a county scope, named with their township', () => {
    render(<Harness scope="330127" initial={startInScope(EMPTY_REGION, '330127')} />);
    search('下村');
    const rows = matchRows();
    expect(rows.map((r) => r.textContent)).toEqual([
      '坑下村威坪镇',
      '寺下村汾口镇',
      '山下村安阳乡',
    ]);
    search('王家'); // 王家源村 (淳安) is the only one of four in the prefecture
    expect(matchRows().map((r) => r.textContent)).toEqual(['王家源村文昌镇']);
  });

  it('says nothing was found when the name is outside the scope', () => {
    render(<Harness scope="330127100" initial={startInScope(EMPTY_REGION, '330127100')} />);
    search('光明'); // three 光明村, none in 千岛湖镇
    expect(screen.queryByRole('list', { name: '查找结果' })).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/没有找到/);
  });

  it('names the county too when the whole prefecture is offered, and lists at most eight', () => {
    render(<Harness />);
    search('光明');
    expect(matchRows().map((r) => r.textContent)).toEqual([
      '光明村萧山区 · 靖江街道',
      '光明村富阳区 · 灵桥镇',
      '光明村临安区 · 於潜镇',
    ]);
    search('山村');
    expect(matchRows()).toHaveLength(MAX_MATCHES);
    expect(screen.getByRole('status').textContent).toBe('只列出前 8 个，多输入几个字可以缩小范围');
  });

  it('waits for a second character', () => {
    render(<Harness />);
    search('山');
    expect(screen.queryByRole('list', { name: '查找结果' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('再输入一个字');
  });

  it('fills county, township and village with one tap, and the selects show it', () => {
    const changes: RegionCascadeValue[] = [];
    render(<Harness changes={changes} />);
    search('富城');
    fireEvent.click(screen.getByRole('button', { name: /富城村/ }));
    // One change carrying all three levels: no half-filled place in between.
    expect(changes).toEqual([{ county: '330127', township: '330127100', village: '330127100219' }]);
    expect(selectEl('区县').value).toBe('330127');
    expect(selectEl('乡镇（街道）').value).toBe('330127100');
    expect(selectEl('村（社区）').value).toBe('330127100219');
    expect(document.activeElement).toBe(selectEl('村（社区）'));
    expect((screen.getByLabelText('按村名查找') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('status').textContent).toBe('已选：淳安县 · 千岛湖镇 · 富城村');
  });

  it('works from the keyboard and never submits the form with Enter', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    const box = screen.getByLabelText('按村名查找');
    search('光明');
    fireEvent.keyDown(box, { key: 'Enter' }); // three matches: Enter picks none
    expect(onSubmit).not.toHaveBeenCalled();
    expect(value()).toEqual(EMPTY_REGION);

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const rows = matchRows();
    expect(document.activeElement).toBe(rows[0]);
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1]!, { key: 'ArrowUp' });
    fireEvent.keyDown(rows[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(box);

    search('富城'); // a single match: Enter takes it
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSubmit).not.toHaveBeenCalled();
    expect(value()).toEqual({ county: '330127', township: '330127100', village: '330127100219' });

    search('光明');
    fireEvent.keyDown(box, { key: 'Escape' });
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('speaks English when the user chose it', () => {
    setLocale('en');
    render(<Harness />);
    fireEvent.change(screen.getByLabelText('Find a village by name'), {
      target: { value: '光明' },
    });
    expect(screen.getByRole('list', { name: 'Matching villages' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('3 found, tap one to choose it');
  });
});

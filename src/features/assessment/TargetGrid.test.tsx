/**
 * The targets grid sets a whole year at once, so its promises are about the whole: a starting
 * point (last year, a split by villages, the policy's figures) fills the draft and nothing else;
 * a save writes every changed cell as its own synced record or — when one cell is wrong — none,
 * naming the cell in words; a figure a hundred times last year's is asked about first; and a
 * coordinator reads the targets without a box to type in.
 */
import {
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setTarget } from '../../actions';
import { getRecord, listOutbox, listRecords, writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { targetId } from '../../domain/target';
import { TargetGrid } from './TargetGrid';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const CHUNAN = '330127';
const TONGLU = '330122';

const user = (role: User['role'], code: string): User => ({
  id: `u-${role}`,
  username: role,
  displayName: role,
  role,
  scope: { level: code.length === 4 ? 'prefecture' : 'county', code },
});

let db: CundianDb;

beforeEach(async () => {
  db = freshDatabase('target-grid');
  serveRegionFiles();
  await setTarget(2025, null, 'servicePoints', 1200);
  await setTarget(2025, CHUNAN, 'servicePoints', 212);
  await setTarget(2025, TONGLU, 'pilotsAccepted', 2);
  await setTarget(2026, null, 'servicePoints', 1500);
});

const cell = (area: string, metric: string) =>
  screen.getByLabelText(`${area}的“${metric}”目标`) as HTMLInputElement;
const type = (area: string, metric: string, value: string) =>
  fireEvent.change(cell(area, metric), { target: { value } });
const value = async (year: number, county: string | null, metric: Parameters<typeof targetId>[2]) =>
  (await getRecord('target', targetId(year, county, metric)))?.value;

describe('an admin’s grid', () => {
  beforeEach(async () => {
    await writeSession(
      { token: 't', user: user('admin', '3301'), loggedInAt: '2026-03-01T00:00:00Z' },
      db,
    );
  });

  it('copies last year into the empty cells only, then saves every change as its own record', async () => {
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    await screen.findByLabelText('全市的“运营中的服务点”目标');
    fireEvent.click(screen.getByRole('button', { name: '从 2025 年复制' }));
    expect(screen.getByText(/已从 2025 年复制 2 项/)).toBeTruthy();
    // The prefecture's 1500 was set for 2026 already: it stays.
    expect(cell('全市', '运营中的服务点').value).toBe('1500');
    expect(cell('淳安县', '运营中的服务点').value).toBe('212');
    expect(screen.getByText('2 处修改还没保存')).toBeTruthy();
    // Nothing is written before Save.
    expect(await value(2026, CHUNAN, 'servicePoints')).toBeUndefined();
    type('淳安县', '运营中的服务点', '220');
    const outboxBefore = (await listOutbox()).length;
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存 2 项目标。联网后会同步到服务器。')).toBeTruthy();
    expect(await value(2026, CHUNAN, 'servicePoints')).toBe(220);
    expect(await value(2026, TONGLU, 'pilotsAccepted')).toBe(2);
    // One synced change per record, like any edit (history and conflicts as for any record).
    const outbox = (await listOutbox()).slice(outboxBefore);
    expect(outbox.map((e) => e.recordId).sort()).toEqual(
      [targetId(2026, CHUNAN, 'servicePoints'), targetId(2026, TONGLU, 'pilotsAccepted')].sort(),
    );
    await waitFor(() => expect(screen.getByText('没有未保存的修改')).toBeTruthy());
  });

  it('splits the prefecture’s figure over the counties by rural villages, summing to it', async () => {
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    await screen.findByLabelText('全市的“运营中的服务点”目标');
    fireEvent.click(
      screen.getByRole('button', { name: '分解全市的“运营中的服务点”目标：按行政村数分到各区县' }),
    );
    expect(screen.getByText(/合计正好 1,500/)).toBeTruthy();
    const counties = within(screen.getByTestId('target-grid'))
      .getAllByRole('textbox')
      .slice(1)
      .map((input) => Number((input as HTMLInputElement).value));
    expect(counties).toHaveLength(13);
    expect(counties.reduce((a, b) => a + b, 0)).toBe(1500);
    // 拱墅区 has no rural village left: no share, and no target of 0 that would read as met.
    expect(cell('拱墅区', '运营中的服务点').value).toBe('');
    expect(Number(cell('淳安县', '运营中的服务点').value)).toBeGreaterThan(200);
  });

  it('refuses a non-integer and a negative in words, naming the cells, and saves none', async () => {
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    await screen.findByLabelText('全市的“运营中的服务点”目标');
    type('全市', '运营中的服务点', '1600');
    type('淳安县', '运营中的服务点', '1.5');
    type('桐庐县', '运营中的服务点', '-3');
    const outboxBefore = (await listOutbox()).length;
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('有 2 格不是有效的目标，所以一项都没有保存');
    expect(alert.textContent).toContain('淳安县 · 运营中的服务点：目标应为整数，“1.5”不是整数。');
    expect(alert.textContent).toContain('桐庐县 · 运营中的服务点：目标不能是负数（“-3”）。');
    expect(cell('淳安县', '运营中的服务点').getAttribute('aria-invalid')).toBe('true');
    // Said at the cell too, not only by its red border.
    expect(cell('淳安县', '运营中的服务点').getAttribute('aria-describedby')).toMatch(/^error-/);
    expect(screen.getByText('不能是负数')).toBeTruthy();
    // Not even the valid cell.
    expect(await value(2026, null, 'servicePoints')).toBe(1500);
    expect(await listOutbox()).toHaveLength(outboxBefore);
  });

  it('asks in words before saving a target over 100 × last year’s', async () => {
    render(<TargetGrid year={2026} metric="pilotsAccepted" />);
    await screen.findByLabelText('桐庐县的“当年验收的中心镇试点”目标');
    type('桐庐县', '当年验收的中心镇试点', '300');
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const question = await screen.findByRole('alertdialog');
    expect(question.textContent).toContain('这些目标是上年的 100 倍以上');
    expect(question.textContent).toContain('桐庐县 · 当年验收的中心镇试点：300（上年 2）');
    fireEvent.click(within(question).getByRole('button', { name: '返回修改' }));
    expect(await value(2026, TONGLU, 'pilotsAccepted')).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    fireEvent.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: '确定，保存' }),
    );
    expect(await screen.findByText(/已保存 1 项目标/)).toBeTruthy();
    expect(await value(2026, TONGLU, 'pilotsAccepted')).toBe(300);
  });

  it('offers the policy’s own figures for 2013–2015 only, as a starting point', async () => {
    render(<TargetGrid year={2015} metric="servicePointsOpen" />);
    await screen.findByLabelText('全市的“运营中的服务点”目标');
    fireEvent.click(screen.getByRole('button', { name: '填入政策目标' }));
    expect(screen.getByText(/已填入政策目标 \d+ 项/)).toBeTruthy();
    expect(cell('全市', '运营中的服务点').value).toBe('1500');
    expect(await listRecords('target')).toHaveLength(4); // nothing saved yet
    cleanup();
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    await screen.findByLabelText('全市的“运营中的服务点”目标');
    expect(screen.queryByRole('button', { name: '填入政策目标' })).toBeNull();
  });
});

describe('other roles', () => {
  it('shows a coordinator the prefecture’s and the county’s targets as figures, nothing to edit', async () => {
    await setTarget(2026, CHUNAN, 'servicePoints', 150);
    await writeSession(
      { token: 't', user: user('coordinator', CHUNAN), loggedInAt: '2026-03-01T00:00:00Z' },
      db,
    );
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    const values = await screen.findByTestId('target-values');
    const row = within(values).getByRole('row', { name: /运营中的服务点/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1,500', '150']);
    expect(
      within(values)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['指标', '全市', '淳安县']);
    expect(values.textContent).toContain('未设目标');
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(screen.getByText('只有市级管理员可以修改目标。这里列出全市和本县的目标。')).toBeTruthy();
  });

  it('tells an officer who sets the targets, without the grid', async () => {
    await writeSession(
      {
        token: 't',
        user: { ...user('officer', CHUNAN), scope: { level: 'township', code: '330127100' } },
        loggedInAt: '2026-03-01T00:00:00Z',
      },
      db,
    );
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    expect(await screen.findByText(/年度目标由市级管理员设定/)).toBeTruthy();
    expect(screen.queryByTestId('target-values')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });
});

/**
 * The targets grid of a province (docs/ASSESSMENT.md "Targets at every level"): a province admin's
 * grid lists the province's own row and one per prefecture, each prefecture's name leading to its
 * counties' grid; a prefecture admin's lists their prefecture's own row and its counties, and
 * saves that prefecture's own target row (4 digits) — never the province's, which they only read.
 * A small two-prefecture province (test-support/province.ts), records in fake-indexeddb.
 */
import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setTarget } from '../../actions';
import { getRecord, type CundianDb } from '../../db';
import { deployment, setDeployment } from '../../domain/deployment';
import type { User } from '../../domain/protocol';
import { targetId } from '../../domain/target';
import { forgetRegions } from '../../regions';
import { freshDatabase } from '../../test-support/database';
import { twoPrefectureFiles, twoPrefectureProvince } from '../../test-support/province';
import { serveFiles, signInAdmin } from '../../test-support/provinceScreens';
import { TargetGrid } from './TargetGrid';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const built = deployment();
const province = twoPrefectureProvince(built);

const files = twoPrefectureFiles();

let db: CundianDb;

const signIn = (scope: User['scope']) => signInAdmin(scope, db);

beforeEach(async () => {
  setDeployment(province);
  forgetRegions();
  db = freshDatabase('province-target-grid');
  serveFiles(files);
  await setTarget(2026, null, 'servicePoints', 3000); // the province's own
  await setTarget(2026, '3302', 'servicePoints', 1200); // 宁波市's own
});

afterEach(() => {
  cleanup();
  setDeployment(built);
  forgetRegions();
  vi.unstubAllGlobals();
});

const cell = (area: string, metric = '运营中的服务点') =>
  screen.getByLabelText(`${area}的“${metric}”目标`) as HTMLInputElement;

describe('the targets grid of a province', () => {
  it('a province admin’s grid lists the province’s own row and each prefecture’s, not the counties', async () => {
    await signIn({ level: 'province', code: '33' });
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    await screen.findByLabelText('全省的“运营中的服务点”目标');
    const grid = screen.getByTestId('target-grid');
    const inputs = within(grid).getAllByRole('textbox') as HTMLInputElement[];
    expect(inputs.map((i) => i.getAttribute('aria-label'))).toEqual([
      '全省的“运营中的服务点”目标',
      '杭州市的“运营中的服务点”目标',
      '宁波市的“运营中的服务点”目标',
    ]);
    // Each row shows its OWN stored row: 宁波市's 1200, 杭州市 none; never the province's 3000.
    expect(cell('全省').value).toBe('3000');
    expect(cell('宁波市').value).toBe('1200');
    expect(cell('杭州市').value).toBe('');
    expect(screen.queryByLabelText('淳安县的“运营中的服务点”目标')).toBeNull();
    // A prefecture's name leads to its counties' grid.
    const link = within(grid).getByRole('link', { name: /杭州市/ });
    expect(link.getAttribute('href')).toContain('/assessment/targets');
    expect(link.getAttribute('href')).toContain('area=3301');
    // Saving writes 杭州市's own row (4 digits), with the id every device derives.
    fireEvent.change(cell('杭州市'), { target: { value: '1500' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/已保存 1 项目标/)).toBeTruthy();
    const saved = await getRecord('target', targetId(2026, '3301', 'servicePoints'));
    expect(saved?.countyCode).toBe('3301');
    expect(saved?.value).toBe(1500);
  });

  it('drilled into a prefecture: its own row over its counties, and the way back up', async () => {
    await signIn({ level: 'province', code: '33' });
    render(<TargetGrid year={2026} metric="servicePointsOpen" area="3302" />);
    await screen.findByLabelText('宁波市的“运营中的服务点”目标');
    const inputs = within(screen.getByTestId('target-grid')).getAllByRole('textbox');
    expect(inputs.map((i) => i.getAttribute('aria-label'))).toEqual([
      '宁波市的“运营中的服务点”目标',
      '象山县的“运营中的服务点”目标',
    ]);
    expect(cell('宁波市').value).toBe('1200');
    const trail = screen.getByRole('navigation', { name: '区域层级' });
    expect(within(trail).getByRole('link', { name: '浙江省' })).toBeTruthy();
  });

  it('a prefecture admin sets their prefecture’s own row and its counties’, as in REGION=3301', async () => {
    await signIn({ level: 'prefecture', code: '3302' });
    // Asked for another prefecture (a stale link): the grid stays in their own.
    render(<TargetGrid year={2026} metric="servicePointsOpen" area="3301" />);
    await screen.findByLabelText('宁波市的“运营中的服务点”目标');
    expect(screen.queryByLabelText('杭州市的“运营中的服务点”目标')).toBeNull();
    expect(screen.queryByLabelText('全省的“运营中的服务点”目标')).toBeNull();
    expect(screen.queryByRole('navigation', { name: '区域层级' })).toBeNull();
    fireEvent.change(cell('象山县'), { target: { value: '80' } });
    fireEvent.change(cell('宁波市'), { target: { value: '1300' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/已保存 2 项目标/)).toBeTruthy();
    expect((await getRecord('target', targetId(2026, '3302', 'servicePoints')))?.value).toBe(1300);
    expect((await getRecord('target', targetId(2026, '330225', 'servicePoints')))?.value).toBe(80);
    expect((await getRecord('target', targetId(2026, null, 'servicePoints')))?.value).toBe(3000);
  });
});

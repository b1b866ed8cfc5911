/**
 * The assessment table of a province (issue 16 part 2): a province admin's phone ranks the
 * prefectures, with the province's own figure against the province's own target as the totals row,
 * and never sets a prefecture against the province's target; a prefecture's row drills to its
 * counties (?area=), with a breadcrumb back up. A prefecture admin of the same province starts on
 * their own prefecture. A small two-prefecture province (the app's loader merges its files), real
 * records and targets written through the actions into fake-indexeddb.
 */
import { cleanup, configure, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord, setTarget } from '../../actions';
import type { CundianDb } from '../../db';
import { deployment, setDeployment } from '../../domain/deployment';
import { twoPrefectureFiles, twoPrefectureProvince } from '../../test-support/province';
import { serveFiles, signInAdmin } from '../../test-support/provinceScreens';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { forgetRegions } from '../../regions';
import { freshDatabase } from '../../test-support/database';
import { localToday } from '../shared/dates';
import { CountyTable } from './CountyTable';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const YEAR = Number(localToday().slice(0, 4));
const opened = `${YEAR}-02-01`;
const built = deployment();
const province = twoPrefectureProvince(built);

const files = twoPrefectureFiles();

let db: CundianDb;

const signIn = (scope: User['scope']) => signInAdmin(scope, db);

beforeEach(async () => {
  setDeployment(province);
  forgetRegions();
  db = freshDatabase('province-table');
  serveFiles(files);
  for (const regionCode of ['330127100200', '330127100201', '330225100200']) {
    await saveRecord('servicePoint', null, {
      ...newServicePointFields(opened),
      status: 'open',
      statusHistory: [{ status: 'open', date: opened }],
      openedOn: opened,
      regionCode,
      name: `服务点 ${regionCode}`,
    });
  }
  await setTarget(YEAR, null, 'servicePoints', 30); // the province's own target
});

afterEach(() => {
  cleanup();
  setDeployment(built);
  forgetRegions();
  vi.unstubAllGlobals();
});

const rowNames = () =>
  within(screen.getByTestId('county-table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('the assessment table of a province', () => {
  it('ranks the prefectures under the province, each against its own target only', async () => {
    await signIn({ level: 'province', code: '33' });
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    expect(await screen.findByRole('heading', { name: `${YEAR} 年各地市完成情况` })).toBeTruthy();
    expect(rowNames()).toEqual(['杭州市', '宁波市', '浙江省（全省）']);
    const table = screen.getByTestId('county-table');
    const row = (name: string) =>
      within(table)
        .getAllByRole('row')
        .find((r) => r.textContent?.includes(name))!;
    // The province: 3 open against its own 30. A prefecture: its own 2, and no target of its own
    // (never the province's 30).
    expect(row('浙江省').textContent).toContain('30');
    expect(row('杭州市').textContent).toContain('未设目标');
    expect(row('杭州市').textContent).not.toContain('30');
    // A prefecture's row drills to its counties.
    const link = within(row('杭州市')).getByRole('link', { name: /杭州市/ });
    expect(link.getAttribute('href')).toContain('area=3301');
  });

  it('a prefecture with a target of its own is measured against it (and its counties are not)', async () => {
    await setTarget(YEAR, '3301', 'servicePoints', 8); // 杭州市's own row
    await signIn({ level: 'province', code: '33' });
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    expect(await screen.findByRole('heading', { name: `${YEAR} 年各地市完成情况` })).toBeTruthy();
    const table = screen.getByTestId('county-table');
    const row = (name: string) =>
      within(table)
        .getAllByRole('row')
        .find((r) => r.textContent?.includes(name))!;
    // 杭州市: 2 open against its own 8 (25%); 宁波市 has none of its own; the province keeps 30.
    expect(row('杭州市').textContent).toContain('8');
    expect(row('杭州市').textContent).toContain('25%');
    expect(row('杭州市').textContent).not.toContain('未设目标');
    expect(row('宁波市').textContent).toContain('未设目标');
    expect(row('浙江省').textContent).toContain('30');
    cleanup();
    // Drilled into 杭州市: its own row is the totals' target; 淳安县 has none of its own.
    render(<CountyTable year={YEAR} metric="servicePointsOpen" area="3301" />);
    expect(
      await screen.findByRole('heading', { name: `${YEAR} 年杭州市各区县完成情况` }),
    ).toBeTruthy();
    const drilled = screen.getByTestId('county-table');
    const total = within(drilled)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('杭州市（全市）'))!;
    expect(total.textContent).toContain('25%');
    const county = within(drilled)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('淳安县'))!;
    expect(county.textContent).toContain('未设目标');
  });

  it('drilled into a prefecture: its counties, its own totals, and the way back up', async () => {
    await signIn({ level: 'province', code: '33' });
    render(<CountyTable year={YEAR} metric="servicePointsOpen" area="3301" />);
    expect(
      await screen.findByRole('heading', { name: `${YEAR} 年杭州市各区县完成情况` }),
    ).toBeTruthy();
    expect(rowNames()).toEqual(['淳安县', '杭州市（全市）']);
    const trail = screen.getByRole('navigation', { name: '区域层级' });
    expect(within(trail).getByRole('link', { name: '浙江省' }).getAttribute('href')).not.toContain(
      'area=',
    );
    expect(within(trail).getByText('杭州市').getAttribute('aria-current')).toBe('page');
  });

  it('a prefecture admin of the province starts on their own prefecture and cannot leave it', async () => {
    await signIn({ level: 'prefecture', code: '3302' });
    render(<CountyTable year={YEAR} metric="servicePointsOpen" area="3301" />);
    expect(await screen.findByTestId('county-table')).toBeTruthy();
    expect(rowNames()).toEqual(['象山县', '宁波市（全市）']);
    expect(screen.queryByRole('navigation', { name: '区域层级' })).toBeNull();
  });
});

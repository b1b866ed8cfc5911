/**
 * The trends are a chart, and a chart alone says nothing to a screen reader or on a phone where
 * the chart cannot load: the sentence and the table of monthly values carry the same figures,
 * counted on the device month by month (each month's end through metricFacts), with last
 * year's line beside this year's and the pace line to the area's own target.
 */
import { configure, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord, setTarget } from '../../actions';
import { writeSession, type CundianDb } from '../../db';
import { newServicePointFields } from '../../domain/servicePoint';
import { Trends } from './Trends';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

let db: CundianDb;

beforeEach(async () => {
  db = freshDatabase('trends');
  serveRegionFiles();
  await writeSession(
    {
      token: 't',
      user: {
        id: 'u1',
        username: 'admin',
        displayName: '市管理员',
        role: 'admin',
        scope: { level: 'prefecture', code: '3301' },
      },
      loggedInAt: '2025-03-01T00:00:00Z',
    },
    db,
  );
  for (const [regionCode, opened] of [
    ['330127100219', '2024-05-10'],
    ['330127100231', '2025-03-05'],
    ['330122002200', '2025-08-01'],
  ] as const) {
    await saveRecord('servicePoint', null, {
      ...newServicePointFields(opened),
      status: 'open',
      statusHistory: [{ status: 'open', date: opened }],
      openedOn: opened,
      regionCode,
      name: `服务点 ${regionCode}`,
    });
  }
  await setTarget(2025, null, 'servicePoints', 12);
});

describe('trends', () => {
  it('says where the year stands in words and lists every month, with last year and the pace line', async () => {
    render(<Trends year={2025} metric="servicePointsOpen" initialArea={null} />);
    const summary = await screen.findByTestId('trend-summary');
    expect(summary.textContent).toBe('到 12月31日：3；按进度应到 12（全年目标 12）；上年同期 1。');
    fireEvent.click(screen.getByText('每月数值'));
    const rows = within(screen.getByTestId('trend-values')).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '月份2025 年进度线（到目标）2024 年（上年）',
      '1月1' + '1' + '0',
      '2月1' + '2' + '0',
      '3月2' + '3' + '0',
      '4月2' + '4' + '0',
      '5月2' + '5' + '1',
      '6月2' + '6' + '1',
      '7月2' + '7' + '1',
      '8月3' + '8' + '1',
      '9月3' + '9' + '1',
      '10月3' + '10' + '1',
      '11月3' + '11' + '1',
      '12月3' + '12' + '1',
    ]);
    // The chart itself is named and drawn from the same values (or says it could not load).
    expect(screen.getByRole('figure', { name: /运营中的服务点逐月累计折线图/ })).toBeTruthy();
  });

  it('has no pace line for an area without its own target, and says so', async () => {
    render(<Trends year={2025} metric="servicePointsOpen" initialArea="330127" />);
    const summary = await screen.findByTestId('trend-summary');
    expect(summary.textContent).toBe('到 12月31日：2（未设目标，没有进度线）；上年同期 1。');
    expect(screen.getByRole('heading', { name: '淳安县 · 2025 年逐月趋势' })).toBeTruthy();
    fireEvent.click(screen.getByText('每月数值'));
    expect(
      within(screen.getByTestId('trend-values'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['月份', '2025 年', '2024 年（上年）']);
  });
});

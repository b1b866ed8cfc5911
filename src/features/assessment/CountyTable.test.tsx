/**
 * The county table is where a county learns where it stands: each county against its OWN target,
 * the prefecture's own figure against the prefecture's own target as the totals row (a sum of the
 * counties' targets would be a number nobody set), sortable by any column, the coordinator's
 * county marked in words with its rank said — from the server's answer kept for offline use, since
 * a county's phone holds only its own records — and a county opening onto its townships.
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
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord, setTarget } from '../../actions';
import { writeSession, type CundianDb } from '../../db';
import { areaOfCode, areaTable, metricFacts, type MetricInput } from '../../domain/metrics';
import type { CountyTableResponse } from '../../domain/metricsWire';
import type { User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import { targetId, type Target } from '../../domain/target';
import { localToday } from '../shared/dates';
import { CountyTable } from './CountyTable';
import { CountyView } from './CountyView';
import { freshDatabase } from '../../test-support/database';
import { regionFileText, testRegions } from '../../test-support/regions';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const CHUNAN = '330127';
const TONGLU = '330122';
const JIANDE = '330182';
const YEAR = Number(localToday().slice(0, 4));
const regions = testRegions();
const regionFile = regionFileText();

/** Open points per village: 淳安县 3 (two in 千岛湖镇), 桐庐县 2, 建德市 1. */
const OPEN_POINTS = [
  '330127100219',
  '330127100231',
  regions.villages.find(
    (v) => v.countyCode === CHUNAN && v.townshipCode !== '330127100' && v.rural,
  )!.code,
  '330122002200',
  '330122002201',
  '330182001202',
];
/** Own targets: shares 淳安县 3/10, 桐庐县 2/4, 建德市 1/20 → ranks 2, 1, 3. */
const TARGETS: [string | null, number][] = [
  [null, 100],
  [CHUNAN, 10],
  [TONGLU, 4],
  [JIANDE, 20],
];

const admin: User = {
  id: 'u1',
  username: 'admin',
  displayName: '市管理员',
  role: 'admin',
  scope: { level: 'prefecture', code: '3301' },
};
const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: CHUNAN },
};

const opened = `${YEAR}-02-01`;

/** The same records as the server would count them (for the coordinator's server answer). */
function serverAnswer(): CountyTableResponse {
  const input: MetricInput = {
    villages: regions.villages,
    points: OPEN_POINTS.map((regionCode) => ({
      regionCode,
      statusHistory: [{ status: 'open', date: opened }],
      deleted: false,
    })),
    trainees: [],
    sessions: [],
    attendance: [],
    centralTowns: [],
    stores: [],
    pilots: [],
    shops: [],
    targets: TARGETS.map(
      ([countyCode, value]) =>
        ({
          id: targetId(YEAR, countyCode, 'servicePoints'),
          year: YEAR,
          countyCode,
          metric: 'servicePoints',
          value,
          version: 1,
          deleted: false,
          updatedAt: null,
          updatedBy: null,
        }) as unknown as Target,
    ),
  };
  const today = localToday();
  const table = areaTable(
    metricFacts(input, YEAR, today),
    regions.counties.map((c) => areaOfCode(c.code)),
    areaOfCode('3301'),
    today,
  );
  return { table, countedAt: '2026-12-01T02:30:00.000Z' };
}

let db: CundianDb;
let server: 'answers' | 'offline' = 'answers';

beforeEach(() => {
  db = freshDatabase('county-table');
  server = 'answers';
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/api/assessment/counties')) {
      if (server === 'offline') throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(serverAnswer()), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(regionFile, { status: 200 });
  });
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The records on an admin's phone: the points and the targets above. */
async function recordPrefecture() {
  for (const [i, regionCode] of OPEN_POINTS.entries()) {
    await saveRecord('servicePoint', null, {
      ...newServicePointFields(opened),
      status: 'open',
      statusHistory: [{ status: 'open', date: opened }],
      openedOn: opened,
      regionCode,
      name: `服务点${i + 1}`,
    });
  }
  for (const [countyCode, value] of TARGETS) {
    await setTarget(YEAR, countyCode, 'servicePoints', value);
  }
}

const rowNames = () =>
  within(screen.getByTestId('county-table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('rowheader').textContent);

describe('the county table on an admin’s phone', () => {
  beforeEach(async () => {
    await writeSession({ token: 't', user: admin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    await recordPrefecture();
  });

  it('sets each county against its own target, and the prefecture against its own', async () => {
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    const chunan = await screen.findByTestId(`row-${CHUNAN}`);
    await waitFor(() => expect(within(chunan).getAllByRole('cell')[0]!.textContent).toBe('3'));
    expect(
      within(chunan)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '10', '30%落后', '2']);
    // A county without a target: no share, no rank — and it says so.
    expect(within(screen.getByTestId('row-330102')).getAllByRole('cell')[1]!.textContent).toBe(
      '未设目标',
    );
    // The totals row: 6 of the prefecture's own 100, not of 10 + 4 + 20.
    const total = screen.getByTestId('row-total');
    expect(within(total).getByRole('rowheader').textContent).toBe('杭州市（全市）');
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['6', '100', '6%落后', '—']);
    expect((await screen.findByTestId('figures-as-of')).textContent).toContain('按本机记录统计');
    // A county's row opens that county.
    expect(within(chunan).getByRole('link', { name: '淳安县' }).getAttribute('href')).toBe(
      `/assessment/county/${CHUNAN}?metric=servicePointsOpen&year=${YEAR}`,
    );
  });

  it('sorts by any column, rows without a figure last whichever way', async () => {
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    await waitFor(() =>
      expect(within(screen.getByTestId(`row-${CHUNAN}`)).getAllByRole('cell')[0]!.textContent).toBe(
        '3',
      ),
    );
    expect(rowNames()[0]).toBe('上城区'); // the gazetteer's order to start with
    const share = screen.getByRole('button', { name: '完成率' });
    fireEvent.click(share);
    expect(share.closest('th')!.getAttribute('aria-sort')).toBe('descending');
    expect(rowNames().slice(0, 4)).toEqual(['桐庐县', '淳安县', '建德市', '上城区']);
    fireEvent.click(share);
    expect(share.closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(rowNames().slice(0, 3)).toEqual(['建德市', '淳安县', '桐庐县']);
    expect(rowNames().at(-1)).not.toBe('桐庐县'); // counties without a target stay last
    fireEvent.click(screen.getByRole('button', { name: '完成' }));
    expect(rowNames().slice(0, 2)).toEqual(['淳安县', '桐庐县']); // 3, 2 points
    fireEvent.click(screen.getByRole('button', { name: '名次' }));
    expect(rowNames().slice(0, 3)).toEqual(['桐庐县', '淳安县', '建德市']);
    fireEvent.click(screen.getByRole('button', { name: '区县' }));
    expect(rowNames()[0]).toBe('上城区');
    // The totals row never moves.
    expect(within(screen.getByTestId('row-total')).getByRole('rowheader').textContent).toBe(
      '杭州市（全市）',
    );
  });

  it('shows every metric side by side on a wide screen, sorted by a metric’s header', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: true,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    const header = await screen.findByRole('button', { name: /已开旗舰店的中心镇/ });
    expect(screen.getAllByRole('columnheader')).toHaveLength(9);
    await waitFor(() =>
      expect(within(screen.getByTestId(`row-${TONGLU}`)).getAllByRole('cell')[0]!.textContent).toBe(
        '2 / 450%落后第 1',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: /运营中的服务点/ }));
    expect(rowNames().slice(0, 3)).toEqual(['桐庐县', '淳安县', '建德市']);
    expect(header.closest('th')!.getAttribute('aria-sort')).toBe('none');
  });
});

describe('a year with nothing in it', () => {
  it('says so instead of a page of zeros', async () => {
    await writeSession({ token: 't', user: admin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    render(<CountyTable year={2019} metric="servicePointsOpen" />);
    expect(await screen.findByText('2019 年还没有任何记录，也没有设目标。')).toBeTruthy();
    expect(screen.queryByTestId('county-table')).toBeNull();
  });
});

describe('the county table on a coordinator’s phone', () => {
  beforeEach(async () => {
    await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
  });

  it('comes from the server, marks the county in words and says its rank', async () => {
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    const mine = await screen.findByTestId(`row-${CHUNAN}`);
    expect(mine.getAttribute('aria-current')).toBe('true');
    expect(within(mine).getByText('本县')).toBeTruthy();
    expect(screen.getByTestId('my-rank').textContent).toBe(
      '淳安县的“运营中的服务点”在 3 个设了目标的区县中排第 2 名。',
    );
    expect(screen.getByTestId('figures-as-of').textContent).toMatch(/^统计于 .*服务器统计/);
    // Only one county is marked.
    expect(screen.getAllByText('本县')).toHaveLength(1);
  });

  it('keeps the answer for offline use; without one it says how to get it', async () => {
    server = 'offline';
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    expect(await screen.findByText(/这台手机还没有下载过/)).toBeTruthy();
    cleanup();
    server = 'answers';
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    await screen.findByTestId('my-rank');
    cleanup();
    // The signal gone again: the kept table, still with when it was counted.
    server = 'offline';
    render(<CountyTable year={YEAR} metric="servicePointsOpen" />);
    expect((await screen.findByTestId('my-rank')).textContent).toContain('排第 2 名');
    expect(screen.getByTestId('figures-as-of').textContent).toContain('统计于');
  });
});

describe('a county and its townships', () => {
  it('opens the county against its own targets with its rank, and its townships’ figures', async () => {
    await writeSession({ token: 't', user: admin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    await recordPrefecture();
    render(<CountyView code={CHUNAN} year={YEAR} metric="servicePointsOpen" onMetric={() => {}} />);
    const points = await screen.findByTestId('county-servicePointsOpen');
    await waitFor(() => expect(points.textContent).toContain('3 / 10'));
    expect(points.textContent).toContain('排名 第 2 / 3');
    expect(screen.getByTestId('county-villagesCovered').textContent).toContain('未设目标');
    // Its townships: figures only (townships have no targets), from the device's records.
    const townships = await screen.findByTestId('township-table');
    expect(
      within(townships)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['乡镇▲', '完成↕']);
    expect(within(screen.getByTestId('row-330127100')).getByRole('cell').textContent).toBe('2');
    expect(within(townships).getAllByRole('row')).toHaveLength(
      regions.townshipsOf(CHUNAN).length + 1,
    );
    expect(screen.getByText(/乡镇没有目标/)).toBeTruthy();
  });

  it('names a county whose townships are not on this phone instead of showing zeros', async () => {
    await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    render(<CountyView code={TONGLU} year={YEAR} metric="servicePointsOpen" onMetric={() => {}} />);
    expect((await screen.findByTestId('county-servicePointsOpen')).textContent).toContain('2 / 4');
    expect(await screen.findByText(/桐庐县的乡镇记录不在这台手机上/)).toBeTruthy();
    expect(screen.queryByTestId('township-table')).toBeNull();
  });
});

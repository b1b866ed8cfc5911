/**
 * The yearly assessment report as its readers meet it, from the records on the device: the city
 * admin opens 淳安县's 2026 report and finds each figure against 淳安县's own target (never the
 * prefecture's), the county's rank, the villages still without a point, the pilot with its dates,
 * the stores, the session with its attendance and the office's signature block; the prefecture's
 * report ranks the counties. A coordinator with no signal gets the ranks the server counted
 * earlier, and says when; another county's report is refused with the reason. A year with no
 * data, an unknown area and a year out of range each say so instead of showing zeros.
 */
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { keepAnswer, writeLastSyncedAt, writeSession, type CundianDb } from '../../db';
import { areaOfCode, areaTable, metricFacts } from '../../domain/metrics';
import type { User } from '../../domain/protocol';
import SettingsScreen from '../settings/SettingsScreen';
import ReportScreen from './ReportScreen';
import { CHUNAN, testRecords, TEST_TODAY } from '../../test-support/reportRecords';
import { freshDatabase } from '../../test-support/database';
import { regionFileText, testRegions } from '../../test-support/regions';

configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const admin: User = {
  id: 'u1',
  username: 'admin',
  displayName: '王管理',
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

let db: CundianDb;
/** What the server answers (the coordinator's county table); null: no signal. */
let serverAnswer: unknown = null;

beforeEach(async () => {
  // Only Date is faked: IndexedDB and React keep their real timers.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TEST_TODAY}T10:00:00+08:00`));
  db = freshDatabase('report');
  const regionFile = regionFileText();
  serverAnswer = null;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const url = String(input);
    if (url.includes('/regions/')) return new Response(regionFile, { status: 200 });
    if (serverAnswer === null) throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(serverAnswer), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  const records = testRecords();
  await db.servicePoints.bulkPut(records.points as never);
  await db.trainees.bulkPut(records.trainees as never);
  await db.trainingSessions.bulkPut(records.sessions as never);
  await db.attendance.bulkPut(records.attendance as never);
  await db.centralTowns.bulkPut(records.centralTowns as never);
  await db.flagshipStores.bulkPut(records.stores as never);
  await db.pilotTowns.bulkPut(records.pilots as never);
  await db.agriShops.bulkPut(records.shops as never);
  await db.targets.bulkPut(records.targets as never);
  await writeLastSyncedAt('2026-12-04T09:30:00.000Z', db);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function signIn(user: User) {
  await writeSession({ token: 't', user, loggedInAt: '2026-12-01T00:00:00Z' }, db);
}

function open(path: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook}>
      <ReportScreen />
    </Router>,
  );
  return location;
}

/** The metrics table's row of one metric, as the cells' texts. */
async function metricRow(metric: string) {
  const table = await screen.findByTestId('report-metrics');
  const row = table.querySelector(`tr[data-metric="${metric}"]`) as HTMLElement;
  return Array.from(row.children).map((cell) => cell.textContent);
}

describe('the admin’s report for 淳安县, 2026', () => {
  beforeEach(() => signIn(admin));

  it('sets each figure against 淳安县’s own target and gives its rank among the counties', async () => {
    open('/assessment/report/330127/2026');
    await screen.findByRole('heading', { name: '淳安县 2026 年度考核表', level: 1 });
    // The ranks are counted apart from the area's own figures: '…' until they are.
    await waitFor(async () => expect((await metricRow('servicePointsOpen'))[5]).not.toBe('…'));
    // 浪洞村's point is open; 文屏村's closed in June. 4 is 淳安县's target, not the city's 1500.
    expect(await metricRow('servicePointsOpen')).toEqual([
      '运营中的服务点',
      '1',
      '4',
      '25%',
      '落后',
      '第 2 / 2',
    ]);
    // Two of 淳安县's people came to a session (the third is 桐庐县's and was absent anyway).
    expect((await metricRow('peopleTrained')).slice(0, 4)).toEqual([
      '当年培训人数',
      '2',
      '4',
      '50%',
    ]);
    expect((await metricRow('pilotsAccepted')).slice(1, 4)).toEqual(['1', '2', '50%']);
    // No target of its own: says so, with the share of the city's target only as a hint.
    const shops = await metricRow('agriShopsOnPlatform');
    expect(shops.slice(0, 2)).toEqual(['接入平台的农业网店', '1']);
    expect(shops[2]).toMatch(/^未设目标参考 \d+$/);
    expect(shops[5]).toBe('不排名');
    expect(screen.getByText(/不是本县的目标/)).toBeTruthy();
    // Villages covered: 1 of the county's rural villages.
    expect((await metricRow('villagesCovered'))[1]).toMatch(/^1共 337 个行政村$/);

    const meta = screen.getByLabelText('考核表信息');
    expect(meta.textContent).toContain('淳安县（330127）');
    expect(meta.textContent).toContain('2026年12月5日（年度进行中，按今天统计）');
    expect(meta.textContent).toContain('最近一次与服务器同步于 2026年12月4日');
    expect(meta.textContent).toContain('按本机保存的全市记录统计');
  });

  it('lists the uncovered villages, the pilot, the stores, the session and the signature block', async () => {
    open('/assessment/report/330127/2026');
    const summary = await screen.findByTestId('report-gaps-summary');
    expect(summary.textContent).toBe(
      '截至 2026年12月5日，淳安县共有行政村 337 个，已有运营中服务点的 1 个，尚无服务点的 336 个。',
    );
    const gaps = screen.getByTestId('report-gaps');
    const wenchang = within(gaps).getByRole('rowheader', { name: '文昌镇' }).closest('tr')!;
    expect(wenchang.textContent).toContain('文屏村'); // its point closed in June
    expect(wenchang.textContent).not.toContain('浪洞村');

    const pilots = within(screen.getByTestId('report-pilots')).getAllByRole('row');
    expect(pilots[1]!.textContent).toBe(
      '千岛湖镇验收通过2026-01-102026-02-012026-02-202026-11-301 / 2',
    );

    const stores = within(screen.getByTestId('report-stores')).getAllByRole('row');
    expect(stores.map((r) => r.textContent)).toEqual([
      '店铺名称乡镇（街道）平台状态开通日期当年中心镇',
      '千岛湖有机鱼旗舰店千岛湖镇天猫已开通2024-05-18是',
      '=HYPERLINK("http://x")文昌镇天猫筹备中—否',
    ]);

    const sessions = within(screen.getByTestId('report-sessions')).getAllByRole('row');
    // Title, date, place, hours, on the list, present, late, absent.
    expect(sessions[1]!.textContent).toBe('农村电商入门2026-03-01千岛湖镇63111');
    expect(sessions).toHaveLength(3); // header, the session, the total (桐庐县's is not here)

    const sign = screen.getByTestId('report-sign');
    expect(within(sign).getByText('填报单位（盖章）')).toBeTruthy();
    expect(within(sign).getByText('负责人（签字）')).toBeTruthy();
    expect(within(sign).getByText('日期')).toBeTruthy();
    expect(screen.getByRole('button', { name: '打印 / 保存为 PDF' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '下载 Excel 工作簿' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '导出全部数据（.zip）' })).toBeTruthy();
  });

  it('ranks every county in the prefecture’s report, the city against its own targets', async () => {
    open('/assessment/report/3301/2026');
    await screen.findByRole('heading', { name: '杭州市 2026 年度考核表', level: 1 });
    const counties = await screen.findByTestId('report-counties');
    const chunan = within(counties).getByRole('rowheader', { name: '淳安县' }).closest('tr')!;
    expect(chunan.children[1]!.textContent).toBe('1 / 425% · 第 2 / 2');
    const tonglu = within(counties).getByRole('rowheader', { name: '桐庐县' }).closest('tr')!;
    expect(tonglu.children[1]!.textContent).toBe('1 / 250% · 第 1 / 2');
    const total = within(counties).getByRole('rowheader', { name: '全市' }).closest('tr')!;
    expect(total.children[1]!.textContent).toBe('2 / 1,5000.1%');
    expect((await metricRow('servicePointsOpen')).slice(0, 3)).toEqual([
      '运营中的服务点',
      '2',
      '1,500',
    ]);
    // The paper counts the gaps per county; the workbook lists every village.
    const gaps = screen.getByTestId('report-gaps');
    expect(within(gaps).getAllByRole('row').length).toBeGreaterThan(5);
  });

  it('says a year with nothing in it has no data, instead of a page of zeros', async () => {
    open('/assessment/report/330127/2014');
    await screen.findByRole('heading', { name: '淳安县2014年没有数据', level: 1 });
    expect(screen.queryByTestId('report-metrics')).toBeNull();
    expect(screen.queryByRole('button', { name: '打印 / 保存为 PDF' })).toBeNull();
    // The year can still be changed from here.
    expect(screen.getByLabelText('考核年度')).toBeTruthy();
  });

  it('says an unknown area or a year out of range is one, and offers this year’s report', async () => {
    open('/assessment/report/330199/2026');
    await screen.findByText(/“330199”不是杭州市或其下属区县的代码/);
    expect(screen.getByRole('link', { name: '打开 2026 年的考核表' }).getAttribute('href')).toBe(
      '/assessment/report/3301/2026',
    );
    cleanup();
    open('/assessment/report/330127/2031');
    await screen.findByText(/2031 年还没有开始（今年是 2026 年）/);
    cleanup();
    open('/assessment/report/330127/2010');
    await screen.findByText(/2010 年早于本项目的第一年（2013 年）/);
    cleanup();
    open('/assessment/report/330127/abc');
    await screen.findByText(/“abc”不是一个年份/);
  });

  it('opens on the user’s own area and this year', async () => {
    const location = open('/assessment/report');
    await waitFor(() => expect(location.history?.at(-1)).toBe('/assessment/report/3301/2026'));
  });
});

describe('a coordinator, with no signal', () => {
  beforeEach(() => signIn(coordinator));

  it('shows the ranks the server counted earlier, and when', async () => {
    const input = { ...testRecords(), villages: testRegions().villages };
    const facts = metricFacts(input, 2026, TEST_TODAY);
    const table = areaTable(
      facts,
      testRegions().counties.map((c) => areaOfCode(c.code)),
      areaOfCode('3301'),
      TEST_TODAY,
    );
    await keepAnswer('countyTable:2026', { table, countedAt: '2026-12-03T02:00:00.000Z' }, db);
    open('/assessment/report/330127/2026');
    // The kept answer is read from the device a moment after the county's own records.
    const meta = await screen.findByText(/由服务器于 .* 统计/);
    expect(await metricRow('servicePointsOpen')).toContain('第 2 / 2');
    expect(meta.textContent).toContain('2026年12月3日');
  });

  it('says when ranks cannot be had offline, and still reports the county’s figures', async () => {
    open('/assessment/report/330127/2026');
    expect((await metricRow('servicePointsOpen')).slice(1, 3)).toEqual(['1', '4']);
    await screen.findByText(/联网打开一次本页，排名就会保存在本机/);
    expect((await metricRow('servicePointsOpen'))[5]).toBe('暂无');
  });

  it('is refused another county’s report and the prefecture’s, and told why', async () => {
    open('/assessment/report/330122/2026');
    await screen.findByRole('heading', { name: '不能打开这份考核表', level: 1 });
    expect(screen.getByText(/你负责的是淳安县，只能打开淳安县的考核表/)).toBeTruthy();
    expect(screen.getByRole('link', { name: '打开淳安县的考核表' })).toBeTruthy();
    cleanup();
    open('/assessment/report/3301/2026');
    await screen.findByRole('heading', { name: '不能打开这份考核表', level: 1 });
    // Only their own county: no area picker.
    cleanup();
    open('/assessment/report/330127/2026');
    await screen.findByTestId('report-metrics');
    expect(screen.queryByLabelText('考核区域')).toBeNull();
  });
});

describe('who else', () => {
  it('shows the way to the report in 更多 only to those who may open it', async () => {
    const more = async (user: User) => {
      await signIn(user);
      const location = memoryLocation({ path: '/settings' });
      render(
        <Router hook={location.hook}>
          <SettingsScreen />
        </Router>,
      );
      await screen.findByRole('link', { name: /中心镇与试点/ });
      // Settings' lazy sections arrive on their own: waited for, so none is still loading when
      // this file ends (the last file of a worker: its import ran into the environment's
      // teardown on a clean-clone CI run, once effects ran a frame after the render on Preact).
      await screen.findByRole('heading', { name: '离线底图' });
    };
    await more(coordinator);
    const link = await screen.findByRole('link', { name: /年度考核表/ });
    expect(link.getAttribute('href')).toBe('/assessment/report');
    cleanup();
    await more({
      ...coordinator,
      role: 'officer',
      scope: { level: 'township', code: '330127100' },
    });
    // The session is read from the device: the password card, drawn only once it is (and
    // mounted after the list, so read after it), says the list has its final links.
    await screen.findByRole('heading', { name: '修改密码' });
    expect(screen.queryByRole('link', { name: /年度考核表/ })).toBeNull();
  });

  it('refuses a trainer, and someone not signed in, each with the reason', async () => {
    await signIn({ ...coordinator, role: 'trainer' });
    open('/assessment/report/330127/2026');
    await screen.findByText(/你的账号是培训师，不能打开考核表/);
    cleanup();
    await db.meta.clear();
    open('/assessment/report/330127/2026');
    await screen.findByText('考核表按与服务器同步下来的记录统计，请先登录。');
    expect(screen.getByRole('link', { name: '登录' }).getAttribute('href')).toBe('/login');
  });
});

/**
 * 概览 answers "where does my area stand against ITS targets this year?" — and nothing else. The
 * issue that started this (12) found a township officer reading 6 / 1,500 (the prefecture's
 * target) and 0 / 800 people trained (officers never receive trainees). So: the user's own area,
 * named; only that area's own target rows; 未设目标 where it has none, with the county's hint
 * marked as a hint; the role's metrics first; nothing shown as 0 that the phone cannot count; a
 * word for the pace, not only a colour; and a year with nothing in it said in words.
 *
 * The date is pinned to 2026-06-30 (half the year gone) so pace is the same on any day.
 */
import { act, cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveRecord, setTarget } from '../../actions';
import { readPaceSummary, writeLastSyncedAt, writeSession, type CundianDb } from '../../db';
import type { Role, User } from '../../domain/protocol';
import { newServicePointFields } from '../../domain/servicePoint';
import DashboardScreen from './DashboardScreen';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const CHUNAN = '330127';
const QIANDAOHU = '330127100';
const FUCHENG = '330127100219'; // 富城村, a rural village of 千岛湖镇
const DANZHU = '330127100231'; // 淡竹村, another

const users: Record<Role, User> = {
  coordinator: {
    id: 'u-coordinator',
    username: 'coordinator',
    displayName: '李协调',
    role: 'coordinator',
    scope: { level: 'county', code: CHUNAN },
  },
  officer: {
    id: 'u-officer',
    username: 'officer',
    displayName: '王专员',
    role: 'officer',
    scope: { level: 'township', code: QIANDAOHU },
  },
  trainer: {
    id: 'u-trainer',
    username: 'trainer',
    displayName: '赵培训',
    role: 'trainer',
    scope: { level: 'county', code: CHUNAN },
  },
  admin: {
    id: 'u-admin',
    username: 'admin',
    displayName: '市管理员',
    role: 'admin',
    scope: { level: 'prefecture', code: '3301' },
  },
};

let db: CundianDb;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-30T10:00:00'));
  db = freshDatabase('board');
  serveRegionFiles();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

async function signIn(role: Role) {
  await writeSession({ token: 't', user: users[role], loggedInAt: '2026-06-01T00:00:00Z' }, db);
}

async function openPoint(village: string, name: string) {
  await saveRecord('servicePoint', null, {
    ...newServicePointFields('2026-02-01'),
    regionCode: village,
    name,
    status: 'open',
    statusHistory: [{ status: 'open', date: '2026-02-01' }],
    openedOn: '2026-02-01',
  });
}

/**
 * Records as the server sends them (the city's targets are the admin's): written with nobody
 * signed in on this phone, then the user is back — the actions refuse a role that may not write.
 */
async function asServer(write: () => Promise<unknown>) {
  const session = await db.meta.get('session');
  await db.meta.delete('session');
  await write();
  if (session) await db.meta.put(session);
}

/** Two open points in two rural villages of 淳安县 · 千岛湖镇, and the plan for 2026. */
async function seed() {
  await asServer(seedAll);
}

async function seedAll() {
  await openPoint(FUCHENG, '富城村服务点');
  await openPoint(DANZHU, '淡竹村服务点');
  await setTarget(2026, null, 'servicePoints', 1500);
  await setTarget(2026, null, 'centralTownsWithStore', 10);
  await setTarget(2026, CHUNAN, 'servicePoints', 4);
  await setTarget(2026, CHUNAN, 'villagesCovered', 5);
  await setTarget(2026, CHUNAN, 'traineesTrained', 10);
}

const row = (metric: string) => screen.getByTestId(`board-${metric}`);
const rowOrder = () =>
  screen.getAllByRole('listitem').map((li) => li.getAttribute('data-testid') ?? '');

describe('the target board', () => {
  it("names the coordinator's county and sets it against the county's own targets only", async () => {
    await signIn('coordinator');
    await seed();
    render(<DashboardScreen />);

    await screen.findByRole('heading', { level: 2, name: /淳安县/ });
    expect(screen.getByRole('heading', { level: 1, name: '概览' })).toBeTruthy();
    // 2 open of the county's 4 — never of the prefecture's 1,500.
    const points = await screen.findByTestId('board-servicePointsOpen');
    expect(within(points).getByTestId('board-value').textContent).toBe('2 / 4');
    expect(points.textContent).toContain('50%');
    expect(points.textContent).not.toContain('1,500');
    // Half the year gone, half the target: on pace, said in words with the colour.
    expect(within(points).getByText('进度正常')).toBeTruthy();
    expect(points.querySelector('[data-pace="ahead"]')).toBeTruthy();

    // 2 villages of 5: a little behind the year (40 % against 50 %), and their share of the
    // county's rural villages.
    const covered = row('villagesCovered');
    expect(within(covered).getByText('稍慢')).toBeTruthy();
    expect(covered.textContent).toMatch(/全县 337 个行政村的 1%/);

    // Nobody trained against a target of 10: behind.
    expect(within(row('peopleTrained')).getByText('落后')).toBeTruthy();
  });

  it('says 未设目标 where the county has no row, and marks the hint as a hint', async () => {
    await signIn('coordinator');
    await seed();
    render(<DashboardScreen />);

    const stores = await screen.findByTestId('board-centralTownsWithStore');
    expect(within(stores).getByTestId('board-value').textContent).toBe('0');
    expect(within(stores).getByText('未设目标')).toBeTruthy();
    // The prefecture's 10 by the county's share of rural villages (337 of 1,906), rounded up.
    expect(within(stores).getByTestId('board-hint').textContent).toBe(
      '参考：全市目标按行政村数分摊约 2（非本县目标）',
    );
    // No pace for a figure without a target of its own.
    expect(stores.querySelector('[data-pace]')).toBeNull();
    // No hint where the prefecture has no target either.
    expect(within(row('trainingPersonTimes')).queryByTestId('board-hint')).toBeNull();
  });

  it('puts the metrics the role answers for first', async () => {
    await signIn('coordinator');
    await seed();
    const { unmount } = render(<DashboardScreen />);
    await screen.findByTestId('board-servicePointsOpen');
    expect(rowOrder().slice(0, 5)).toEqual([
      'board-servicePointsOpen',
      'board-villagesCovered',
      'board-villagesNewlyCovered',
      'board-peopleTrained',
      'board-pilotsAccepted',
    ]);
    unmount();

    await signIn('trainer');
    render(<DashboardScreen />);
    await screen.findByTestId('board-peopleTrained');
    expect(rowOrder().slice(0, 2)).toEqual(['board-peopleTrained', 'board-trainingPersonTimes']);
  });

  it("names the officer's township, with no target it cannot have, and no training figures", async () => {
    await signIn('officer');
    await seed();
    render(<DashboardScreen />);

    await screen.findByRole('heading', { level: 2, name: /淳安县 · 千岛湖镇/ });
    const points = await screen.findByTestId('board-servicePointsOpen');
    // The county's 4 is not the township's target, nor the prefecture's 1,500.
    expect(within(points).getByTestId('board-value').textContent).toBe('2');
    expect(within(points).getByText('未设目标')).toBeTruthy();
    expect(screen.getByText('目标只下达到区县及以上，乡镇看本镇的实际数字。')).toBeTruthy();
    // Officers never receive trainees: no "0 trained" as if it were a result, but a reason.
    expect(screen.queryByTestId('board-peopleTrained')).toBeNull();
    expect(screen.queryByTestId('board-trainingPersonTimes')).toBeNull();
    expect(screen.getByTestId('board-not-kept').textContent).toBe(
      '当年培训人数、培训人次不在本机统计：这些记录不会下载到你的手机。',
    );
    expect(row('villagesCovered').textContent).toMatch(/全镇 16 个行政村的 13%/);
  });

  it('says when the figures date from: the last sync, or never', async () => {
    await signIn('coordinator');
    await seed();
    const { unmount } = render(<DashboardScreen />);
    expect((await screen.findByTestId('board-as-of')).textContent).toBe(
      '从未同步：只有本机录入的数据 · 全年已过 50%',
    );
    unmount();

    await writeLastSyncedAt('2026-06-29T08:30:00', db);
    render(<DashboardScreen />);
    expect((await screen.findByTestId('board-as-of')).textContent).toMatch(
      /^截至上次同步 6月29日 08:30 · 全年已过 50%$/,
    );
  });

  it('says a year has no data instead of showing a page of zeros, and reads a past year as a result', async () => {
    await signIn('coordinator');
    await seed();
    render(<DashboardScreen />);
    const year = await screen.findByRole('combobox', { name: '年度' });
    expect((year as HTMLSelectElement).value).toBe('2026');

    await act(async () => {
      fireEvent.change(year, { target: { value: '2019' } });
    });
    await screen.findByRole('heading', { name: '2019 年没有数据' });
    expect(screen.queryByTestId('board-servicePointsOpen')).toBeNull();

    // 2025: no points yet, but a target — a real "0 of 3", and the year is over: missed.
    await act(async () => {
      await asServer(() => setTarget(2025, CHUNAN, 'servicePoints', 3));
    });
    await act(async () => {
      fireEvent.change(year, { target: { value: '2025' } });
    });
    const points = await screen.findByTestId('board-servicePointsOpen');
    expect(within(points).getByTestId('board-value').textContent).toBe('0 / 3');
    expect(within(points).getByText('未完成')).toBeTruthy();
    expect(screen.getByTestId('board-as-of').textContent).toContain('全年数字');
    // The picker stayed in place through both switches (no spinner took the board's place).
    expect(screen.getByRole('combobox', { name: '年度' })).toBe(year);
  });

  it("names the prefecture for the admin and keeps the policy's figures below the board", async () => {
    await signIn('admin');
    await seed();
    render(<DashboardScreen />);
    await screen.findByRole('heading', { level: 2, name: /杭州市/ });
    const points = await screen.findByTestId('board-servicePointsOpen');
    expect(within(points).getByTestId('board-value').textContent).toBe('2 / 1,500');
    const about = await screen.findByRole('region', { name: '关于本项目' });
    expect(
      within(about)
        .getByRole('link', { name: /≥ 1,500 个/ })
        .getAttribute('href'),
    ).toBe('/points');
    expect(
      within(about)
        .getByRole('link', { name: /800 人\/年/ })
        .getAttribute('href'),
    ).toBe('/training');
  });

  it("lays out the policy's figures after the frame that shows the board, not in it", async () => {
    // The frames are the test's: none comes until it says so.
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (run: FrameRequestCallback) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    try {
      await signIn('admin');
      await seed();
      render(<DashboardScreen />);
      await screen.findByTestId('board-servicePointsOpen');
      expect(screen.queryByRole('region', { name: '关于本项目' })).toBeNull();
      act(() => frames.splice(0).forEach((run) => run(performance.now())));
      expect(await screen.findByRole('region', { name: '关于本项目' })).toBeTruthy();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("remembers which of the user's metrics are behind pace, for the notices", async () => {
    await signIn('coordinator');
    await seed();
    render(<DashboardScreen />);
    await screen.findByTestId('board-peopleTrained');
    await vi.waitFor(async () =>
      expect(await readPaceSummary(db)).toMatchObject({
        userId: 'u-coordinator',
        areaCode: CHUNAN,
        year: 2026,
        behind: ['peopleTrained'],
      }),
    );
  });
});

/**
 * What a field user meets before there is anything to count: a phone with no central-town list
 * must say so in words (not "0 / 0", not a search box over nothing) and show an admin where to
 * start. (A coordinator reading the targets as figures is the targets grid's test now:
 * src/features/assessment/TargetGrid.test.tsx.)
 */
import { configure, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { writeSession, type CundianDb } from '../../db';
import type { User } from '../../domain/protocol';
import { Overview } from './Overview';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const coordinator: User = {
  id: 'u2',
  username: 'coordinator',
  displayName: '李协调',
  role: 'coordinator',
  scope: { level: 'county', code: '330127' },
};

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('towns-empty');
  serveRegionFiles();
});

describe('overview with no central-town list', () => {
  it('says there is no list, offers to start one, and shows no search over nothing', async () => {
    render(<Overview year={2026} />);
    expect((await screen.findByTestId('figure-stores')).textContent).toBe(
      '有旗舰店的中心镇还没有中心镇名单',
    );
    expect(screen.queryByText('0 / 0')).toBeNull();
    expect(screen.getByRole('link', { name: '标出中心镇' }).getAttribute('href')).toBe(
      '/towns/central',
    );
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.getByText('13 个区县今年都还没有试点目标，也没有试点。')).toBeTruthy();
  });

  it("tells a coordinator the list comes with the next sync, without the admin's button", async () => {
    await writeSession({ token: 't', user: coordinator, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    render(<Overview year={2026} />);
    expect(await screen.findByText(/同步时会下载到这台手机/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: '标出中心镇' })).toBeNull();
  });
});

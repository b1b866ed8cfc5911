/**
 * The towns screens say what went wrong, each in its own words, through the one error mapper
 * (src/features/shared/errors.ts) — not one "没能保存" for everything: a permission refusal says
 * it is about the account, a wrong field names the field and what to fix, a record gone says so
 * (and keeps what was typed), a full phone says so. And what a role may not do is not offered.
 *
 * A refusal that "slips through" is made real: the signed-in account changes (or the record is
 * deleted) in the same act as the tap, before the screen has re-rendered — as when a pull brings
 * the change in while the user's thumb is on the button.
 */
import {
  act,
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
} from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteRecord, markCentralTown, saveRecord } from '../../actions';
import { centralTownId } from '../../domain/centralTown';
import type { User } from '../../domain/protocol';
import { getRecord, loadDraft, writeSession, type CundianDb } from '../../db';
import { CentralTowns } from './CentralTowns';
import { PilotDetail } from './PilotDetail';
import { StoreDetail } from './StoreDetail';
import { TownPage } from './TownPage';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 5_000 });
vi.setConfig({ testTimeout: 20_000 });

const CHUNAN = '330127';
const QIANDAOHU = '330127100';
const WENCHANG = '330127101';
const NOT_ALLOWED = '没有保存：您的账号（角色或所辖范围）没有修改这条记录的权限。';
const GONE = '没有保存：这条记录已被删除或合并。';
const user = (role: User['role'], scope: User['scope']): User => ({
  id: `u-${role}`,
  username: role,
  displayName: role,
  role,
  scope,
});
const officer = user('officer', { level: 'township', code: QIANDAOHU });
const coordinator = user('coordinator', { level: 'county', code: CHUNAN });
const signIn = (u: User) =>
  writeSession({ token: 't', user: u, loggedInAt: '2026-03-01T00:00:00Z' });

let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('towns-errors');
  serveRegionFiles();
});

const alertTexts = () => screen.queryAllByRole('alert').map((a) => a.textContent ?? '');

describe('central towns', () => {
  async function openChunan() {
    render(<CentralTowns />);
    fireEvent.change(await screen.findByLabelText('区县'), { target: { value: CHUNAN } });
    return screen.findByRole('button', { name: '把千岛湖镇设为中心镇' });
  }

  it('offers no button to a role that may not change the list', async () => {
    await signIn(coordinator);
    render(<CentralTowns />);
    await screen.findByText('只有市级管理员可以修改这里的内容。');
    expect(await screen.findByTestId(`township-${QIANDAOHU}`)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /设为中心镇|取消/ })).toBeNull();
  });

  it('offers a county admin the buttons of their county only', async () => {
    await signIn(user('admin', { level: 'county', code: CHUNAN }));
    render(<CentralTowns />);
    expect(await screen.findByRole('button', { name: '把千岛湖镇设为中心镇' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('区县'), { target: { value: '330182' } });
    expect(await screen.findByTestId('township-330182001')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /设为中心镇/ })).toBeNull();
  });

  it('says a refusal is about permission, and writes nothing', async () => {
    const mark = await openChunan();
    await act(async () => {
      await signIn(officer); // the account changed under the thumb
      fireEvent.click(mark);
    });
    await waitFor(() => expect(alertTexts()).toContain(NOT_ALLOWED));
    expect(await getRecord('centralTown', centralTownId(QIANDAOHU))).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    // …and the buttons are gone with the account that could use them.
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: '把千岛湖镇设为中心镇' })).toBeNull(),
    );
  });

  it('says a town taken off meanwhile is gone', async () => {
    await markCentralTown(WENCHANG, 2014);
    await openChunan();
    const unmark = await screen.findByRole('button', { name: '取消文昌镇的中心镇' });
    await act(async () => {
      await deleteRecord('centralTown', centralTownId(WENCHANG));
      fireEvent.click(unmark);
    });
    await waitFor(() => expect(alertTexts()).toContain(GONE));
  });

  it('says the phone is full when storage refuses the write', async () => {
    const full = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    db.centralTowns.hook('creating', full);
    const mark = await openChunan();
    await act(async () => fireEvent.click(mark));
    await waitFor(() =>
      expect(alertTexts()).toContain('没有保存：手机存储空间已满。请清理一些空间后再试。'),
    );
    db.centralTowns.hook('creating').unsubscribe(full);
  });
});

const savePilot = async () =>
  (
    await saveRecord('pilotTown', null, {
      townshipCode: QIANDAOHU,
      year: 2026,
      status: 'proposed',
      statusHistory: [{ status: 'proposed', date: '2026-03-01' }],
      milestones: [{ id: 'm1', title: '镇政府批复', done: false, doneOn: null }],
      notes: '',
      photos: [],
    })
  ).id;

describe('pilot page', () => {
  it('a role that may not change the pilot reads it, told why, with nothing to tap', async () => {
    const id = await savePilot();
    await signIn(officer);
    render(<PilotDetail id={id} />);
    expect(
      await screen.findByText(
        '您可以查看这个试点，但不能修改（只有试点所在县的协调员和管理员可以）。',
      ),
    ).toBeTruthy();
    expect(
      (screen.getByRole('checkbox', { name: '镇政府批复' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.queryByRole('button', { name: '添加' })).toBeNull();
    expect(screen.queryByRole('button', { name: '保存备注' })).toBeNull();
    expect(screen.queryByRole('heading', { name: '推进试点' })).toBeNull();
    expect(screen.queryByLabelText('拍照或选择验收材料')).toBeNull();
  });

  it('says a refusal is about permission, and keeps the milestone typed', async () => {
    const id = await savePilot();
    await signIn(coordinator);
    render(<PilotDetail id={id} />);
    fireEvent.change(await screen.findByLabelText('新的里程碑'), {
      target: { value: '验收材料上报' },
    });
    await act(async () => {
      await signIn(officer);
      fireEvent.click(screen.getByRole('button', { name: '添加' }));
    });
    await waitFor(() => expect(alertTexts()).toContain(NOT_ALLOWED));
    expect((await getRecord('pilotTown', id))!.milestones).toHaveLength(1);
  });

  it('names the field and what to fix when the notes are refused', async () => {
    const id = await savePilot();
    render(<PilotDetail id={id} />);
    fireEvent.change(await screen.findByLabelText('备注'), {
      target: { value: '长'.repeat(2001) },
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存备注' })));
    const summary = await waitFor(() => {
      const found = alertTexts().find((text) => text.includes('还有几处需要改一下'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(summary).toMatch(/备注.*2000/);
    expect((await getRecord('pilotTown', id))!.notes).toBe('');
    // The summary takes focus: a thumb and a screen reader land on what to fix. In an effect, which
    // Preact runs a frame after the render that showed the summary (React ran it before).
    await waitFor(() => expect(document.activeElement?.className).toContain('form__summary'));
  });

  it('a pilot deleted while open says so, stays as it was, and keeps the notes typed', async () => {
    const id = await savePilot();
    render(<PilotDetail id={id} />);
    fireEvent.change(await screen.findByLabelText('备注'), { target: { value: '镇政府已盖章' } });
    await act(async () => {
      await deleteRecord('pilotTown', id);
    });
    expect(await screen.findByText('这条记录已经不在了')).toBeTruthy();
    expect((screen.getByLabelText('备注') as HTMLTextAreaElement).value).toBe('镇政府已盖章');
    // The page and the notes' form each follow the record: the form may learn it is gone a
    // render after the page says so (a loaded machine split them once).
    await waitFor(() =>
      expect((screen.getByRole('button', { name: '保存备注' }) as HTMLButtonElement).disabled).toBe(
        true,
      ),
    );
    expect(
      (screen.getByRole('checkbox', { name: '镇政府批复' }) as HTMLInputElement).disabled,
    ).toBe(true);
    await waitFor(async () =>
      expect((await loadDraft(`pilotTown:notes:${id}`))?.value).toEqual({ notes: '镇政府已盖章' }),
    );
  });

  it('a tap on a pilot deleted meanwhile says it is gone', async () => {
    const id = await savePilot();
    render(<PilotDetail id={id} />);
    const box = await screen.findByRole('checkbox', { name: '镇政府批复' });
    await act(async () => {
      await deleteRecord('pilotTown', id);
      fireEvent.click(box);
    });
    await waitFor(() => expect(alertTexts()).toContain(GONE));
  });
});

describe('who is offered what on a town and a store', () => {
  it('an officer of the town reads its stores and pilots, with no 新增 or 修改 to tap', async () => {
    await markCentralTown(QIANDAOHU, 2013);
    const store = await saveRecord('flagshipStore', null, {
      townshipCode: QIANDAOHU,
      platform: 'zhejiangGuan',
      storeName: '千岛湖特产旗舰店',
      url: null,
      status: 'planned',
      openedOn: null,
      mainProducts: '',
      operator: '',
      monthlyFigures: [],
    });
    await signIn(officer);
    render(<TownPage code={QIANDAOHU} year={2026} />);
    expect(await screen.findByRole('link', { name: '千岛湖特产旗舰店' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '新增旗舰店' })).toBeNull();
    expect(screen.queryByRole('button', { name: '新增试点' })).toBeNull();
    cleanup();
    render(<StoreDetail id={store.id} />);
    expect(await screen.findByText('千岛湖特产旗舰店')).toBeTruthy();
    expect(screen.queryByRole('link', { name: '修改旗舰店' })).toBeNull();
    expect(screen.queryByRole('heading', { name: '更改状态' })).toBeNull();
  });

  it('the county coordinator is offered them', async () => {
    await markCentralTown(QIANDAOHU, 2013);
    await signIn(coordinator);
    render(<TownPage code={QIANDAOHU} year={2026} />);
    expect(await screen.findByRole('link', { name: '新增旗舰店' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '新增试点' })).toBeTruthy();
  });
});

/**
 * The targets grid says why a save failed through the one error mapper (src/features/shared/
 * errors.ts) instead of one "保存失败" for everything: here the phone's storage refusing the
 * write. Nothing is written (one transaction) and what was typed stays in the grid.
 */
import { act, configure, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setTarget } from '../../actions';
import { getRecord, listOutbox, writeSession, type CundianDb } from '../../db';
import { targetId } from '../../domain/target';
import { TargetGrid } from './TargetGrid';
import { freshDatabase } from '../../test-support/database';
import { serveRegionFiles } from '../../test-support/regions';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const CHUNAN = '330127';
let db: CundianDb;

beforeEach(async () => {
  db = freshDatabase('target-grid-errors');
  serveRegionFiles();
  await setTarget(2026, null, 'servicePoints', 1500);
  await writeSession(
    {
      token: 't',
      user: {
        id: 'u-admin',
        username: 'admin',
        displayName: 'admin',
        role: 'admin',
        scope: { level: 'prefecture', code: '3301' },
      },
      loggedInAt: '2026-03-01T00:00:00Z',
    },
    db,
  );
});

describe('targets grid errors', () => {
  it('says the phone is full, writes nothing and keeps what was typed', async () => {
    const full = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    db.targets.hook('creating', full);
    db.targets.hook('updating', full);
    render(<TargetGrid year={2026} metric="servicePointsOpen" />);
    const input = (await screen.findByLabelText(
      '淳安县的“运营中的服务点”目标',
    )) as HTMLInputElement;
    fireEvent.change(input, { target: { value: '220' } });
    fireEvent.change(screen.getByLabelText('全市的“运营中的服务点”目标'), {
      target: { value: '1600' },
    });
    const outboxBefore = (await listOutbox()).length;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '保存' })));
    // The one mapper's sentence for a full phone: what happened, and what to do about it.
    const alert = await screen.findByText(/手机存储空间已满/);
    expect(alert).toBeTruthy();
    expect(screen.queryByText('保存失败，一项都没有保存。请重试。')).toBeNull();
    expect(await getRecord('target', targetId(2026, CHUNAN, 'servicePoints'))).toBeUndefined();
    expect((await getRecord('target', targetId(2026, null, 'servicePoints')))?.value).toBe(1500);
    expect((await listOutbox()).length).toBe(outboxBefore);
    expect((screen.getByLabelText('淳安县的“运营中的服务点”目标') as HTMLInputElement).value).toBe(
      '220',
    );
    db.targets.hook('creating').unsubscribe(full);
    db.targets.hook('updating').unsubscribe(full);
  });
});

/**
 * Notices tell the user what needs them and lead to where they act — and tell nobody of what
 * they cannot act on: an officer hears of their refused changes, never of conflicts (which only
 * coordinators and admins may resolve), and of no metric that their own work does not move.
 * The rules are `noticesOf` (pure); the line above the lists shows them, at most two rows tall.
 */
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  keepAnswer,
  writePaceSummary,
  writeSession,
  type CundianDb,
  type RejectedEntry,
} from '../../db';
import { rejectedTable } from '../../db/sync-state';
import { areaOfCode } from '../../domain/metrics';
import type { User } from '../../domain/protocol';
import { NoticesLine } from './NoticesLine';
import {
  INBOX_COUNTS_KEY,
  noticesOf,
  noticeTotal,
  REFUSED_HREF,
  useNotices,
  type NoticeInputs,
} from './notices';
import { freshDatabase } from '../../test-support/database';

const CHUNAN = areaOfCode('330127');
const AT = '2026-06-30T08:00:00.000Z';

function inputs(overrides: Partial<NoticeInputs> = {}): NoticeInputs {
  return {
    user: { id: 'u1', role: 'coordinator' },
    area: CHUNAN,
    year: 2026,
    rejected: [],
    inbox: null,
    pace: null,
    ...overrides,
  };
}

describe('noticesOf', () => {
  it('lists unread refusals, waiting conflicts and duplicates, and metrics behind — in that order', () => {
    const notices = noticesOf(
      inputs({
        rejected: [{ dismissedAt: null }, { dismissedAt: AT }, { dismissedAt: null }],
        inbox: { value: { userId: 'u1', conflicts: 3, duplicates: 2 }, keptAt: AT },
        pace: {
          userId: 'u1',
          areaCode: '330127',
          year: 2026,
          behind: ['servicePointsOpen', 'peopleTrained'],
          at: AT,
        },
      }),
    );
    expect(notices.map((n) => [n.kind, n.count, n.href])).toEqual([
      ['refused', 2, REFUSED_HREF],
      ['conflicts', 3, '/sync/conflicts'],
      ['duplicates', 2, '/points/duplicates'],
      ['behind', 2, '/'],
    ]);
    expect(noticeTotal(notices)).toBe(9);
  });

  it('tells nobody what they cannot act on', () => {
    const all = {
      rejected: [{ dismissedAt: null }],
      inbox: { value: { userId: 'u1', conflicts: 3, duplicates: 2 }, keptAt: AT },
      pace: {
        userId: 'u1',
        areaCode: '330127',
        year: 2026,
        behind: ['servicePointsOpen' as const, 'peopleTrained' as const],
        at: AT,
      },
    };
    // A trainer: their refusals, and training behind — not conflicts, not service points.
    const trainer = noticesOf(inputs({ ...all, user: { id: 'u1', role: 'trainer' } }));
    expect(trainer.map((n) => n.kind)).toEqual(['refused', 'behind']);
    expect(trainer[1]).toMatchObject({ metrics: ['peopleTrained'] });
    // An officer: service points behind, never people trained (not even on their phone).
    const officer = noticesOf(inputs({ ...all, user: { id: 'u1', role: 'officer' } }));
    expect(officer.map((n) => n.kind)).toEqual(['refused', 'behind']);
    expect(officer[1]).toMatchObject({ metrics: ['servicePointsOpen'] });
  });

  it('ignores what was remembered for another account, another area or another year, and zeros', () => {
    const pace = {
      userId: 'u1',
      areaCode: '330127',
      year: 2026,
      behind: ['servicePointsOpen' as const],
      at: AT,
    };
    expect(
      noticesOf(
        inputs({ inbox: { value: { userId: 'u9', conflicts: 3, duplicates: 2 }, keptAt: AT } }),
      ),
    ).toEqual([]);
    expect(
      noticesOf(
        inputs({ inbox: { value: { userId: 'u1', conflicts: 0, duplicates: 0 }, keptAt: AT } }),
      ),
    ).toEqual([]);
    expect(noticesOf(inputs({ pace: { ...pace, userId: 'u9' } }))).toEqual([]);
    expect(noticesOf(inputs({ pace: { ...pace, areaCode: '330122' } }))).toEqual([]);
    expect(noticesOf(inputs({ pace: { ...pace, year: 2025 } }))).toEqual([]);
    expect(noticesOf(inputs({ pace: { ...pace, behind: [] } }))).toEqual([]);
    // Nobody signed in: only what the device itself knows.
    expect(
      noticesOf(inputs({ user: null, rejected: [{ dismissedAt: null }], pace })).map((n) => n.kind),
    ).toEqual(['refused']);
  });
});

describe('NoticesLine', () => {
  let db: CundianDb;
  const coordinator: User = {
    id: 'u1',
    username: 'coordinator',
    displayName: '李协调',
    role: 'coordinator',
    scope: { level: 'county', code: '330127' },
  };
  const year = new Date().getFullYear();

  beforeEach(async () => {
    db = freshDatabase('notices-line');
    await writeSession({ token: 't', user: coordinator, loggedInAt: AT }, db);
  });

  const refusal = (seq: number): RejectedEntry => ({
    seq,
    mutationId: seq,
    entity: 'servicePoint',
    recordId: `01900000-0000-7000-8000-00000000000${seq}`,
    op: 'upsert',
    changes: { name: 'x' },
    baseVersion: 1,
    createdAt: AT,
    reason: 'validation',
    message: null,
    rejectedAt: AT,
    dismissedAt: null,
  });

  it('shows nothing when nothing needs the user', async () => {
    const { container } = render(<NoticesLine />);
    // What the line is drawn from, once read from the device: nothing (not "not read yet").
    const notices = renderHook(() => useNotices());
    await waitFor(() => expect(notices.result.current).toEqual([]));
    expect(container.textContent).toBe('');
    // And the line is live: a refusal arriving now shows at once.
    await act(async () => {
      await rejectedTable(db).add(refusal(1));
    });
    await within(container).findByRole('link', { name: '1 条修改被服务器拒绝，请查看原因' });
  });

  it('shows each notice as a link to where to act, two at most', async () => {
    await keepAnswer(INBOX_COUNTS_KEY, { userId: 'u1', conflicts: 0, duplicates: 2 }, db);
    await writePaceSummary(
      { userId: 'u1', areaCode: '330127', year, behind: ['servicePointsOpen'], at: AT },
      db,
    );
    render(<NoticesLine />);
    const line = await screen.findByRole('region', { name: '需要你处理' });
    const duplicates = await within(line).findByRole('link', {
      name: '有 2 对可能重复的服务点待处理',
    });
    expect(duplicates.getAttribute('href')).toBe('/points/duplicates');
    const behind = within(line).getByRole('link', { name: '1 项指标落后于进度' });
    expect(behind.getAttribute('href')).toBe('/');

    // A third (a refusal, the most urgent): it comes first, and the rest are "N more".
    await act(async () => {
      await rejectedTable(db).add(refusal(1));
    });
    await within(line).findByRole('link', { name: '1 条修改被服务器拒绝，请查看原因' });
    expect(
      within(line)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual([REFUSED_HREF, '/notices']);
    expect(within(line).getByRole('link', { name: '还有 2 件事需要处理' })).toBeTruthy();
  });
});

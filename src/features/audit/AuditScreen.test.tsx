/**
 * 安全审计 for an admin: entries in words (what, who, when, from where), filters sent as the
 * server's query, older pages on demand; other roles get a sentence, not a request. Every action
 * the server records has a name in both languages.
 */
import { act, configure, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { translate } from '../../i18n';
import { writeSession, type CundianDb } from '../../db';
import { AUDIT_ACTIONS, AUDIT_ACTION_GROUPS, type AuditEntry } from '../../domain/audit';
import type { User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import AuditScreen from './AuditScreen';
import { freshDatabase } from '../../test-support/database';

configure({ asyncUtilTimeout: 5_000 });

const admin: User = {
  id: 'u0',
  username: 'admin',
  displayName: '市管理员',
  role: 'admin',
  scope: { level: 'prefecture', code: '3301' },
};

const entry = (id: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-02T08:00:00.000Z',
  action: 'login.failed',
  outcome: 'refused',
  actorId: null,
  actorUsername: 'wang',
  actorRole: null,
  subjectType: null,
  subjectId: null,
  subjectLabel: null,
  areas: ['330127'],
  address: '192.0.2.7',
  userAgent: 'Android phone',
  details: {},
  ...overrides,
});

let db: CundianDb;
const asked: string[] = [];

beforeEach(() => {
  asked.length = 0;
  db = freshDatabase('audit-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url) => {
        const { pathname, search } = new URL(url);
        asked.push(`${pathname}${search}`);
        const after = new URL(url).searchParams.get('after');
        const page = after
          ? { entries: [entry(1, { action: 'user.created', outcome: 'ok' })], next: null }
          : { entries: [entry(3), entry(2, { action: 'logout', outcome: 'ok' })], next: 2 };
        return new Response(JSON.stringify(page), { status: 200 });
      },
    }),
  );
});

function renderScreen() {
  const { hook } = memoryLocation({ path: '/audit' });
  render(
    <Router hook={hook}>
      <AuditScreen />
    </Router>,
  );
}

describe('AuditScreen', () => {
  it('shows who did what, when and from where, filters and pages', async () => {
    await writeSession({ token: 't', user: admin, loggedInAt: '2026-03-01T00:00:00Z' }, db);
    renderScreen();
    const list = await screen.findByRole('list', { name: '安全审计' });
    expect(list.textContent).toContain('登录失败（密码或用户名不对）');
    expect(list.textContent).toContain('被拒绝');
    expect(list.textContent).toContain('操作人：wang');
    expect(screen.getAllByText(/来源：192\.0\.2\.7 · 设备：Android phone/)).toHaveLength(2);
    expect(asked).toEqual(['/api/audit?limit=50']);

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '加载更早的记录' }));
    });
    expect((await screen.findAllByText('新建用户')).some((e) => e.tagName === 'STRONG')).toBe(true);
    expect(asked.at(-1)).toBe('/api/audit?after=2&limit=50');
    expect(screen.queryByRole('button', { name: '加载更早的记录' })).toBeNull();

    fireEvent.change(screen.getByLabelText('操作人（用户名）'), { target: { value: 'wang' } });
    fireEvent.change(screen.getByLabelText('操作类型'), { target: { value: 'user' } });
    fireEvent.change(screen.getByLabelText('开始日期'), { target: { value: '2026-03-01' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查询' }));
    });
    expect(asked.at(-1)).toBe('/api/audit?actor=wang&action=user&from=2026-03-01&limit=50');

    fireEvent.change(screen.getByLabelText('结束日期'), { target: { value: '2026-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    expect(await screen.findByText('开始日期要早于结束日期。')).toBeTruthy();
  });

  it('is only for admins', async () => {
    await writeSession(
      { token: 't', user: { ...admin, role: 'coordinator' }, loggedInAt: '2026-03-01T00:00:00Z' },
      db,
    );
    renderScreen();
    expect(await screen.findByText('只有管理员可以查看安全审计记录。')).toBeTruthy();
    expect(asked).toEqual([]);
  });

  it('names every recorded action and group in Chinese and English', () => {
    for (const action of AUDIT_ACTIONS) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const key = `audit.action.${action}` as const;
        expect(translate(locale, key), `${locale} ${key}`).not.toBe(key);
      }
    }
    for (const group of AUDIT_ACTION_GROUPS) {
      expect(translate('en', `audit.group.${group}`)).not.toBe(`audit.group.${group}`);
    }
  });
});

/**
 * Changing one's password (issue 14), in the screens a user sees: what is wrong with a new
 * password is said before anything is sent; the server's refusal of the current password is said
 * in its words; right after a sign-in whose password an admin set, the app asks for a new one
 * before downloading anything.
 */
import { act, configure, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { writeSession, type CundianDb } from '../../db';
import type { PasswordStatus, User } from '../../domain/protocol';
import { appSyncStore, INITIAL_SYNC_STATE, setSyncEngine, SyncEngine } from '../../sync';
import LoginScreen from '../sync/LoginScreen';
import { ChangePasswordForm } from './ChangePasswordForm';
import { freshDatabase } from '../../test-support/database';

configure({ asyncUtilTimeout: 5_000 });

const officer: User = {
  id: 'u1',
  username: 'wangfang',
  displayName: '王芳',
  role: 'officer',
  scope: { level: 'township', code: '330127101' },
};

const status = (overrides: Partial<PasswordStatus> = {}): PasswordStatus => ({
  mustChange: false,
  reason: null,
  expiresAt: '2027-06-01T00:00:00.000Z',
  warn: false,
  policy: { minLength: 10, minClasses: 3, maxLength: 200 },
  ...overrides,
});

type Answer = { status: number; body: unknown };
let answers: Record<string, Answer[]>;
let requests: { path: string; method: string; body: unknown }[];
let db: CundianDb;

beforeEach(() => {
  db = freshDatabase('password-test');
  appSyncStore.setState({ ...INITIAL_SYNC_STATE });
  answers = {};
  requests = [];
  setSyncEngine(
    new SyncEngine({
      db,
      baseUrl: 'http://test',
      fetch: async (url, init) => {
        const path = new URL(url).pathname;
        requests.push({
          path,
          method: init.method ?? 'GET',
          body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
        });
        const queue = answers[path] ?? [];
        const answer = queue.length > 1 ? queue.shift()! : queue[0];
        if (!answer) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify(answer.body), { status: answer.status });
      },
    }),
  );
});

async function fill(old: string, next: string, repeat = next) {
  await screen.findByLabelText('旧密码'); // once the session is read from the device
  fireEvent.change(screen.getByLabelText('旧密码'), { target: { value: old } });
  fireEvent.change(screen.getByLabelText('新密码'), { target: { value: next } });
  fireEvent.change(screen.getByLabelText('再输一次新密码'), { target: { value: repeat } });
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '修改密码' }));
  });
}

describe('ChangePasswordForm', () => {
  beforeEach(async () => {
    await writeSession({ token: 'tok', user: officer, loggedInAt: new Date().toISOString() }, db);
  });

  it('says what is wrong with the new password before sending anything', async () => {
    const changed: PasswordStatus[] = [];
    render(<ChangePasswordForm onChanged={(s) => changed.push(s)} />);
    await screen.findByText(/至少 10 个字符/); // the rules, shown up front

    await fill('', 'abc');
    expect(screen.getByText('请输入旧密码（你现在用来登录的密码）')).toBeTruthy();
    expect(screen.getByText(/新密码至少要 10 个字符，请加长/).textContent).toContain(
      '至少 3 种（现在只有 1 种）',
    );
    await fill('Old-password-1', 'WangFang-2026x');
    expect(screen.getByText('新密码不能包含用户名（正写、倒写都不行）')).toBeTruthy();
    await fill('Old-password-1', 'Qiandao-lake-7', 'Qiandao-lake-8');
    expect(screen.getByText('两次输入的新密码不一样，请重新输入')).toBeTruthy();
    expect(requests).toEqual([]);
    expect(changed).toEqual([]);
  });

  it('shows the server’s words for a wrong current password, and reports a change', async () => {
    const changed: PasswordStatus[] = [];
    render(<ChangePasswordForm onChanged={(s) => changed.push(s)} />);
    answers['/api/auth/password'] = [
      {
        status: 400,
        body: {
          error: 'wrongOldPassword',
          message: 'x',
          messages: {
            'zh-CN': '旧密码不对：请输入你现在用来登录的密码',
            en: 'the old password is wrong',
          },
        },
      },
      { status: 200, body: { password: status(), otherSessionsEnded: 1 } },
    ];
    await fill('Wrong-password-1', 'Qiandao-lake-7');
    expect(await screen.findByText('旧密码不对：请输入你现在用来登录的密码')).toBeTruthy();
    expect(requests.at(-1)).toEqual({
      path: '/api/auth/password',
      method: 'PUT',
      body: { oldPassword: 'Wrong-password-1', newPassword: 'Qiandao-lake-7' },
    });
    expect(changed).toEqual([]);

    await fill('Right-password-1', 'Qiandao-lake-7');
    expect(changed).toEqual([status()]);
  });

  it('says that changing needs the network when offline', async () => {
    render(<ChangePasswordForm onChanged={() => undefined} />);
    await fill('Right-password-1', 'Qiandao-lake-7');
    expect((await screen.findByRole('alert')).textContent).toContain('没有网络');
  });
});

describe('the forced change after sign-in', () => {
  it('asks for the user’s own password before downloading anything', async () => {
    answers['/api/auth/login'] = [
      {
        status: 200,
        body: {
          token: 'tok',
          user: officer,
          password: status({ mustChange: true, reason: 'setByAdmin' }),
        },
      },
    ];
    const location = memoryLocation({ path: '/login', record: true });
    render(
      <Router hook={location.hook}>
        <LoginScreen />
      </Router>,
    );
    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'wangfang' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Set-by-admin-1' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '登录' }));
    });
    expect(await screen.findByRole('heading', { name: '请设置你自己的密码' })).toBeTruthy();
    expect(screen.getByText(/你的密码是管理员设置的/)).toBeTruthy();
    expect(requests.map((r) => r.path)).toEqual(['/api/auth/login']); // nothing downloaded yet

    answers['/api/auth/password'] = [
      { status: 200, body: { password: status(), otherSessionsEnded: 0 } },
    ];
    answers['/api/sync/pull'] = [
      { status: 200, body: { changes: [], cursor: 'c1', hasMore: false, lastMutationId: 0 } },
    ];
    await fill('Set-by-admin-1', 'Qiandao-lake-7');
    expect(await screen.findByText('下载完成，可以离线使用了。')).toBeTruthy();
    expect(requests.map((r) => r.path)).toContain('/api/sync/pull');
  });
});
